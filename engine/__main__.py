"""Command line of the engine.

    python -m engine check-gradient --network NAME --target dW1 "FORMULA" [--json] [--lang ja|en]
    python -m engine presets [--json]
    python -m engine gradcheck path/to/file.py:ClassName [--json] [--fast] [size flags]

Exit status: check-gradient and presets 0 whatever the verdict; gradcheck 0 when every
parameter passes and 1 when any is wrong; 2 for usage errors (unknown network or target,
a file or class that cannot be loaded or run, sizes that are not pairwise distinct).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from engine.formula import FormulaRequestError, FormulaVerdict, check_formula
from engine.learner_code import run_learner_gradcheck
from engine.learner_loading import LearnerCodeError
from engine.learner_report import format_table
from engine.presets import PRESETS, Preset


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run one sub-command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (FormulaRequestError, LearnerCodeError) as error:
        parser.exit(2, f"{parser.prog}: error: {error.messages[args.lang]}\n")
    except BrokenPipeError:  # the reader (e.g. `| head`) left early: no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 2  # pragma: no cover - parser.exit raises SystemExit


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m engine", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser(
        "check-gradient", help="judge a backprop formula for a preset network"
    )
    check.add_argument("--network", required=True, help=f"one of: {', '.join(PRESETS)}")
    check.add_argument(
        "--target", required=True, help="the gradient the formula computes, e.g. dW1"
    )
    check.add_argument("formula", help='NumPy-dialect formula, e.g. "x.T @ da1"')
    check.add_argument("--seed", type=int, default=None, help="seed of the random draws")
    check.set_defaults(run=_check_gradient)

    presets = commands.add_parser("presets", help="list the preset networks")
    presets.set_defaults(run=_presets)

    learner = commands.add_parser("gradcheck", help="gradient-check your own NumPy class")
    learner.add_argument("spec", metavar="FILE.py:ClassName", help="the class to check")
    for flag, default in (("input-size", 5), ("hidden-size", 4), ("output-size", 3), ("batch", 6)):
        learner.add_argument(f"--{flag}", type=int, default=default, help=f"default {default}")
    learner.add_argument("--seed", type=int, default=0, help="seed of the random data")
    learner.add_argument("--fast", action="store_true", help="directional checks only")
    learner.set_defaults(run=_gradcheck)

    for sub in (check, presets, learner):
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.add_argument("--lang", choices=("ja", "en"), default="ja", help="message language")
    return parser


def _check_gradient(args: argparse.Namespace) -> int:
    verdict = check_formula(args.network, args.target, args.formula, seed=args.seed, lang=args.lang)
    if args.json:
        print(json.dumps(verdict.to_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        print(_verdict_text(verdict, args.formula, args.lang))
    return 0


def _verdict_text(verdict: FormulaVerdict, formula: str, lang: str) -> str:
    """The verdict word, the message and, for ``invalid``, the formula with a marker."""
    head = verdict.verdict
    if verdict.diagnosis is not None:
        head += f" ({verdict.diagnosis['code']})"
    lines = [head, verdict.messages[lang]]
    if verdict.span is not None and "\n" not in formula:
        start, end = verdict.span
        lines += ["  " + formula, "  " + " " * start + "^" * max(end - start, 1)]
    return "\n".join(lines)


def _gradcheck(args: argparse.Namespace) -> int:
    report = run_learner_gradcheck(
        args.spec,
        input_size=args.input_size,
        hidden_size=args.hidden_size,
        output_size=args.output_size,
        batch=args.batch,
        seed=args.seed,
        fast=args.fast,
    )
    if args.json:
        print(json.dumps(report.to_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        print(format_table(report, args.lang))
    return 0 if report.passed else 1


def preset_summary(preset: Preset) -> dict[str, object]:
    """JSON-safe description of one preset: shapes, targets and their formulas."""
    return {
        "name": preset.name,
        "layout": preset.layout,
        "title": dict(preset.title),
        "shapes": {k: list(v) for k, v in preset.shapes.items()},
        "targets": list(preset.targets),
        "target_shapes": {k: list(v) for k, v in preset.target_shapes.items()},
        "upstream": {k: list(v) for k, v in preset.upstream.items()},
        "formulas": {
            t: {"numpy": preset.reference_formulas[t], "latex": preset.latex[t]}
            for t in preset.targets
        },
    }


def _presets(args: argparse.Namespace) -> int:
    summaries = [preset_summary(p) for p in PRESETS.values()]
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
        return 0
    for summary in summaries:
        print(f"{summary['name']} ({summary['layout']}): {summary['title'][args.lang]}")
        shapes = ", ".join(f"{k} {tuple(v)}" for k, v in summary["shapes"].items())
        print(f"  names: {shapes}")
        for target, formula in summary["formulas"].items():
            shape = tuple(summary["target_shapes"][target])
            print(f"  {target} {shape} = {formula['numpy']}    [{formula['latex']}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
