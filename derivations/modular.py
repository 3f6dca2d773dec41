"""Exact identity test by evaluation modulo large primes (no SymPy rewriting).

Public names: ``equal``, ``MAX_MONOMIALS``, ``MAX_EXPANDED_POWER``, ``TEST_POINTS``.

The class of expressions it decides ("exp-rational"): variables, rational numbers,
``+ - * /``, integer powers, and the exponential family applied to a polynomial
argument ``u``, each a rational function of ``E = exp(u)``:

==============================  ==========================================
``exp(u)``, ``e``               ``E`` (``e`` is ``exp(1)``)
``sigmoid(u)``                  ``E / (1 + E)``
``tanh(u)``, ``coth(u)``        ``(E^2 - 1) / (E^2 + 1)`` and its inverse
``sinh``, ``cosh``, ``sech``,   ``(E - 1/E)/2``, ``(E + 1/E)/2`` and inverses
``csch``
``b**u`` (``u`` not a number)   ``exp(u * log(b))``
==============================  ==========================================

Write each argument as ``sum c_m * m`` over monomials ``m`` of the variables (a
``log(b)`` counts as one more opaque factor). Then ``exp(u) = prod T_m^(c_m * L_m)``
with ``T_m = exp(m / L_m)`` and ``L_m`` the lcm of the denominators of every ``c_m``
met in the expression: integral exponents. A monomial that is exactly ``log(f)``
gives ``f^c`` instead (``exp(2 log x) = x^2``). The variables and the ``T_m`` are
algebraically independent, so ``a - b`` is zero as a function iff it is zero as a
rational function of them; that is tested at random points modulo two 61-bit primes
(Schwartz-Zippel: a nonzero rational function of degree ``d`` vanishes at a random
point with probability at most ``d/p``; ``TEST_POINTS`` zero values in a row make a
wrong "equal" astronomically unlikely).

``equal(a, b)`` is True (equal), False (different as exp-rational functions: only a
hint, as an opaque ``log`` may hide a relation) or None (outside the class: roots,
``pi``, ``log`` outside an exponent, kinks, ``erf``, floats, ... are left to
:mod:`derivations.symbolic` in a worker). It only walks the trees and does integer
arithmetic, and polynomial expansion is capped by ``MAX_MONOMIALS`` and
``MAX_EXPANDED_POWER``, so it runs in the calling process in bounded time.

>>> x, y = sympy.symbols("x y", real=True)
>>> equal(sympy.tanh(x), 2 * sigmoid(2 * x) - 1)
True
>>> equal(sympy.exp(x + y), sympy.exp(x) * sympy.exp(y)), equal(sympy.exp(x), x)
(True, False)
>>> equal(sympy.sqrt(x), x) is None
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from fractions import Fraction

import sympy

from derivations.functions import sigmoid

#: Most terms in one expanded exponent (``exp((x + y + z)^k)``); above it, no decision.
MAX_MONOMIALS = 256
#: Largest power of a sum that is expanded inside an exponent.
MAX_EXPANDED_POWER = 16
#: Zero values in a row that count as "equal".
TEST_POINTS = 3
_PRIMES = (2**61 - 1, 10**18 + 3)
_SEED = 0x5EED

Monomial = frozenset  # of (atom, power): an atom is a Symbol or ("log", base)
Polynomial = dict  # Monomial -> Fraction


class _Outside(Exception):
    """The expression is not exp-rational (or too large to expand)."""


class _Pole(Exception):
    """A denominator is zero at this point."""


# --- the form: a small tree of tuples, built once and evaluated at several points ---
# ("num", Fraction) | ("var", Symbol) | ("add", forms) | ("mul", forms)
# | ("pow", form, int) | ("exp", Polynomial)


def _num(numerator: int, denominator: int = 1) -> tuple:
    return ("num", Fraction(numerator, denominator))


def _plus(*forms: tuple) -> tuple:
    return ("add", forms)


def _times(*forms: tuple) -> tuple:
    return ("mul", forms)


def _over(numerator: tuple, denominator: tuple) -> tuple:
    return ("mul", (numerator, ("pow", denominator, -1)))


def _sinh(e: tuple) -> tuple:
    return _times(_num(1, 2), _plus(e, _times(_num(-1), ("pow", e, -1))))


def _cosh(e: tuple) -> tuple:
    return _times(_num(1, 2), _plus(e, ("pow", e, -1)))


def _tanh(e: tuple) -> tuple:
    square = ("pow", e, 2)
    return _over(_plus(square, _num(-1)), _plus(square, _num(1)))


#: Each exponential-family function as a rational function of E = exp(argument).
_FAMILY: dict[type, Callable[[tuple], tuple]] = {
    sympy.exp: lambda e: e,
    sigmoid: lambda e: _over(e, _plus(_num(1), e)),
    sympy.tanh: _tanh,
    sympy.coth: lambda e: ("pow", _tanh(e), -1),
    sympy.sinh: _sinh,
    sympy.cosh: _cosh,
    sympy.sech: lambda e: ("pow", _cosh(e), -1),
    sympy.csch: lambda e: ("pow", _sinh(e), -1),
}


class _Translator:
    """SymPy expression -> form; records every exponent's coefficients for ``L_m``."""

    def __init__(self) -> None:
        self.memo: dict[sympy.Basic, tuple] = {}
        self.denominators: dict[Monomial, int] = {}

    def form(self, expr: sympy.Basic) -> tuple:
        cached = self.memo.get(expr)
        if cached is None:
            cached = self.memo[expr] = self._form(expr)
        return cached

    def _form(self, expr: sympy.Basic) -> tuple:
        if expr.is_Rational:
            return ("num", Fraction(int(expr.p), int(expr.q)))
        if expr.is_Symbol:
            return ("var", expr)
        if expr.is_Add:
            return ("add", tuple(self.form(arg) for arg in expr.args))
        if expr.is_Mul:
            return ("mul", tuple(self.form(arg) for arg in expr.args))
        if expr is sympy.E:
            return self._exponential({Monomial(): Fraction(1)})
        if expr.is_Pow:
            if expr.exp.is_Integer:
                return ("pow", self.form(expr.base), int(expr.exp))
            if expr.exp.is_Number:
                raise _Outside  # roots
            log_base = {Monomial({(("log", expr.base), 1)}): Fraction(1)}
            return self._exponential(_product(self.polynomial(expr.exp), log_base))
        family = _FAMILY.get(type(expr))
        if family is not None:
            return family(self._exponential(self.polynomial(expr.args[0])))
        raise _Outside

    def _exponential(self, polynomial: Polynomial) -> tuple:
        for monomial, coefficient in polynomial.items():
            base = _log_base(monomial)
            if base is not None:
                if coefficient.denominator != 1:
                    raise _Outside  # exp(log(f)/2) is a root
                self.form(base)
            else:
                known = self.denominators.get(monomial, 1)
                self.denominators[monomial] = math.lcm(known, coefficient.denominator)
        return ("exp", polynomial)

    def polynomial(self, expr: sympy.Basic) -> Polynomial:
        """``expr`` expanded as ``{monomial: coefficient}`` (an exponent's argument)."""
        if expr.is_Rational:
            return {Monomial(): Fraction(int(expr.p), int(expr.q))} if expr != 0 else {}
        if expr.is_Symbol:
            return {Monomial({(expr, 1)}): Fraction(1)}
        if isinstance(expr, sympy.log):
            return {Monomial({(("log", expr.args[0]), 1)}): Fraction(1)}
        if expr.is_Add:
            total: Polynomial = {}
            for arg in expr.args:
                for monomial, coefficient in self.polynomial(arg).items():
                    total[monomial] = total.get(monomial, 0) + coefficient
            return _checked({m: c for m, c in total.items() if c != 0})
        if expr.is_Mul:
            result: Polynomial = {Monomial(): Fraction(1)}
            for arg in expr.args:
                result = _product(result, self.polynomial(arg))
            return result
        if expr.is_Pow and expr.exp.is_Integer and 0 <= expr.exp <= MAX_EXPANDED_POWER:
            result, factor = {Monomial(): Fraction(1)}, self.polynomial(expr.base)
            for _ in range(int(expr.exp)):
                result = _product(result, factor)
            return result
        raise _Outside


def _log_base(monomial: Monomial) -> sympy.Basic | None:
    """``f`` when the monomial is exactly ``log(f)``, else None."""
    if len(monomial) == 1:
        ((atom, power),) = monomial
        if power == 1 and isinstance(atom, tuple):
            return atom[1]
    return None


def _product(left: Polynomial, right: Polynomial) -> Polynomial:
    result: Polynomial = {}
    for m1, c1 in left.items():
        for m2, c2 in right.items():
            powers = dict(m1)
            for atom, power in m2:
                powers[atom] = powers.get(atom, 0) + power
            monomial = Monomial(powers.items())
            result[monomial] = result.get(monomial, 0) + c1 * c2
    return _checked({m: c for m, c in result.items() if c != 0})


def _checked(polynomial: Polynomial) -> Polynomial:
    if len(polynomial) > MAX_MONOMIALS:
        raise _Outside
    return polynomial


class _Point:
    """Values modulo ``prime``: variables and ``T_m`` drawn at random, forms memoised."""

    def __init__(self, translator: _Translator, rng: random.Random, prime: int) -> None:
        self.translator = translator
        self.prime = prime
        self.rng = rng
        self.values: dict[object, int] = {}
        self.memo: dict[int, int] = {}

    def _random(self, key: object) -> int:
        value = self.values.get(key)
        if value is None:
            value = self.values[key] = self.rng.randrange(1, self.prime)
        return value

    def value(self, form: tuple) -> int:
        key = id(form)
        if key not in self.memo:
            self.memo[key] = self._value(form)
        return self.memo[key]

    def _value(self, form: tuple) -> int:
        kind, p = form[0], self.prime
        if kind == "num":
            if form[1].denominator % p == 0:
                raise _Outside
            return form[1].numerator * pow(form[1].denominator, -1, p) % p
        if kind == "var":
            return self._random(form[1])
        if kind == "add":
            return sum(self.value(part) for part in form[1]) % p
        if kind == "mul":
            product = 1
            for part in form[1]:
                product = product * self.value(part) % p
            return product
        if kind == "pow":
            return self._power(self.value(form[1]), form[2])
        return self._exponential(form[1])

    def _power(self, base: int, exponent: int) -> int:
        if base == 0 and exponent < 0:
            raise _Pole
        return pow(base, exponent, self.prime)

    def _exponential(self, polynomial: Polynomial) -> int:
        product = 1
        for monomial, coefficient in polynomial.items():
            base = _log_base(monomial)
            if base is not None:
                factor = self._power(self.value(self.translator.form(base)), coefficient.numerator)
            else:
                scale = self.translator.denominators[monomial]
                factor = self._power(self._random(monomial), int(coefficient * scale))
            product = product * factor % self.prime
        return product


def equal(a: sympy.Expr, b: sympy.Expr) -> bool | None:
    """Whether ``a == b`` as functions (see the module docstring); None: cannot tell."""
    translator = _Translator()
    try:
        forms = translator.form(a), translator.form(b)
    except _Outside:
        return None
    rng = random.Random(_SEED)
    zeros = 0
    for attempt in range(4 * TEST_POINTS):
        point = _Point(translator, rng, _PRIMES[attempt % 2])
        try:
            if point.value(forms[0]) != point.value(forms[1]):
                return False
        except _Pole:
            continue  # a pole of either side: pick another point
        except _Outside:
            return None
        zeros += 1
        if zeros == TEST_POINTS:
            return True
    return None
