"""Three-valued equivalence of two SymPy expressions: equivalent, not, or undecided.

Public names: ``decide``, ``Decision``, ``Equivalence``.

Order of the rungs (the one that decided is recorded in ``Decision.method``):

1. structural identity after :func:`~derivations.numeric.prepare` (exact rationals for
   decimals, custom functions rewritten): ``symbolic``;
2. numeric screening in this process (:func:`derivations.sampling.screen`): a
   counterexample confirmed with mpmath means NOT_EQUIVALENT;
3. targeted proof: first the exact modular identity test for exp-rational
   expressions (:func:`derivations.modular.equal`, in this process: a bounded walk
   of the trees with integer arithmetic, no SymPy rewriting), then, when that cannot
   tell, :func:`derivations.symbolic.compare` in a killable worker
   with a hard deadline (:mod:`derivations.worker`): EQUIVALENT, ``symbolic``; when
   it shows instead that the two differ on an interval between kinks (too narrow for
   sampling to hit), its witness points give the counterexample;
4. no proof: the agreeing points are re-checked with mpmath at 30 digits. A
   counterexample there (e.g. ``0.333333333333333`` against ``1/3``) means
   NOT_EQUIVALENT.

Policy when there is no proof
    If at least ``MIN_POINTS`` points agreed in float64 and at least ``MIN_MP_POINTS``
    of them agreed again at 30 digits, the answer is EQUIVALENT with method
    ``numeric`` and the message says that it agreed numerically at N points (this is
    what learners expect for ``erfc(-x/sqrt(2))`` against ``1 + erf(x/sqrt(2))``, or
    ``sqrt(a)/sqrt(b)`` against ``sqrt(a/b)`` on a positive domain). With fewer points
    (the two sides are rarely defined at the same place) or when an expression cannot
    be evaluated at all and no proof came in time, the result is UNDECIDED.
    Constant expressions need one point; a constant that is a real number never
    equals one that is undefined over the reals (NOT_EQUIVALENT, no counterexample). Equality is
    judged where both sides are defined and away from kinks, so a ReLU derivative with
    any value at 0 is accepted.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from derivations import modular, worker
from derivations.numeric import NotEvaluable, evaluate_mp, prepare
from derivations.sampling import (
    MIN_POINTS,
    Sample,
    first_counterexample,
    mp_recheck,
    screen,
    seed_for,
)
from derivations.symbolic import compare

MIN_MP_POINTS = 3


class Equivalence(enum.Enum):
    EQUIVALENT = "equivalent"
    NOT_EQUIVALENT = "not_equivalent"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Decision:
    """The outcome, how it was reached and the evidence.

    ``reason`` (when UNDECIDED) is ``few_points`` (the two sides are rarely defined at
    the same points), ``not_evaluable`` or ``timeout``. ``sample`` holds the agreeing
    or sampled points, for the diagnosis rules.
    """

    equivalence: Equivalence
    method: str | None = None
    points: int = 0
    counterexample: dict[str, Any] | None = None
    reason: str | None = None
    sample: Sample | None = None
    answer: sympy.Expr | None = None
    reference: sympy.Expr | None = None


def _one_side_real(a: sympy.Expr, r: sympy.Expr) -> bool:
    """For constants: exactly one side is a real number (the other is undefined)."""
    return (evaluate_mp(a, {}) is None) != (evaluate_mp(r, {}) is None)


def _prove(answer: sympy.Expr, reference: sympy.Expr, deadline: float | None) -> tuple[str, list]:
    """``proved``, ``different`` (with witness points), ``no_proof`` or ``timeout``."""
    if modular.equal(answer, reference):  # bounded tree walk: no worker needed
        return "proved", []
    outcome = worker.run(compare, answer, reference, deadline=deadline)
    if outcome.status == "ok":
        status, witnesses = outcome.value
        return {"unknown": "no_proof"}.get(status, status), witnesses
    return ("timeout" if outcome.status in ("timeout", "unavailable") else "no_proof"), []


def _at_witnesses(a, r, witnesses: list, sample: Sample | None, names) -> dict | None:
    """A confirmed counterexample among the prover's witness points, if any."""
    base = sample.point(0) if sample is not None and sample.size else {}
    points = [{name: 1.0 for name in names} | base | witness for witness in witnesses]
    return first_counterexample(a, r, points)


def decide(
    answer: sympy.Expr,
    reference: sympy.Expr,
    symbols: Sequence[sympy.Symbol] | None = None,
    *,
    seed: int | None = None,
    deadline: float | None = None,
) -> Decision:
    """Decide whether ``answer`` equals ``reference`` (see the module docstring).

    ``symbols`` are the variables to sample (default: the free symbols of both);
    ``seed`` defaults to a hash of both expressions; ``deadline`` (seconds) bounds the
    symbolic proof (default: :mod:`derivations.worker`'s setting).

    >>> x = sympy.Symbol("x", real=True)
    >>> decide(sympy.tanh(x) ** 2, 1 - sympy.sech(x) ** 2).method
    'symbolic'
    >>> decide(x * (1 - x), x - x**2 + 1).equivalence.value
    'not_equivalent'
    """
    a, r = prepare(answer), prepare(reference)
    names = sorted(set(symbols or ()) | a.free_symbols | r.free_symbols, key=str)
    extra = {"answer": a, "reference": r}
    if a == r:
        return Decision(Equivalence.EQUIVALENT, "symbolic", **extra)
    seed = seed_for(sympy.srepr(a), sympy.srepr(r)) if seed is None else seed
    needed, needed_mp = (MIN_POINTS, MIN_MP_POINTS) if names else (1, 1)
    try:
        result = screen(a, r, names, seed=seed, min_points=needed)
    except NotEvaluable:
        proof, _ = _prove(a, r, deadline)
        if proof == "proved":
            return Decision(Equivalence.EQUIVALENT, "symbolic", **extra)
        return Decision(Equivalence.UNDECIDED, reason="not_evaluable", **extra)
    sample = result.sample
    if result.outcome == "mismatch":
        return Decision(
            Equivalence.NOT_EQUIVALENT,
            "numeric",
            sample.size,
            result.counterexample,
            sample=sample,
            **extra,
        )
    proof, witnesses = _prove(a, r, deadline)
    if proof == "proved":
        return Decision(Equivalence.EQUIVALENT, "symbolic", sample.size, sample=sample, **extra)
    counterexample = _at_witnesses(a, r, witnesses, sample, names) if witnesses else None
    if counterexample is not None:
        return Decision(
            Equivalence.NOT_EQUIVALENT, "numeric", 0, counterexample, sample=sample, **extra
        )
    agreed, counterexample = mp_recheck(a, r, sample)
    if counterexample is not None:
        return Decision(
            Equivalence.NOT_EQUIVALENT, "numeric", agreed, counterexample, sample=sample, **extra
        )
    if result.outcome == "agree" and agreed >= needed_mp and sample.size >= needed:
        return Decision(Equivalence.EQUIVALENT, "numeric", sample.size, sample=sample, **extra)
    if not names and _one_side_real(a, r):
        return Decision(Equivalence.NOT_EQUIVALENT, "numeric", **extra)
    reason = "few_points" if result.outcome == "weak" else proof
    return Decision(Equivalence.UNDECIDED, None, sample.size, reason=reason, sample=sample, **extra)
