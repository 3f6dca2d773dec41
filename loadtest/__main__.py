"""``python -m loadtest run --scenario all|NAME[,NAME...] [--repeat N] [--full]
[--database sqlite|postgres|both]`` and ``python -m loadtest reconcile DATABASE_URL LEDGER``.

``--scenario steady,hostile --repeat 3`` runs the pair three times in turn, so the
hostile mix is compared with steady practice measured just before it, under the same
machine load (on a shared 2-core machine one pair alone is noisy)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
from importlib.metadata import version
from pathlib import Path

from loadtest.reconcile import reconcile
from loadtest.scenarios import NAMES, Settings, pooled, run_scenario


def _machine() -> dict:
    versions = {
        name: version(name) for name in ("flask", "sqlalchemy", "gunicorn", "sympy", "psycopg")
    }
    return {"python": platform.python_version(), "cores": os.cpu_count(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "kernel": platform.release(), "sqlite": sqlite3.sqlite_version, **versions}  # fmt: skip


def _scenarios(value: str) -> tuple[str, ...]:
    if value == "all":
        return NAMES
    names = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [name for name in names if name not in NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown scenario(s) {unknown}; choose from {NAMES}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run scenarios against a real server")
    run.add_argument("--scenario", default="all", type=_scenarios, help="all or NAME[,NAME...]")
    run.add_argument("--repeat", type=int, default=1, help="run the scenario list N times")
    run.add_argument("--full", action="store_true", help="full lengths (90 s, 25 restarts)")
    run.add_argument("--database", default="sqlite", choices=("sqlite", "postgres", "both"))
    run.add_argument("--learners", type=int, default=50)
    run.add_argument("--duration", type=float, help="seconds per scenario (override)")
    run.add_argument("--restarts", type=int, help="kill -9 rounds (override)")
    run.add_argument("--out", type=Path, default=Path("loadtest/results"))
    check = commands.add_parser("reconcile", help="check a ledger against a database")
    check.add_argument("database_url")
    check.add_argument("ledger", type=Path)
    args = parser.parse_args(argv)
    if args.command == "reconcile":
        result = reconcile(args.database_url, args.ledger)
        print(json.dumps(result.summary()))
        return 0 if result.ok else 1
    names = args.scenario * args.repeat
    databases = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    out = args.out.resolve() / time.strftime("%Y%m%d-%H%M%S")
    report = {"machine": _machine(), "full": args.full, "results": []}
    ok = True
    for database in databases:
        settings = Settings(args.full, database, out, learners=args.learners,
                            duration_s=args.duration, restarts=args.restarts)  # fmt: skip
        per_round = len(names) // args.repeat
        for index, name in enumerate(names):
            round_number = index // per_round + 1
            if args.repeat > 1:
                settings.out = out / f"round{round_number}"
            result = run_scenario(name, settings) | {"round": round_number}
            report["results"].append(result)
            print(json.dumps(result), flush=True)
            checked = result.get("reconciliation", {"ok": True})
            ok = ok and checked["ok"] and result.get("status_500", 0) == 0
    if args.repeat > 1:  # every answer of every round, per scenario and database
        report["pooled"] = {
            f"{database}-{name}": pooled(sorted(out.glob(f"round*/{database}-{name}")))
            for database in databases
            for name in dict.fromkeys(args.scenario)
        }
        print(json.dumps(report["pooled"]), flush=True)
    (out / "report.json").write_text(json.dumps(report, indent=2))
    print(f"report: {out / 'report.json'}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
