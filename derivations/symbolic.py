"""Targeted symbolic proof that two expressions are equal (runs inside a worker).

Public names: ``prove_equal``, ``compare``, ``kink_pieces``, ``exp_monomials_to_symbols``.

``prove_equal(a, b)`` returns True only when it has shown ``a - b == 0``:

1. kinks: ``Heaviside``, ``sign``, ``Abs``, two-argument ``Max``/``Min`` and
   ``Piecewise`` are resolved piece by piece. When every kink argument is linear in
   one variable the real line is cut at their roots and each interval is proved on
   its own; otherwise every sign pattern of (at most ``MAX_KINKS``) kink arguments is
   tried. Values exactly at a kink never matter (equality almost everywhere), so
   ``Heaviside(x)`` equals ``Piecewise((1, x > 0), (0, True))``.
2. each piece: ``erfc`` -> ``1 - erf``, rewrite to ``exp``, every ``exp(c1*m1 + ...)``
   becomes a product of powers of one fresh symbol per monomial ``m`` (exponents made
   integral with the lcm of the denominators; ``exp(c*log(f))`` -> ``f**c``). The
   variables and these symbols are algebraically independent, so the piece is 0 iff
   the resulting rational function is. When it has rational coefficients, that is
   tested exactly at random points modulo two 61-bit primes (Schwartz-Zippel,
   ``ZERO_TEST_POINTS`` points; no floating point involved); otherwise (roots, pi,
   erf left) with ``cancel``. This decides equality of rational functions
   of exponentials of polynomials: sigmoid, tanh, softmax, softplus and GELU forms.

It never calls ``simplify``. A False result means "no proof", never "different".
Floats must already be exact rationals (see :func:`derivations.numeric.prepare`).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import sympy

MAX_KINKS = 4
ZERO_TEST_POINTS = 3
_PRIMES = (2**61 - 1, 10**18 + 3)
_KINK_TYPES = (sympy.Heaviside, sympy.sign, sympy.Abs, sympy.Max, sympy.Min, sympy.Piecewise)


def prove_equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether ``a - b`` is provably 0 (almost everywhere on the reals).

    >>> x = sympy.Symbol("x", real=True)
    >>> prove_equal(1 / (1 + sympy.exp(-x)), sympy.exp(x) / (1 + sympy.exp(x)))
    True
    >>> prove_equal(sympy.Heaviside(x), (1 + sympy.sign(x)) / 2)
    True
    """
    return compare(a, b)[0] == "proved"


def compare(a: sympy.Expr, b: sympy.Expr) -> tuple[str, list[dict[sympy.Symbol, float]]]:
    """``("proved", [])``, ``("different", witnesses)`` or ``("unknown", [])``.

    ``different`` comes with points inside an interval (between kinks of one variable)
    where ``a - b`` is a provably nonzero function, so it differs at almost every point
    there, however narrow the interval is and whether or not sampling went there.

    >>> x = sympy.Symbol("x", real=True)
    >>> bump = sympy.Heaviside(x - sympy.Rational(1, 1000)) - sympy.Heaviside(x - sympy.Rational(1, 500))
    >>> compare(x + bump, x)[0]
    'different'
    """
    difference = a - b
    if difference == 0:
        return "proved", []
    regions = _regions(difference)
    if regions is None:
        return "unknown", []
    witnesses: list[dict[sympy.Symbol, float]] = []
    undecided = False
    for piece, points in regions:
        zero = _is_zero(piece)
        if zero is False and points:
            witnesses += points
        elif zero is not True:
            undecided = True
    if witnesses:
        return "different", witnesses
    return ("unknown" if undecided else "proved"), []


def _is_zero(expr: sympy.Expr) -> bool | None:
    """True: zero; False: a provably nonzero rational function; None: no decision."""
    erfcs = expr.atoms(sympy.erfc)
    if erfcs:
        expr = expr.xreplace({e: 1 - sympy.erf(e.args[0]) for e in erfcs})
    expr = exp_monomials_to_symbols(expr.rewrite(sympy.exp))
    try:
        return _vanishes_at_random_points(expr)
    except _NotRational:
        return True if sympy.cancel(expr) == 0 else None


class _NotRational(Exception):
    """The expression is not a rational function with rational coefficients."""


def _modular_value(expr: sympy.Expr, point: dict[sympy.Basic, int], prime: int) -> int:
    """``expr`` at ``point`` in the integers modulo ``prime`` (ZeroDivisionError at a pole)."""
    if expr.is_Rational:
        if expr.q % prime == 0:
            raise _NotRational
        return int(expr.p) * pow(int(expr.q), -1, prime) % prime
    if expr in point:
        return point[expr]
    if expr.is_Add:
        return sum(_modular_value(arg, point, prime) for arg in expr.args) % prime
    if expr.is_Mul:
        product = 1
        for arg in expr.args:
            product = product * _modular_value(arg, point, prime) % prime
        return product
    if expr.is_Pow and expr.exp.is_Integer:
        base = _modular_value(expr.base, point, prime)
        if base == 0 and expr.exp < 0:
            raise ZeroDivisionError
        return pow(base, int(expr.exp), prime)
    raise _NotRational


def _vanishes_at_random_points(expr: sympy.Expr) -> bool:
    """Schwartz-Zippel over two 61-bit prime fields: a nonzero rational function of
    degree d vanishes at a random point with probability at most d/p, so
    ``ZERO_TEST_POINTS`` zero values make a wrong "zero" astronomically unlikely.
    Raises ``_NotRational`` when roots, irrational constants or functions remain."""
    names = sorted(expr.free_symbols, key=sympy.default_sort_key)
    rng = random.Random(0x5EED)
    zeros = 0
    for attempt in range(4 * ZERO_TEST_POINTS):
        prime = _PRIMES[attempt % 2]
        point = {name: rng.randrange(1, prime) for name in names}
        try:
            value = _modular_value(expr, point, prime)
        except ZeroDivisionError:
            continue  # a pole: pick another point
        if value != 0:
            return False
        zeros += 1
        if zeros == ZERO_TEST_POINTS:
            return True
    return False


def exp_monomials_to_symbols(expr: sympy.Expr) -> sympy.Expr:
    """Replace every ``exp`` by powers of one new symbol per monomial of its argument.

    >>> x = sympy.Symbol("x")
    >>> e = exp_monomials_to_symbols(sympy.exp(x / 2) + sympy.exp(-x))
    >>> sorted(str(p.exp) for p in e.atoms(sympy.Pow))
    ['-2']
    """
    for _ in range(4):  # an exp inside a log inside an exp needs another pass
        exps = expr.atoms(sympy.exp)
        if not exps:
            break
        terms = {
            e: [t.as_coeff_Mul(rational=True) for t in sympy.Add.make_args(sympy.expand(e.args[0]))]
            for e in exps
        }
        lcm: dict[sympy.Expr, int] = {}
        for pairs in terms.values():
            for coeff, monomial in pairs:
                if not isinstance(monomial, sympy.log):
                    lcm[monomial] = sympy.ilcm(lcm.get(monomial, 1), coeff.q)
        fresh = {m: sympy.Dummy("u") for m in lcm}
        replacement = {}
        for e, pairs in terms.items():
            factors = [
                m.args[0] ** c if isinstance(m, sympy.log) else fresh[m] ** (c * lcm[m])
                for c, m in pairs
            ]
            replacement[e] = sympy.Mul(*factors)
        expr = expr.xreplace(replacement)
    return expr


def _kink_arguments(expr: sympy.Expr) -> list[sympy.Expr] | None:
    """Every expression whose sign decides a kink, or None when one is unsupported."""
    found = []
    for atom in expr.atoms(*_KINK_TYPES):
        if isinstance(atom, (sympy.Max, sympy.Min)):
            if len(atom.args) != 2:
                return None
            found.append(atom.args[0] - atom.args[1])
        elif isinstance(atom, sympy.Piecewise):
            for _, cond in atom.args:
                relations = cond.atoms(sympy.core.relational.Relational)
                if not relations and cond not in (sympy.true, sympy.false):
                    return None
                found.extend(rel.lhs - rel.rhs for rel in relations)
        else:
            found.append(atom.args[0])
    return found


def _ratio(p: sympy.Expr, q: sympy.Expr) -> sympy.Expr | None:
    """``p/q`` when it is a nonzero constant (the same kink), else None."""
    ratio = sympy.cancel(p / q)
    return ratio if ratio.is_number and ratio != 0 else None


def _canonical(args: list[sympy.Expr]) -> list[sympy.Expr]:
    """One representative per kink, up to a nonzero constant factor."""
    kept: list[sympy.Expr] = []
    for arg in args:
        arg = sympy.expand(arg)
        if arg.is_number:
            continue
        if not any(_ratio(arg, other) is not None for other in kept):
            kept.append(-arg if arg.could_extract_minus_sign() else arg)
    return kept


def _sign_lookup(signs: dict[sympy.Expr, int]) -> Callable[[sympy.Expr], int]:
    def sign_of(arg: sympy.Expr) -> int:
        arg = sympy.expand(arg)
        if arg.is_number:
            return 1 if arg > 0 else -1
        for kink, sign in signs.items():
            ratio = _ratio(arg, kink)
            if ratio is not None:
                return sign if ratio > 0 else -sign
        raise KeyError(arg)

    return sign_of


_RELATION_TRUTH = {">": 1, ">=": 1, "<": -1, "<=": -1}


def _resolve(expr: sympy.Expr, sign_of: Callable[[sympy.Expr], int]) -> sympy.Expr:
    """``expr`` with every kink replaced by its value on the side given by ``sign_of``."""

    def truth(cond: sympy.Basic) -> sympy.Basic:
        relations = cond.atoms(sympy.core.relational.Relational)
        values = {}
        for rel in relations:
            if rel.rel_op in _RELATION_TRUTH:
                values[rel] = (
                    sympy.true
                    if sign_of(rel.lhs - rel.rhs) == _RELATION_TRUTH[rel.rel_op]
                    else sympy.false
                )
            else:
                values[rel] = sympy.true if rel.rel_op == "!=" else sympy.false
        return cond.xreplace(values)

    def value(atom: sympy.Basic) -> sympy.Expr:
        args = (
            [_resolve(arg, sign_of) for arg in atom.args]
            if not isinstance(atom, sympy.Piecewise)
            else None
        )
        if isinstance(atom, sympy.Heaviside):
            return sympy.Integer(1 if sign_of(args[0]) > 0 else 0)
        if isinstance(atom, sympy.sign):
            return sympy.Integer(sign_of(args[0]))
        if isinstance(atom, sympy.Abs):
            return sign_of(args[0]) * args[0]
        if isinstance(atom, (sympy.Max, sympy.Min)):
            first_bigger = sign_of(args[0] - args[1]) > 0
            return args[0] if first_bigger == isinstance(atom, sympy.Max) else args[1]
        for branch, cond in atom.args:
            if truth(cond) == sympy.true:
                return _resolve(branch, sign_of)
        raise KeyError(atom)

    atoms = expr.atoms(*_KINK_TYPES)
    if not atoms:
        return expr
    return expr.xreplace({atom: value(atom) for atom in atoms})


def _interval_points(low, high, var: sympy.Symbol) -> list[dict[sympy.Symbol, float]]:
    """A few points strictly inside (low, high); an infinite end is replaced by steps."""
    if low is None:
        values = [float(high) - step for step in (1, 2, 3)]
    elif high is None:
        values = [float(low) + step for step in (1, 2, 3)]
    else:
        values = [float(low + (high - low) * share) for share in (0.5, 0.25, 0.75)]
    return [{var: value} for value in values]


Region = tuple[dict[sympy.Expr, int], list[dict[sympy.Symbol, float]]]


def _sign_patterns(kinks: list[sympy.Expr]) -> list[Region] | None:
    """Sign of every kink argument per region, with witness points when the region is
    an interval of one variable (cut at the roots of linear kink arguments)."""
    variables = set().union(*(k.free_symbols for k in kinks))
    if len(variables) == 1:
        (var,) = variables
        if all(sympy.Poly(k, var).degree() == 1 for k in kinks):
            roots = sorted({-k.subs(var, 0) / k.coeff(var) for k in kinks})
            bounds = list(itertools.pairwise([None, *roots, None]))
            regions = []
            for low, high in bounds:
                probe = _interval_points(low, high, var)[0][var]
                signs = {k: 1 if k.subs(var, sympy.Float(probe, 30)) > 0 else -1 for k in kinks}
                regions.append((signs, _interval_points(low, high, var)))
            return regions
    if len(kinks) > MAX_KINKS:
        return None
    return [
        (dict(zip(kinks, signs, strict=True)), [])
        for signs in itertools.product((1, -1), repeat=len(kinks))
    ]


def _regions(expr: sympy.Expr) -> list[tuple[sympy.Expr, list]] | None:
    """Kink-free pieces of ``expr`` with witness points; None when kinks are unsupported."""
    arguments = _kink_arguments(expr)
    if arguments is None:
        return None
    kinks = _canonical(arguments)
    if not kinks:
        return [(expr, [])]
    patterns = _sign_patterns(kinks)
    if patterns is None:
        return None
    pieces = []
    for signs, points in patterns:
        try:
            pieces.append((_resolve(expr, _sign_lookup(signs)), points))
        except KeyError:
            return None
    return pieces


def kink_pieces(expr: sympy.Expr) -> list[sympy.Expr] | None:
    """Kink-free versions of ``expr``, one per region; None when kinks are unsupported.

    >>> x = sympy.Symbol("x")
    >>> kink_pieces(sympy.Abs(x) + sympy.Heaviside(x - 1))
    [-x, x, x + 1]
    """
    regions = _regions(expr)
    return None if regions is None else [piece for piece, _ in regions]
