"""Arithmetic backends for :mod:`derivations.numeric`: float64 arrays and mpmath scalars.

Public names: ``MP_DIGITS``, ``MP``, ``FloatOps``, ``MpOps``, ``FLOAT_FUNCS``, ``Ops``, ``Undefined``, ``mp_real``.

Both backends expose the same operations (``power``, ``heaviside``, ``select``, ...), so
one tree walk evaluates an expression either vectorised over all points in float64 or
at one point with ``MP_DIGITS`` digits. Functions are keyed by SymPy class; our custom
``sigmoid`` and ``softplus`` are evaluated directly in overflow-free forms.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import sympy

from derivations.functions import sigmoid, softplus

MP_DIGITS = 30
#: A private mpmath context at ``MP_DIGITS`` digits: never changed after import, so
#: threads can share it (``mpmath.workdps`` would change the global precision).
MP = mpmath.MPContext()
MP.dps = MP_DIGITS


class Undefined(Exception):
    """An mpmath evaluation left the real numbers (raised internally)."""


def _vectorise(fn: Callable[[float], float]) -> Callable[[np.ndarray], np.ndarray]:
    def apply(values: np.ndarray) -> np.ndarray:
        flat = np.atleast_1d(np.asarray(values, dtype=float))
        out = np.array([fn(v) if math.isfinite(v) else math.nan for v in flat])
        return out.reshape(np.shape(values))

    return apply


def _reciprocal(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``1 / fn``, for the reciprocal trigonometric and hyperbolic functions."""
    return lambda values: 1.0 / fn(values)


def _safe_gamma(v: float) -> float:
    try:
        return math.gamma(v)
    except (ValueError, OverflowError):
        return math.nan


FLOAT_FUNCS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: np.exp,
    sympy.log: np.log,
    sympy.sin: np.sin,
    sympy.cos: np.cos,
    sympy.tan: np.tan,
    sympy.cot: _reciprocal(np.tan),
    sympy.sec: _reciprocal(np.cos),
    sympy.csc: _reciprocal(np.sin),
    sympy.asin: np.arcsin,
    sympy.acos: np.arccos,
    sympy.atan: np.arctan,
    sympy.sinh: np.sinh,
    sympy.cosh: np.cosh,
    sympy.tanh: np.tanh,
    sympy.coth: _reciprocal(np.tanh),
    sympy.sech: _reciprocal(np.cosh),
    sympy.csch: _reciprocal(np.sinh),
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


def mp_real(value: Any) -> Any:
    if isinstance(value, MP.mpc):
        if value.imag != 0:
            raise Undefined
        return value.real
    if not MP.isfinite(value):
        raise Undefined
    return value


def _real_valued(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: mp_real(func(value))


_MP_FUNCS: dict[type, Callable[[Any], Any]] = {
    sympy.exp: MP.exp,
    sympy.log: MP.log,
    sympy.sin: MP.sin,
    sympy.cos: MP.cos,
    sympy.tan: MP.tan,
    sympy.cot: MP.cot,
    sympy.sec: MP.sec,
    sympy.csc: MP.csc,
    sympy.asin: MP.asin,
    sympy.acos: MP.acos,
    sympy.atan: MP.atan,
    sympy.sinh: MP.sinh,
    sympy.cosh: MP.cosh,
    sympy.tanh: MP.tanh,
    sympy.coth: MP.coth,
    sympy.sech: MP.sech,
    sympy.csch: MP.csch,
    sympy.asinh: MP.asinh,
    sympy.acosh: MP.acosh,
    sympy.atanh: MP.atanh,
    sympy.erf: MP.erf,
    sympy.erfc: MP.erfc,
    sympy.gamma: MP.gamma,
    sympy.factorial: lambda v: MP.gamma(v + 1),
    sigmoid: lambda v: 1 / (1 + MP.exp(-v)),
    softplus: lambda v: MP.log(1 + MP.exp(v)),
}


class Ops:
    """Arithmetic for one backend; see :data:`_FLOAT` and :data:`_MP`."""

    inf: Any
    zero: Any
    one: Any
    funcs: dict[type, Callable[[Any], Any]]


class FloatOps(Ops):
    inf = math.inf
    zero = 0.0
    one = 1.0
    funcs = FLOAT_FUNCS
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


class MpOps(Ops):
    inf = MP.inf
    zero = MP.mpf(0)
    one = MP.mpf(1)
    funcs = {k: _real_valued(f) for k, f in _MP_FUNCS.items()}
    abs = staticmethod(abs)
    sign = staticmethod(MP.sign)
    minimum = staticmethod(min)
    maximum = staticmethod(max)
    check = staticmethod(mp_real)

    @staticmethod
    def rational(p: int, q: int) -> Any:
        return MP.mpf(p) / q

    @staticmethod
    def constant(node: sympy.Basic) -> Any:
        return {sympy.pi: MP.pi, sympy.E: MP.e}.get(node) or MP.mpf(str(node.evalf(MP_DIGITS + 5)))

    @staticmethod
    def power(base: Any, exponent: sympy.Basic, value: Any) -> Any:
        if base == 0 and value <= 0:
            raise Undefined
        if exponent.is_Integer:
            return mp_real(base ** int(exponent))
        return mp_real(MP.power(base, value))

    @staticmethod
    def heaviside(arg: Any) -> Any:
        return MP.mpf(1) if arg > 0 else (MP.mpf(0) if arg < 0 else MP.mpf(0.5))

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
        raise Undefined

    @staticmethod
    def top_gap(args: list[Any]) -> Any:
        ordered = sorted(args)
        return ordered[-1] - ordered[-2] if len(args) > 1 else MP.inf

    @staticmethod
    def extreme(args: list[Any], largest: bool) -> Any:
        return max(args) if largest else min(args)
