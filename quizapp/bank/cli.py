"""``flask --app quizapp bank verify`` and ``bank list --json``."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup

from quizapp.bank.loader import get_bank
from quizapp.bank.schema import BankError
from quizapp.bank.verify import verify_bank

bank_cli = AppGroup("bank", help="Inspect and verify the question bank.")


def _bank_or_exit():
    try:
        return get_bank()
    except BankError as error:
        for problem in error.problems:
            click.echo(f"FAIL {problem}", err=True)
        raise SystemExit(1) from None


@bank_cli.command("verify")
@click.option(
    "--seeds",
    type=int,
    default=None,
    help="Seeds per parameterised question (default VERIFY_SEEDS).",
)
@click.option("--only", "only", multiple=True, help="Verify only these question ids.")
def verify_command(seeds: int | None, only: tuple[str, ...]) -> None:
    """Prove every reference correct and every listed mistake / wrong option incorrect."""
    bank = _bank_or_exit()
    if only:
        missing = sorted(set(only) - set(bank.questions))
        if missing:
            click.echo(f"FAIL unknown question ids: {', '.join(missing)}", err=True)
            raise SystemExit(1)
        bank = type(bank)({q: bank.questions[q] for q in only}, bank.topics)
    count = seeds if seeds is not None else current_app.config["VERIFY_SEEDS"]
    report = verify_bank(bank, current_app.config["QUESTION_BANK_DIR"], count)
    for question_id, seed, problem in report.failures:
        click.echo(f"FAIL {question_id} (seed {seed}): {problem}", err=True)
    status = "OK" if report.ok else f"{len(report.failures)} FAILED"
    click.echo(
        f"bank verify: {report.questions} questions, {report.variants} variants, {report.checks} checks: {status}"
    )
    if not report.ok:
        raise SystemExit(1)


@bank_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array of objects).")
def list_command(as_json: bool) -> None:
    """List the questions: id, topic, type, languages, difficulty, has_params."""
    rows = [q.summary() for q in _bank_or_exit().questions.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        click.echo(
            f"{row['id']:40} {row['topic']:20} {row['type']:10} d{row['difficulty']}{' p' if row['has_params'] else ''}"
        )
