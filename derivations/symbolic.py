"""Targeted symbolic proof that two expressions are equal (runs inside a worker).

Public names: ``prove_equal``, ``compare``, ``exp_monomials_to_symbols``.

``prove_equal(a, b)`` returns True only when it has shown ``a - b == 0``:

1. kinks: ``Heaviside``, ``sign``, ``Abs``, two-argument ``Max``/``Min`` and
   ``Piecewise`` are resolved region by region (:func:`derivations.kinks.regions`),
   and each kink-free piece is proved on its own. Values exactly at a kink never
   matter (equality almost everywhere), so ``Heaviside(x)`` equals
   ``Piecewise((1, x > 0), (0, True))``.
2. each piece: when it is exp-rational as it stands, :func:`derivations.modular.equal`
   decides it without rewriting. Otherwise ``erfc`` -> ``1 - erf``, rewrite to
   ``exp``, every ``exp(c1*m1 + ...)`` becomes a product of powers of one fresh symbol
   per monomial ``m`` (exponents made integral with the lcm of the denominators;
   ``exp(c*log(f))`` -> ``f**c``). The variables and these symbols are algebraically
   independent, so the piece is 0 iff the resulting rational function is. When it
   has rational coefficients, that is tested exactly at random points modulo two
   61-bit primes (:mod:`derivations.modular`); otherwise (roots, pi, erf left) with
   ``cancel``. This decides equality of rational functions of exponentials of
   polynomials: sigmoid, tanh, softmax, softplus and GELU forms.

It never calls ``simplify``. A False result means "no proof", never "different".
Floats must already be exact rationals (see :func:`derivations.numeric.prepare`).
"""

from __future__ import annotations

import sympy

from derivations import modular
from derivations.kinks import regions


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
    pieces = regions(difference)
    if pieces is None:
        return "unknown", []
    witnesses: list[dict[sympy.Symbol, float]] = []
    undecided = False
    for piece, points in pieces:
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
    if modular.equal(expr, sympy.S.Zero):  # exp-rational as it stands: no rewriting needed
        return True
    erfcs = expr.atoms(sympy.erfc)
    if erfcs:
        expr = expr.xreplace({e: 1 - sympy.erf(e.args[0]) for e in erfcs})
    expr = exp_monomials_to_symbols(_rewrite_to_exp(expr))
    zero = modular.equal(expr, sympy.S.Zero)  # a rational function now, or None
    if zero is None:
        return True if sympy.cancel(expr) == 0 else None
    return zero


def _rewrite_to_exp(expr: sympy.Expr) -> sympy.Expr:
    """``expr.rewrite(exp)`` where it matters, leaving the rest of the tree as it is.

    ``rewrite`` rebuilds every node, and turns each ``f**c`` with a rational ``c`` into
    ``exp(c*log(f))``, which :func:`exp_monomials_to_symbols` only turns back into
    ``f**c``. Here only functions other than ``exp`` and powers with a non-rational
    exponent (``beta**t``, ``2**x``) are rewritten; each replacement is an identity.
    """
    functions = {
        f: f.rewrite(sympy.exp) for f in expr.atoms(sympy.Function) if not isinstance(f, sympy.exp)
    }
    if functions:
        expr = expr.xreplace(functions)
    powers = {
        p: p.rewrite(sympy.exp)
        for p in expr.atoms(sympy.Pow)
        if not (p.exp.is_Rational and p.base.has(sympy.Symbol))
    }
    return expr.xreplace(powers) if powers else expr


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
