#!/usr/bin/env bash
# Serve Bibun Dojo in production: migrations first (in gunicorn's master), then gunicorn
# with several worker processes (gthread), sized to the machine. No --preload: each
# worker imports quizapp.wsgi (the app, plus a background warm-up of its own checker
# pool) after the fork, so no database connection or checker pool is shared.
#
#   scripts/serve_production.sh                  # 127.0.0.1:8000
#   QUIZAPP_PORT=8080 scripts/serve_production.sh
#
# Environment (all optional):
#   QUIZAPP_HOST / QUIZAPP_PORT  bind address (default 127.0.0.1 / 8000; put a proxy in front)
#   QUIZAPP_WEB_WORKERS          gunicorn worker processes (default: number of cores, at least 2)
#   QUIZAPP_WEB_THREADS          threads per worker (default 4)
#   DERIVATIONS_WORKERS          symbolic checker processes per web worker
#                                (default: cores / web workers, at least 1)
#   DATABASE_URL, SECRET_KEY     see quizapp/config.py (SQLite file in instance/ by default)
#   QUIZAPP_GUNICORN             gunicorn executable (default .venv/bin/gunicorn)
set -euo pipefail
cd "$(dirname "$0")/.."

cores=$(nproc 2>/dev/null || echo 2)
web_workers=${QUIZAPP_WEB_WORKERS:-$(( cores > 2 ? cores : 2 ))}
threads=${QUIZAPP_WEB_THREADS:-4}
per_worker=$(( cores / web_workers ))
export DERIVATIONS_WORKERS=${DERIVATIONS_WORKERS:-$(( per_worker > 1 ? per_worker : 1 ))}
bind="${QUIZAPP_HOST:-127.0.0.1}:${QUIZAPP_PORT:-8000}"

echo "[serve] gunicorn on $bind: $web_workers workers x $threads threads," \
  "$DERIVATIONS_WORKERS checker process(es) per worker" >&2
# scripts/gunicorn_conf.py runs the migrations in the master before any worker starts
# (this also creates instance/secret_key once, so workers never race to create it).
exec "${QUIZAPP_GUNICORN:-.venv/bin/gunicorn}" \
  --config scripts/gunicorn_conf.py \
  --no-control-socket \
  --bind "$bind" \
  --workers "$web_workers" \
  --worker-class gthread \
  --threads "$threads" \
  --timeout 30 \
  --graceful-timeout 10 \
  --max-requests 5000 \
  --max-requests-jitter 500 \
  quizapp.wsgi:app
