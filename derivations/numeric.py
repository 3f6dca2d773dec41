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

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy

from derivations.functions import sigmoid, softplus

MP_DIGITS = 30


class NotEvaluable(Exception):
    """The expression contains something we cannot evaluate numerically."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _Undefined(Exception):
    """An mpmath evaluation left the real numbers (raised internally)."""


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


def _vectorise(fn: Callable[[float], float]) -> Callable[[np.ndarray], np.ndarray]:
    def apply(values: np.ndarray) -> np.ndarray:
        flat = np.atleast_1d(np.asarray(values, dtype=float))
        out = np.array([fn(v) if math.isfinite(v) else math.nan for v in flat])
        return out.reshape(np.shape(values))

    return apply


def _safe_gamma(v: float) -> float:
    try:
        return math.gamma(v)
    except (ValueError, OverflowError):
        return math.nan


_FLOAT_FUNCS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: np.exp,
    sympy.log: np.log,
    sympy.sin: np.sin,
    sympy.cos: np.cos,
    sympy.tan: np.tan,
    sympy.cot: lambda v: 1.0 / np.tan(v),
    sympy.sec: lambda v: 1.0 / np.cos(v),
    sympy.csc: lambda v: 1.0 / np.sin(v),
    sympy.asin: np.arcsin,
    sympy.acos: np.arccos,
    sympy.atan: np.arctan,
    sympy.sinh: np.sinh,
    sympy.cosh: np.cosh,
    sympy.tanh: np.tanh,
    sympy.coth: lambda v: 1.0 / np.tanh(v),
    sympy.sech: lambda v: 1.0 / np.cosh(v),
    sympy.csch: lambda v: 1.0 / np.sinh(v),
    sympy.asinh: np.arcsinh,
    sympy.acosh: np.arccosh,
    sympy.atanh: np.arctanh,
    sympy.erf: _vectorise(math.erf),
    sympy.erfc: _vectorise(math.erfc),
    sympy.gamma: _vectorise(_safe_gamma),
    sympy.factorial: _vectorise(lambda v: _safe_gamma(v + 1.0)),
    sigmoid: lambda v: 0.5 * (1.0 + np.tanh(0.5 * np.asarray(v, dtype=float))),
    softplus: lambda v: np.logaddexp(0.0, v),
}


def _mp_real(value: Any) -> Any:
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            raise _Undefined
        return value.real
    if not mpmath.isfinite(value):
        raise _Undefined
    return value


def _real_valued(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: _mp_real(func(value))


_MP_FUNCS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: mpmath.exp,
    sympy.log: mpmath.log,
    sympy.sin: mpmath.sin,
    sympy.cos: mpmath.cos,
    sympy.tan: mpmath.tan,
    sympy.cot: mpmath.cot,
    sympy.sec: mpmath.sec,
    sympy.csc: mpmath.csc,
    sympy.asin: mpmath.asin,
    sympy.acos: mpmath.acos,
    sympy.atan: mpmath.atan,
    sympy.sinh: mpmath.sinh,
    sympy.cosh: mpmath.cosh,
    sympy.tanh: mpmath.tanh,
    sympy.coth: mpmath.coth,
    sympy.sech: mpmath.sech,
    sympy.csch: mpmath.csch,
    sympy.asinh: mpmath.asinh,
    sympy.acosh: mpmath.acosh,
    sympy.atanh: mpmath.atanh,
    sympy.erf: mpmath.erf,
    sympy.erfc: mpmath.erfc,
    sympy.gamma: mpmath.gamma,
    sympy.factorial: lambda v: mpmath.gamma(v + 1),
    sigmoid: lambda v: 1 / (1 + mpmath.exp(-v)),
    softplus: lambda v: mpmath.log(1 + mpmath.exp(v)),
}

_KINKED = (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.Max, sympy.Min, sympy.Piecewise)
_KNOWN = frozenset(_FLOAT_FUNCS) | frozenset(_KINKED)


class _Walker:
    """One evaluation: the ``ops`` namespace decides float64 arrays or mpmath scalars."""

    def __init__(self, ops: _Ops, env: Mapping[sympy.Symbol, Any]) -> None:
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


class _Ops:
    """Arithmetic for one backend; see :data:`_FLOAT` and :data:`_MP`."""

    inf: Any
    zero: Any
    one: Any
    funcs: dict[type, Callable[[Any], Any]]


class _FloatOps(_Ops):
    inf = math.inf
    zero = 0.0
    one = 1.0
    funcs = _FLOAT_FUNCS
    abs = staticmethod(np.abs)
    sign = staticmethod(np.sign)
    minimum = staticmethod(np.minimum)
    maximum = staticmethod(np.maximum)

    @staticmethod
    def check(value: Any) -> Any:
        return value

    @staticmethod
    def rational(p: int, q: int) -> float:
        return p / q

    @staticmethod
    def constant(node: sympy.Basic) -> float:
        return float(node)

    @staticmethod
    def power(base: Any, exponent: sympy.Basic, value: Any) -> Any:
        if exponent.is_Integer and exponent == -1:
            return 1.0 / base
        return np.power(base, value)

    @staticmethod
    def heaviside(arg: Any) -> Any:
        return np.heaviside(arg, 0.5)

    @staticmethod
    def truth(flag: bool) -> Any:
        return flag

    @staticmethod
    def compare(op: str, gap: Any) -> Any:
        return _COMPARE[op](gap)

    @staticmethod
    def logic(kind: str, parts: list[Any]) -> Any:
        if kind == "Not":
            return np.logical_not(parts[0])
        reduce = np.logical_and if kind == "And" else np.logical_or
        return reduce.reduce(np.broadcast_arrays(*parts))

    @staticmethod
    def select(pairs: list[tuple[Any, Any]]) -> Any:
        arrays = np.broadcast_arrays(*[np.asarray(part) for pair in pairs for part in pair])
        conds = [a.astype(bool) for a in arrays[0::2]]
        return np.select(conds, [a.astype(float) for a in arrays[1::2]], np.nan)

    @staticmethod
    def top_gap(args: list[Any]) -> Any:
        stacked = np.sort(np.stack(np.broadcast_arrays(*args)), axis=0)
        return stacked[-1] - stacked[-2] if len(args) > 1 else np.inf

    @staticmethod
    def extreme(args: list[Any], largest: bool) -> Any:
        reduce = np.maximum if largest else np.minimum
        return reduce.reduce(np.broadcast_arrays(*args))


_COMPARE = {
    ">": lambda g: g > 0,
    ">=": lambda g: g >= 0,
    "<": lambda g: g < 0,
    "<=": lambda g: g <= 0,
    "==": lambda g: g == 0,
    "!=": lambda g: g != 0,
}


class _MpOps(_Ops):
    inf = mpmath.inf
    zero = mpmath.mpf(0)
    one = mpmath.mpf(1)
    funcs = {k: _real_valued(f) for k, f in _MP_FUNCS.items()}
    abs = staticmethod(abs)
    sign = staticmethod(mpmath.sign)
    minimum = staticmethod(min)
    maximum = staticmethod(max)
    check = staticmethod(_mp_real)

    @staticmethod
    def rational(p: int, q: int) -> Any:
        return mpmath.mpf(p) / q

    @staticmethod
    def constant(node: sympy.Basic) -> Any:
        return {sympy.pi: mpmath.pi, sympy.E: mpmath.e}.get(node) or mpmath.mpf(
            str(node.evalf(MP_DIGITS + 5))
        )

    @staticmethod
    def power(base: Any, exponent: sympy.Basic, value: Any) -> Any:
        if base == 0 and value <= 0:
            raise _Undefined
        if exponent.is_Integer:
            return _mp_real(base ** int(exponent))
        return _mp_real(mpmath.power(base, value))

    @staticmethod
    def heaviside(arg: Any) -> Any:
        return mpmath.mpf(1) if arg > 0 else (mpmath.mpf(0) if arg < 0 else mpmath.mpf(0.5))

    @staticmethod
    def truth(flag: bool) -> Any:
        return flag

    @staticmethod
    def compare(op: str, gap: Any) -> Any:
        return bool(_COMPARE[op](gap))

    @staticmethod
    def logic(kind: str, parts: list[Any]) -> Any:
        if kind == "Not":
            return not parts[0]
        return all(parts) if kind == "And" else any(parts)

    @staticmethod
    def select(pairs: list[tuple[Any, Any]]) -> Any:
        for cond, value in pairs:
            if cond:
                return value
        raise _Undefined

    @staticmethod
    def top_gap(args: list[Any]) -> Any:
        ordered = sorted(args)
        return ordered[-1] - ordered[-2] if len(args) > 1 else mpmath.inf

    @staticmethod
    def extreme(args: list[Any], largest: bool) -> Any:
        return max(args) if largest else min(args)


def evaluate_float(expr: sympy.Expr, env: Mapping[sympy.Symbol, np.ndarray]) -> Evaluation:
    """Evaluate a :func:`prepare`-d expression at all points of ``env`` at once (float64).

    >>> x = sympy.Symbol("x")
    >>> evaluate_float(sympy.Abs(x) + 1, {x: np.array([-2.0, 3.0])}).values.tolist()
    [3.0, 4.0]
    """
    size = len(next(iter(env.values()))) if env else 1
    walker = _Walker(_FloatOps(), env)
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
    with mpmath.workdps(MP_DIGITS):
        env = {name: mpmath.mpf(float(v)) for name, v in point.items()}
        walker = _Walker(_MpOps(), env)
        try:
            value = _mp_real(walker.value(expr))
        except (_Undefined, ZeroDivisionError, ValueError, OverflowError):
            return None
        return value, max(walker.scale, abs(value))
