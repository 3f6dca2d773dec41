"""Evaluate our own SymPy expressions at sample points, in float64 or with mpmath.

Public names: ``prepare``, ``evaluate_float``, ``evaluate_mp``, ``Evaluation``,
``NotEvaluable``, ``MP_DIGITS``.

No code is generated or executed: one small tree walk dispatches each SymPy node to a
NumPy ufunc (vectorised over all points at once) or to an mpmath function (one point,
``MP_DIGITS`` digits). Besides the value, the walk records per point

- ``kink``: the smallest |argument| of ``Abs``, ``sign``, ``Heaviside``, ``Max``/``Min``
  (difference of the two largest) and of every ``Piecewise`` condition, so callers can
  stay away from points where the two sides may legitimately disagree;
- ``scale``: the largest |operand| of any sum, the size of the rounding error a correct
  answer can carry after cancellation.

Values are real: a point where any part is undefined over the reals (``sqrt`` or ``log``
of a negative number, ``1/0``) evaluates to NaN in float64 and to ``None`` in mpmath.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from derivations.numeric_backends import (
    FLOAT_FUNCS,
    MP,
    FloatOps,
    MpOps,
    Ops,
    Undefined,
    mp_real,
)


class NotEvaluable(Exception):
    """The expression contains something we cannot evaluate numerically."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class Evaluation:
    """Values at every point plus the kink distance and term scale (see module doc)."""

    values: np.ndarray
    kink: np.ndarray
    scale: np.ndarray


def _exact_rational(value: sympy.Float) -> sympy.Rational:
    """The decimal a learner typed as an exact rational: ``0.134145`` -> 134145/10**6."""
    fraction = Fraction(str(value))
    return sympy.Rational(fraction.numerator, fraction.denominator)


def prepare(expr: sympy.Expr, known: frozenset[type] | None = None) -> sympy.Expr:
    """Floats become exact rationals; functions we cannot evaluate are rewritten to exp.

    >>> x = sympy.Symbol("x")
    >>> prepare(sympy.Float("0.5") * x)
    x/2
    """
    known = known or _KNOWN
    floats = expr.atoms(sympy.Float)
    if floats:
        expr = expr.xreplace({f: _exact_rational(f) for f in floats})
    unknown = [
        f for f in expr.atoms(sympy.Function) if type(f) not in known and f.func not in known
    ]
    if unknown:
        expr = expr.xreplace({f: f.rewrite(sympy.exp) for f in unknown})
    return expr


_KINKED = (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.Max, sympy.Min, sympy.Piecewise)
_KNOWN = frozenset(FLOAT_FUNCS) | frozenset(_KINKED)


class _Walker:
    """One evaluation: the ``ops`` namespace decides float64 arrays or mpmath scalars."""

    def __init__(self, ops: Ops, env: Mapping[sympy.Symbol, Any]) -> None:
        self.ops = ops
        self.env = env
        self.memo: dict[sympy.Basic, Any] = {}
        self.kink = ops.inf
        self.scale = ops.zero

    def value(self, node: sympy.Basic) -> Any:
        found = self.memo.get(node)
        if found is None:
            found = self.memo[node] = self._compute(node)
        return found

    def _note_kink(self, distance: Any) -> None:
        self.kink = self.ops.minimum(self.kink, self.ops.abs(distance))

    def _compute(self, node: sympy.Basic) -> Any:  # noqa: C901 - one branch per node kind
        ops = self.ops
        if node.is_Symbol:
            if node not in self.env:
                raise NotEvaluable(f"no value for {node}")
            return self.env[node]
        if node.is_Rational:
            return ops.rational(int(node.p), int(node.q))
        if node.is_NumberSymbol:
            return ops.constant(node)
        if node.is_Add:
            total = ops.zero
            for arg in node.args:
                term = self.value(arg)
                self.scale = ops.maximum(self.scale, ops.abs(term))
                total = total + term
            return total
        if node.is_Mul:
            product = ops.one
            for arg in node.args:
                product = ops.check(product * self.value(arg))
            return product
        if node.is_Pow:
            return ops.power(self.value(node.base), node.exp, self.value(node.exp))
        if isinstance(node, sympy.Piecewise):
            return self._piecewise(node)
        if isinstance(node, sympy.core.relational.Relational):
            return self._relational(node)
        if isinstance(node, sympy.logic.boolalg.BooleanAtom):
            return ops.truth(bool(node))
        if isinstance(node, (sympy.And, sympy.Or, sympy.Not)):
            parts = [self.value(arg) for arg in node.args]
            return ops.logic(type(node).__name__, parts)
        func = node.func
        if func in (sympy.Max, sympy.Min):
            args = [self.value(arg) for arg in node.args]
            self._note_kink(ops.top_gap(args))
            return ops.extreme(args, func is sympy.Max)
        if func is sympy.Abs:
            arg = self.value(node.args[0])
            self._note_kink(arg)
            return ops.abs(arg)
        if func is sympy.sign:
            arg = self.value(node.args[0])
            self._note_kink(arg)
            return ops.sign(arg)
        if func is sympy.Heaviside:
            arg = self.value(node.args[0])
            self._note_kink(arg)
            return ops.heaviside(arg)
        if func in ops.funcs and len(node.args) == 1:
            return ops.check(ops.funcs[func](self.value(node.args[0])))
        raise NotEvaluable(type(node).__name__)

    def _relational(self, node: sympy.Basic) -> Any:
        gap = self.value(node.lhs) - self.value(node.rhs)
        self._note_kink(gap)
        return self.ops.compare(node.rel_op, gap)

    def _piecewise(self, node: sympy.Piecewise) -> Any:
        pairs = [(self.value(cond), self.value(expr)) for expr, cond in node.args]
        return self.ops.select(pairs)


def evaluate_float(expr: sympy.Expr, env: Mapping[sympy.Symbol, np.ndarray]) -> Evaluation:
    """Evaluate a :func:`prepare`-d expression at all points of ``env`` at once (float64).

    >>> x = sympy.Symbol("x")
    >>> evaluate_float(sympy.Abs(x) + 1, {x: np.array([-2.0, 3.0])}).values.tolist()
    [3.0, 4.0]
    """
    size = len(next(iter(env.values()))) if env else 1
    walker = _Walker(FloatOps(), env)
    with np.errstate(all="ignore"):
        values = np.broadcast_to(np.asarray(walker.value(expr), dtype=float), (size,))
        kink = np.broadcast_to(np.asarray(walker.kink, dtype=float), (size,))
        scale = np.broadcast_to(np.asarray(walker.scale, dtype=float), (size,))
        scale = np.maximum(scale, np.abs(values))
    return Evaluation(values.copy(), kink.copy(), scale.copy())


def evaluate_mp(expr: sympy.Expr, point: Mapping[sympy.Symbol, float]) -> tuple[Any, Any] | None:
    """Value and term scale at one point with ``MP_DIGITS`` digits; ``None`` if undefined.

    The point's float64 coordinates are taken exactly, so the only error left is the
    ``MP_DIGITS``-digit arithmetic itself.
    """
    env = {name: MP.mpf(float(v)) for name, v in point.items()}
    walker = _Walker(MpOps(), env)
    try:
        value = mp_real(walker.value(expr))
    except (Undefined, ZeroDivisionError, ValueError, OverflowError):
        return None
    return value, max(walker.scale, abs(value))
