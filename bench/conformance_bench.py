"""Agreement of ``check_expression`` with STACK's answer-test fixtures.

Reads ``../shared/conformance/stack_answertests.json`` (194 AlgEquiv/Diff cases in
Maxima syntax), translates Maxima syntax (``%e`` -> ``e``, ``%pi`` -> ``pi``, ``signum`` -> ``sign``,
noun quotes and ``noundiff`` -> ``diff``, ``diff(f, x, 2)`` -> ``diff(f, x, x)``, STACK's
``root(x[, n])`` and ``lg(x[, a])``, ``cosec``/``cosech`` spellings; ``%i`` stays as it
is: complex numbers are outside our grammar), declares the case's variables, allows ``diff`` in answers, and
compares our verdict with the mathematically right ``expected``. A case whose student
or teacher text is outside our grammar comes back ``invalid`` and is counted apart;
every other case counts, and ``undetermined`` counts as a disagreement. Usage::

    .venv/bin/python bench/conformance_bench.py            # summary + every disagreement
    .venv/bin/python bench/conformance_bench.py --verbose  # one line per case
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from derivations import check_expression, worker  # noqa: E402

DEFAULT_CASES = ROOT.parent / "shared" / "conformance" / "stack_answertests.json"
_MAXIMA = (
    ("%e", "e"),
    ("%pi", "pi"),
    ("signum(", "sign("),
    ("'", ""),  # noun forms: 'diff(...) and 'root(...) mean the same as diff and root
    ("noundiff(", "diff("),
    ("cosech(", "csch("),
    ("cosec(", "csc("),
)


def _calls(text: str, name: str) -> list[tuple[int, int, list[str]]]:
    """``(start, end, args)`` of each outermost call ``name(...)`` in ``text``, last first."""
    found: list[tuple[int, int, list[str]]] = []
    index = text.find(name + "(")
    while index != -1:
        boundary = index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")
        if boundary and not (found and index < found[-1][1]):
            depth, args, start = 0, [], index + len(name) + 1
            for end in range(start - 1, len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if text[end] == "," and depth == 1:
                    args.append(text[start:end])
                    start = end + 1
                if depth == 0:
                    found.append((index, end + 1, [*args, text[start:end]]))
                    break
        index = text.find(name + "(", index + 1)
    return found[::-1]


def _rewrite_calls(text: str, name: str, build) -> str:
    """Replace every outermost ``name(...)`` by ``build(args)``; inner calls via the args."""
    for start, end, args in _calls(text, name):
        text = text[:start] + build([translate(a) for a in args]) + text[end:]
    return text


def _diff(args: list[str]) -> str:
    if len(args) == 3 and args[2].strip().isdigit():
        args = [args[0]] + [args[1]] * int(args[2])
    return "diff(" + ",".join(args) + ")"


_FUNCTIONS = {
    "root": lambda a: f"sqrt({a[0]})" if len(a) == 1 else f"({a[0]})^(1/({a[1]}))",
    "lg": lambda a: f"log({a[0]})/log({a[1] if len(a) > 1 else 10})",
    "diff": _diff,
}


def translate(maxima: str) -> str:
    """Maxima text in our plain-text syntax.

    >>> translate("%e^(x*%pi)+signum(x)-'root(x,n)+lg(8,2)")
    'e^(x*pi)+sign(x)-(x)^(1/(n))+log(8)/log(2)'
    """
    for old, new in _MAXIMA:
        maxima = maxima.replace(old, new)
    for name, build in _FUNCTIONS.items():
        maxima = _rewrite_calls(maxima, name, build)
    return maxima


def variables_of(case: dict) -> list[str]:
    """The variable names the fixture lists in its ``vars:`` feature."""
    for feature in case.get("features", []):
        if feature.startswith("vars:"):
            names = feature[len("vars:") :]
            return [] if names == "none" else names.split(",")
    return []


@dataclass(frozen=True)
class Outcome:
    case: dict
    verdict: str
    message: str
    method: str | None
    seconds: float

    @property
    def in_grammar(self) -> bool:
        return self.verdict != "invalid"

    @property
    def agrees(self) -> bool:
        return (
            self.verdict in ("correct", "incorrect")
            and (self.verdict == "correct") == self.case["expected"]
        )


def run(cases: list[dict]) -> list[Outcome]:
    """Check every case (in order)."""
    outcomes = []
    for case in cases:
        start = time.perf_counter()
        verdict = check_expression(
            translate(case["student"]),
            translate(case["teacher"]),
            variables=variables_of(case),
            forbid=(),
        )
        outcomes.append(
            Outcome(
                case, verdict.verdict, verdict.message, verdict.method, time.perf_counter() - start
            )
        )
    return outcomes


def report(outcomes: list[Outcome], verbose: bool = False) -> float:
    """Print the summary and the disagreements; returns agreement within our grammar."""
    inside = [o for o in outcomes if o.in_grammar]
    agreed = [o for o in inside if o.agrees]
    for o in outcomes if verbose else [o for o in inside if not o.agrees]:
        c = o.case
        print(
            f"{'ok ' if o.agrees else 'DIS' if o.in_grammar else 'inv'} {c['test']:8s} "
            f"{c['student']!r} vs {c['teacher']!r}: expected {c['expected']}, got {o.verdict}"
            f" ({o.method}) - {o.message[:140]}"
            + (f" | note: {c['note']}" if c.get("note") else "")
        )
    share = len(agreed) / len(inside) if inside else 0.0
    print(
        f"\n{len(outcomes)} cases: {len(outcomes) - len(inside)} outside our grammar (invalid), "
        f"{len(inside)} inside; agreement {len(agreed)}/{len(inside)} = {100 * share:.1f}% "
        f"(STACK itself: {sum(o.case['stack_verdict'] == o.case['expected'] for o in inside)}/{len(inside)}); "
        f"slowest {max(o.seconds for o in outcomes):.2f}s"
    )
    return share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args()
    report(run(json.loads(args.cases.read_text(encoding="utf-8"))), args.verbose)
    worker.shutdown()


if __name__ == "__main__":
    main()
