# Front door. `make serve` and `make test` each do their own setup on a fresh machine.
VENV := .venv/bin

.PHONY: setup serve serve-production test test-fast lint format bench bank-verify

setup:
	scripts/setup.sh

serve: setup
	$(VENV)/flask --app quizapp db upgrade
	$(VENV)/waitress-serve --host 127.0.0.1 --port 5000 --threads 8 quizapp.wsgi:app

serve-production: setup
	scripts/serve_production.sh

test:
	scripts/setup.sh --browser
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/python -m pytest -q
	$(VENV)/flask --app quizapp bank verify
	$(VENV)/flask --app quizapp bank list --json > /dev/null

test-fast: setup
	$(VENV)/python -m pytest -q -m "not browser and not slow"

lint:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .

format:
	$(VENV)/ruff check --fix .
	$(VENV)/ruff format .

bench: setup
	$(VENV)/python bench/check_bench.py
	$(VENV)/python bench/gradcheck_bench.py

bank-verify: setup
	$(VENV)/flask --app quizapp bank verify
