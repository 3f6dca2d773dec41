"""Accuracy and speed of ``derivations.check_expression`` on the shared answer corpus.

Runs, in one process and case by case (the three methods back to back on each case, so
that a change in the shared machine's load weighs on all of them alike):

- ours: ``check_expression(answer, reference, variables=vars)`` end to end (parse the
  answer with our parser, numeric screening, symbolic proof in the worker pool,
  diagnosis for wrong answers); the reference side is cached per reference text, as
  in production;
- ours without parsing: the same minus reading the answer text (``decide`` and, for
  wrong answers, ``diagnose`` on the expressions our parser built), which is what the
  baseline's timing covers too;
- baseline: ``simplify(ref - ans) == 0`` on the same expressions, built with our
  parser and then given plain Symbols and ``sigmoid`` written with ``exp`` as in the
  published baseline (the timing covers ``simplify`` only), with a per-case timeout.

After one warm-up case the heap is frozen (``gc.freeze()``), as the serving app does after
its warm-up, for both methods alike. SymPy's cache is cleared before every timed call of either method, as in
``../shared/reference/perf-baselines.md`` (``--warm`` keeps it, as a long-running
server would; the worker processes always keep theirs). Wall time, and CPU time: the calling
thread's plus (for ours) the worker's CPU for that check, which is robust to other
load on the machine. Usage, from the repository root::

    .venv/bin/python bench/check_bench.py                 # both, all 152 cases
    .venv/bin/python bench/check_bench.py --no-baseline   # ours only (a few seconds)
"""

from __future__ import annotations

import argparse
import gc
import json
import signal
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import sympy
from sympy.core.cache import clear_cache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from derivations import check_expression, parse_math, worker  # noqa: E402
from derivations.check import Problem, problem_for  # noqa: E402
from derivations.equivalence import Equivalence, decide  # noqa: E402
from derivations.functions import sigmoid, softplus  # noqa: E402
from derivations.mistakes import diagnose  # noqa: E402
from derivations.parsing import expand_definitions  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "corpus.json"


class _Timeout(BaseException):
    """Raised by SIGALRM; a BaseException so SymPy cannot swallow it."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _as_baseline(expr: sympy.Expr) -> sympy.Expr:
    """As the published baseline had it: plain Symbols, sigmoid written with exp."""
    customs = expr.atoms(sigmoid, softplus)
    expr = expr.xreplace({f: f.rewrite(sympy.exp) for f in customs})
    return expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols})


def _expressions(case: dict) -> tuple[sympy.Expr, sympy.Expr]:
    problem = problem_for(case["reference"], (), frozenset(case["vars"]), None)
    answer = parse_math(case["answer"], vocabulary=problem.vocabulary).expr
    answer = expand_definitions(answer, problem.vocabulary)
    return _as_baseline(answer), _as_baseline(problem.reference)


def _timed(case: dict, cold: bool, judge: Callable[[], tuple[str, dict]]) -> dict:
    """One timed call of ``judge()``, which returns the verdict and extra row fields."""
    if cold:
        clear_cache()
    start, cpu, worker_cpu = time.perf_counter(), time.thread_time(), worker.cpu_seconds()
    verdict, extra = judge()
    seconds = time.perf_counter() - start
    cpu = time.thread_time() - cpu + worker.cpu_seconds() - worker_cpu
    row = {"id": case["id"], "expected": case["expected"], "seconds": seconds, "cpu": cpu}
    return row | {"verdict": verdict} | extra


def _ours(case: dict) -> tuple[str, dict]:
    verdict = check_expression(case["answer"], case["reference"], variables=case["vars"])
    diagnosis = verdict.diagnosis["code"] if verdict.diagnosis else None
    return verdict.verdict, {"method": verdict.method, "diagnosis": diagnosis}


def _judging(answer: sympy.Expr, problem: Problem) -> tuple[str, dict]:
    """Ours without reading the answer: decide (+ diagnose when wrong) on built expressions."""
    expanded = expand_definitions(answer, problem.vocabulary)
    decision = decide(expanded, problem.reference, problem.symbols)
    if decision.equivalence is Equivalence.NOT_EQUIVALENT:
        diagnose(expanded, problem.reference, decision.sample, problem.symbols)
    verdict = {"equivalent": "correct", "not_equivalent": "incorrect"}
    return verdict.get(decision.equivalence.value, "undetermined"), {}


def _simplify(answer: sympy.Expr, reference: sympy.Expr, timeout: float) -> tuple[str, dict]:
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return ("correct" if sympy.simplify(reference - answer) == 0 else "incorrect"), {}
    except _Timeout:
        return "undetermined", {}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def run(cases: list[dict], baseline: float | None, cold: bool = True) -> dict[str, list[dict]]:
    """Every method on every case, case by case (ours, ours without parsing, then the
    baseline when ``baseline`` is a timeout in seconds), so that the load of the shared
    machine at that moment weighs on all of them alike."""
    signal.signal(signal.SIGALRM, _alarm)
    rows: dict[str, list[dict]] = {"ours": [], "judging": []}
    if baseline is not None:
        rows["baseline"] = []
    for case in cases:
        rows["ours"].append(_timed(case, cold, partial(_ours, case)))
        problem = problem_for(case["reference"], (), frozenset(case["vars"]), None)
        answer = parse_math(case["answer"], vocabulary=problem.vocabulary).expr
        rows["judging"].append(_timed(case, cold, partial(_judging, answer, problem)))
        if baseline is not None:
            built = _expressions(case)
            rows["baseline"].append(_timed(case, cold, partial(_simplify, *built, baseline)))
    return rows


def summary(rows: list[dict]) -> dict:
    times = [r["seconds"] * 1000 for r in rows]
    cpu = [r["cpu"] * 1000 for r in rows]
    right = sum(
        (r["verdict"] == "correct") == r["expected"] and r["verdict"] != "undetermined"
        for r in rows
    )
    return {
        "right": right,
        "false_correct": sum(r["verdict"] == "correct" and not r["expected"] for r in rows),
        "false_reject": sum(r["verdict"] == "incorrect" and r["expected"] for r in rows),
        "undetermined": sum(r["verdict"] in ("undetermined", "invalid") for r in rows),
        "median_ms": statistics.median(times),
        "p90_ms": _percentile(times, 90),
        "max_ms": max(times),
        "cpu_median_ms": statistics.median(cpu),
        "cpu_p90_ms": _percentile(cpu, 90),
        "cpu_max_ms": max(cpu),
    }


def print_table(cases: int, results: dict[str, dict]) -> None:
    print(
        f"| method ({cases} cases) | right | false correct | false reject | undetermined "
        "| wall median ms | wall p90 ms | wall max ms | CPU median ms | CPU p90 ms | CPU max ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, s in results.items():
        print(
            f"| {name} | {s['right']}/{cases} | {s['false_correct']} | {s['false_reject']} | "
            f"{s['undetermined']} | {s['median_ms']:.2f} | {s['p90_ms']:.2f} | {s['max_ms']:.1f} | "
            f"{s['cpu_median_ms']:.2f} | {s['cpu_p90_ms']:.2f} | {s['cpu_max_ms']:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-baseline", action="store_true", help="skip simplify()")
    parser.add_argument("--timeout", type=float, default=30.0, help="simplify() limit, s")
    parser.add_argument("--json", type=Path, help="also write per-case rows here")
    parser.add_argument(
        "--warm", action="store_true", help="keep SymPy's cache between cases (as a server does)"
    )
    args = parser.parse_args()
    cases = json.loads(args.corpus.read_text(encoding="utf-8"))

    worker.warm_up()
    check_expression(cases[0]["answer"], cases[0]["reference"], variables=cases[0]["vars"])
    gc.collect()
    gc.freeze()  # as the serving app after its warm-up (quizapp.grading.warmup.freeze_heap)
    rows = run(cases, None if args.no_baseline else args.timeout, cold=not args.warm)
    ours, judging = rows["ours"], rows["judging"]
    results = {
        "ours: check_expression": summary(ours),
        "ours without parsing: decide + diagnose": summary(judging),
    }
    if not args.no_baseline:
        results["baseline: simplify(ref-ans)==0"] = summary(rows["baseline"])
    print_table(len(cases), results)
    for row in ours:
        if (row["verdict"] == "correct") != row["expected"] or row["verdict"] == "undetermined":
            print(f"  ours wrong: {row['id']} -> {row['verdict']}")
    if not args.no_baseline:
        baseline = results["baseline: simplify(ref-ans)==0"]
        for name in ("ours: check_expression", "ours without parsing: decide + diagnose"):
            for kind, prefix in (("wall", ""), ("CPU", "cpu_")):
                ratios = [
                    baseline[f"{prefix}{k}_ms"] / results[name][f"{prefix}{k}_ms"]
                    for k in ("median", "p90", "max")
                ]
                print(
                    f"speed-up, baseline / {name} ({kind}): median {ratios[0]:.1f}x, "
                    f"p90 {ratios[1]:.1f}x, max {ratios[2]:.1f}x"
                )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    worker.shutdown()


if __name__ == "__main__":
    main()
