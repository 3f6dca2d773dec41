"""Command line: ``python -m derivations check ...`` and ``python -m derivations steps ...``.

Examples::

    python -m derivations check "y*(1-y)" --reference "diff(sigmoid(x), x)" --define y=sigmoid(x)
    python -m derivations check "\\frac{1}{1+e^{-x}}" --reference "sigmoid(x)" --latex --json
    python -m derivations steps "diff(x**2, x)" "2*x" --reference "2*x" --lang ja
    python -m derivations check "-exp(-x)/(1+exp(-x))^2" --reference "diff(sigmoid(-x), x)"

The exit code is 0 whatever the verdict (wrong math is a result, not a failure); it is
2 only when the command line itself is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from derivations.check import check_expression
from derivations.steps import check_steps
from derivations.verdict import StepReport, Verdict

SHIELD = "\x00"  # cannot occur in a real command-line argument


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--latex", action="store_true", help="the answer is LaTeX")
    parser.add_argument(
        "--define", action="append", default=[], metavar="NAME=EXPR", help="a defined name"
    )
    parser.add_argument(
        "--var", action="extend", nargs="+", metavar="NAME", help="allowed variables (repeatable)"
    )
    parser.add_argument("--lang", choices=("ja", "en"), default="en")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m derivations", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="judge one answer against a reference")
    check.add_argument("answer")
    check.add_argument("--reference", required=True, help="plain-text reference (diff allowed)")
    _common(check)
    steps = commands.add_parser("steps", help="check a derivation step by step")
    steps.add_argument("steps", nargs="+", metavar="STEP")
    steps.add_argument("--reference", help="what the last step should equal")
    steps.add_argument("--start", help="what the first step should equal")
    _common(steps)
    return parser


def _print_verdict(verdict: Verdict, lang: str) -> None:
    data = verdict.to_dict(lang)
    print(f"{data['verdict']}: {data['message']}")
    if data["answer_latex"]:
        print(f"  read as: {data['answer_latex']}")
    if data["diagnosis"]:
        print(f"  mistake: {data['diagnosis']['code']}")
    if data["span"]:
        print(f"  at characters {data['span'][0]}-{data['span'][1]}")


def _print_steps(report: StepReport, lang: str) -> None:
    data = report.to_dict(lang)
    for step in data["steps"]:
        print(f"[{step['index']}] {step['status']}: {step['text']}")
        print(f"    {step['message']}")
    print(data["message"])


def _shield(argv: Sequence[str]) -> list[str]:
    """Math that starts with ``-`` (``-exp(-x)/(1+exp(-x))^2``) would look like an option
    to argparse; every option here is spelt ``--name`` (or ``-h``), so such a word gets a
    leading NUL, which argparse takes as "not an option" and :func:`_unshield` removes."""
    return [
        SHIELD + word if word[:1] == "-" and word[:2] != "--" and word != "-h" else word
        for word in argv
    ]


def _unshield(args: argparse.Namespace) -> argparse.Namespace:
    def plain(value: object) -> object:
        if isinstance(value, list):
            return [plain(item) for item in value]
        if isinstance(value, str) and value.startswith(SHIELD + "-"):
            return value[len(SHIELD) :]
        return value

    return argparse.Namespace(**{key: plain(value) for key, value in vars(args).items()})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    words = sys.argv[1:] if argv is None else argv
    args = _unshield(_parser().parse_args(_shield(words)))
    options = {
        "format": "latex" if args.latex else "text",
        "definitions": args.define,
        "variables": args.var,
    }
    if args.command == "check":
        result = check_expression(args.answer, args.reference, **options)
        show = _print_verdict
    else:
        result = check_steps(args.steps, reference=args.reference, start=args.start, **options)
        show = _print_steps
    if args.json:
        print(json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        show(result, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
