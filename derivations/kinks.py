"""Kinks: cut an expression into kink-free pieces, one per sign region.

Public names: ``regions``, ``kink_pieces``, ``Region``, ``KINK_TYPES``, ``MAX_KINKS``.

A kink is ``Heaviside``, ``sign``, ``Abs``, a two-argument ``Max``/``Min`` or a
``Piecewise``; its *argument* is the expression whose sign decides the branch. Kink
arguments equal up to a nonzero constant factor are one kink. When every argument is
linear in one variable, the real line is cut at their roots and each interval gets
witness points strictly inside it; otherwise every sign pattern of (at most
``MAX_KINKS``) arguments is a region. Used by the prover (:mod:`derivations.symbolic`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import sympy

MAX_KINKS = 4
KINK_TYPES = (sympy.Heaviside, sympy.sign, sympy.Abs, sympy.Max, sympy.Min, sympy.Piecewise)


def _kink_arguments(expr: sympy.Expr) -> list[sympy.Expr] | None:
    """Every expression whose sign decides a kink, or None when one is unsupported."""
    found = []
    for atom in expr.atoms(*KINK_TYPES):
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

    atoms = expr.atoms(*KINK_TYPES)
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


def regions(expr: sympy.Expr) -> list[tuple[sympy.Expr, list]] | None:
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
    found = regions(expr)
    return None if found is None else [piece for piece, _ in found]
