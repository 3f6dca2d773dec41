"""Numeric screening: compare two expressions at seeded random points.

Public names: ``screen``, ``mp_recheck``, ``first_counterexample``, ``seed_for``, ``Screen``, ``Sample``,
``values_agree``, ``format_point``, ``MIN_POINTS``.

How points are chosen
    Every free symbol gets values in rounds of growing width (``ROUNDS``): half of a
    round's points come from ``[-w, w]`` and half from ``[-w/3, w/3]`` so that some are
    O(1) and a wrong constant term cannot hide behind huge terms. Some rounds use only
    positive values, the usual domain of ``sqrt``, ``log`` and powers like ``beta**t``. Symbols declared
    ``positive``/``nonnegative`` are sampled above 0, ``integer`` ones from 1..7.
    Values are rounded to two decimals, which keeps counterexamples readable.

Which points count
    A point counts when both sides are finite reals there and no kink argument
    (``Abs``, ``sign``, ``Heaviside``, ``Max``/``Min``, ``Piecewise`` conditions) is
    within ``KINK_MARGIN`` of 0. Points where float64 over- or underflows are re-done
    with mpmath. Equality is therefore judged where both sides are defined.

When points disagree
    float64 flags a point when ``|a - r| > F64_RTOL * s`` where ``s`` is the largest
    |term| met while evaluating either side (rounding error grows with the terms, not
    with the result). Every flagged point is re-evaluated with ``MP_DIGITS`` digits and
    counts as a counterexample only if ``|a - r| > MP_RTOL * s`` still holds there.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from derivations.kinks import KINK_TYPES
from derivations.numeric import evaluate_float, evaluate_mp

#: Each round is evaluated at once and made of parts (points, width, kind): kind "mixed"
#: (both signs), "positive", or "lattice" (nonzero
#: multiples of 1/2 in [-width, width], where integer and half-integer powers of
#: negative numbers show branch differences such as (a**b)**c against a**(b*c)).
ROUNDS = (
    ((32, 3.0, "mixed"), (64, 3.0, "lattice")),
    ((32, 1.0, "mixed"),),
    ((48, 3.0, "positive"),),
    ((48, 10.0, "mixed"),),
    ((48, 30.0, "positive"),),
)
#: Rounds always run (the first one includes the lattice) before agreement may stop early.
FIRST_ROUNDS = 1
MIN_POINTS = 16
MP_CHECKS = 6
KINK_MARGIN = 1e-6
F64_RTOL = 1e-8
MP_RTOL = 1e-20
TINY = 1e-200
#: Kink location for one-variable pairs: grid over [-KINK_SPAN, KINK_SPAN], witnesses at
#: these distances on each side of every kink found (at most MAX_KINK_CENTRES kinks).
KINK_SPAN = 100.0
KINK_GRID = 40_001
KINK_OFFSETS = np.array([0.05, 0.3, 1.0, 2.5])
MAX_KINK_CENTRES = 32

Env = dict[sympy.Symbol, np.ndarray]


def seed_for(*parts: object) -> int:
    """A 64-bit seed from the inputs, so the same check always samples the same points."""
    text = "\x1f".join(str(part) for part in parts)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _draw(
    symbol: sympy.Symbol, rng: np.random.Generator, size: int, width: float, kind: str
) -> np.ndarray:
    if symbol.is_integer:
        return rng.integers(1, 8, size).astype(float)
    if kind == "lattice":
        values = rng.integers(1, int(2 * width) + 1, size) * rng.choice((-1.0, 1.0), size) / 2
    else:
        spread = np.where(np.arange(size) % 2 == 0, width, width / 3)
        values = np.round(rng.uniform(-1.0, 1.0, size) * spread, 2 if width < 20 else 1)
        values[values == 0] = 0.01
    if kind == "positive" or symbol.is_positive or symbol.is_nonnegative:
        return np.abs(values)
    if symbol.is_negative or symbol.is_nonpositive:
        return -np.abs(values)
    return values


@dataclass(frozen=True)
class Sample:
    """The points where both sides counted, with the answer's values there."""

    env: Env
    answer_values: np.ndarray
    reference_values: np.ndarray
    scale: np.ndarray

    @property
    def size(self) -> int:
        return int(self.answer_values.size)

    def point(self, index: int) -> dict[sympy.Symbol, float]:
        return {name: float(values[index]) for name, values in self.env.items()}


@dataclass(frozen=True)
class Screen:
    """Outcome of :func:`screen`: ``agree``, ``mismatch`` or ``weak`` (too few points)."""

    outcome: str
    sample: Sample
    counterexample: dict[str, Any] | None = None


def _round_value(value: float, other: float) -> float:
    """Enough significant digits to show how ``value`` differs from ``other``."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    for digits in range(6, 18):
        shown = float(f"{value:.{digits}g}")
        if f"{other:.{digits}g}" != f"{value:.{digits}g}":
            return shown
    return float(value)


def format_point(point: Mapping[sympy.Symbol, float], answer: float, reference: float) -> dict:
    """The counterexample dict of :class:`~derivations.verdict.Verdict`."""
    return {
        "point": {str(name): float(value) for name, value in sorted(point.items(), key=str)},
        "answer_value": _round_value(float(answer), float(reference)),
        "reference_value": _round_value(float(reference), float(answer)),
    }


def _mp_differs(answer: sympy.Expr, reference: sympy.Expr, point: Mapping) -> tuple | None:
    """``(a, r, differs)`` with MP_DIGITS digits at ``point``; ``None`` if undefined."""
    a, r = evaluate_mp(answer, point), evaluate_mp(reference, point)
    if a is None or r is None:
        return None
    scale = max(a[1], r[1])
    return a[0], r[0], abs(a[0] - r[0]) > MP_RTOL * scale


def _round_env(symbols: Sequence[sympy.Symbol], rng: np.random.Generator, parts: tuple) -> Env:
    return {s: np.concatenate([_draw(s, rng, *part) for part in parts]) for s in symbols}


def _redo_with_mp(answer, reference, env: Env, a, r, scale, redo: np.ndarray) -> None:
    """Fill in points where float64 over/underflowed, in place (NaN if truly undefined)."""
    for index in np.flatnonzero(redo)[:MIN_POINTS]:
        point = {name: values[index] for name, values in env.items()}
        va, vr = evaluate_mp(answer, point), evaluate_mp(reference, point)
        if va is None or vr is None:
            continue
        a[index], r[index], scale[index] = float(va[0]), float(vr[0]), float(max(va[1], vr[1]))
        if not (math.isfinite(a[index]) and math.isfinite(r[index])):
            # Too large for float64 even though defined: compare the ratio instead.
            ratio = va[0] / vr[0] if vr[0] != 0 else math.inf
            a[index], r[index], scale[index] = float(ratio), 1.0, max(1.0, abs(float(ratio)))


def screen(
    answer: sympy.Expr,
    reference: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    *,
    seed: int,
    min_points: int = MIN_POINTS,
) -> Screen:
    """Sample both (prepared) expressions; raises ``NotEvaluable`` if one cannot be.

    Agreement needs ``min_points`` counted points (1 for constant expressions).
    """
    rng = np.random.default_rng(seed)
    kept: list[tuple[Env, np.ndarray, np.ndarray, np.ndarray]] = []
    count = 0
    for number, shape in enumerate(ROUNDS, 1):
        env = _round_env(symbols, rng, shape)
        ea, er = evaluate_float(answer, env), evaluate_float(reference, env)
        a, r = ea.values.copy(), er.values.copy()
        scale = np.maximum(ea.scale, er.scale)
        away = (ea.kink > KINK_MARGIN) & (er.kink > KINK_MARGIN)
        finite = np.isfinite(a) & np.isfinite(r)
        informative = finite & (scale > TINY)
        if count + int(np.sum(informative & away)) < min_points:
            _redo_with_mp(answer, reference, env, a, r, scale, away & ~informative)
            informative = np.isfinite(a) & np.isfinite(r) & (scale > TINY)
        keep = informative & away
        kept.append(({s: v[keep] for s, v in env.items()}, a[keep], r[keep], scale[keep]))
        count += int(np.sum(keep))
        mismatch = _first_mismatch(answer, reference, kept[-1])
        if mismatch is not None:
            return Screen("mismatch", _merge(kept, symbols), mismatch)
        if count >= min_points and (number >= FIRST_ROUNDS or not symbols):
            break
    if count >= min_points:
        witnesses = _kink_witnesses(answer, reference, symbols)
        if witnesses is not None:
            ea, er = evaluate_float(answer, witnesses), evaluate_float(reference, witnesses)
            keep = (
                np.isfinite(ea.values)
                & np.isfinite(er.values)
                & (ea.kink > KINK_MARGIN)
                & (er.kink > KINK_MARGIN)
            )
            part = (
                {s: v[keep] for s, v in witnesses.items()},
                ea.values[keep],
                er.values[keep],
                np.maximum(ea.scale, er.scale)[keep],
            )
            mismatch = _first_mismatch(answer, reference, part)
            if mismatch is not None:
                return Screen("mismatch", _merge([*kept, part], symbols), mismatch)
    return Screen("agree" if count >= min_points else "weak", _merge(kept, symbols))


def _kink_witnesses(
    answer: sympy.Expr, reference: sympy.Expr, symbols: Sequence[sympy.Symbol]
) -> Env | None:
    """Points on both sides of every kink of a one-variable pair, wherever it lies.

    The random rounds stay within a few units of 0, so a kink far out (the cap of
    ReLU6 at 6, a clip at ±4) could leave a whole region unsampled. The kinks are
    located on a fine grid over ``KINK_SPAN`` (where some kink argument comes within
    one grid step of 0) and sampled at ``KINK_OFFSETS`` on each side. None when there
    is no kink or more than one variable.
    """
    if len(symbols) != 1 or not (answer.has(*KINK_TYPES) or reference.has(*KINK_TYPES)):
        return None
    (symbol,) = symbols
    grid = np.linspace(-KINK_SPAN, KINK_SPAN, KINK_GRID)
    step = grid[1] - grid[0]
    near = np.zeros(grid.size, dtype=bool)
    for expr in (answer, reference):
        near |= evaluate_float(expr, {symbol: grid}).kink <= step
    centres = np.unique(np.round(grid[near], 1))[:MAX_KINK_CENTRES]
    if centres.size == 0:
        return None
    offsets = np.concatenate([-KINK_OFFSETS, KINK_OFFSETS])
    points = np.round((centres[:, None] + offsets[None, :]).ravel(), 2)
    return {symbol: np.unique(points)}


def _merge(kept, symbols: Sequence[sympy.Symbol]) -> Sample:
    env = {s: np.concatenate([part[0][s] for part in kept]) for s in symbols}
    a, r, scale = (np.concatenate([part[i] for part in kept]) for i in (1, 2, 3))
    return Sample(env, a, r, scale)


def _first_mismatch(answer, reference, part) -> dict[str, Any] | None:
    """A counterexample confirmed with mpmath among float64-flagged points, O(1) first."""
    env, a, r, scale = part
    flagged = np.flatnonzero(np.abs(a - r) > F64_RTOL * scale)
    for index in flagged[np.argsort(scale[flagged], kind="stable")][:4]:
        point = {name: values[index] for name, values in env.items()}
        checked = _mp_differs(answer, reference, point)
        if checked is not None and checked[2]:
            return format_point(point, checked[0], checked[1])
    return None


def first_counterexample(answer: sympy.Expr, reference: sympy.Expr, points) -> dict | None:
    """The first of ``points`` where the two differ at ``MP_DIGITS`` digits, if any."""
    for point in points:
        checked = _mp_differs(answer, reference, point)
        if checked is not None and checked[2]:
            return format_point(point, checked[0], checked[1])
    return None


def mp_recheck(
    answer: sympy.Expr, reference: sympy.Expr, sample: Sample
) -> tuple[int, dict | None]:
    """Re-evaluate up to ``MP_CHECKS`` sample points with mpmath (smallest terms first).

    Returns how many points agreed and the first counterexample, if any.
    """
    agreed = 0
    for index in np.argsort(sample.scale, kind="stable")[:MP_CHECKS]:
        point = sample.point(int(index))
        checked = _mp_differs(answer, reference, point)
        if checked is None:
            continue
        if checked[2]:
            return agreed, format_point(point, checked[0], checked[1])
        agreed += 1
    return agreed, None


def values_agree(known: np.ndarray, values: np.ndarray, rtol: float = 1e-7) -> bool:
    """Whether ``values`` equal ``known`` wherever they are finite (at least half the points).

    Used by the diagnosis rules, which compare perturbed references with the answer.
    """
    values = np.broadcast_to(np.asarray(values, dtype=float), known.shape)
    ok = np.isfinite(values)
    if known.size == 0 or np.sum(ok) < max(4, known.size // 2):
        return False
    a, c = known[ok], values[ok]
    scale = np.maximum(np.maximum(np.abs(a), np.abs(c)), 1e-12)
    return bool(np.all(np.abs(a - c) <= rtol * scale))
