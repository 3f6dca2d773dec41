"""Helpers that find the parts of a reference a mistake would change.

Functions of the reference alone are cached (``functools.lru_cache``): a question's
reference is the same object for every attempt (:func:`derivations.check.problem_for`),
so the candidates a rule builds from it are built once, not once per wrong answer.

Public names: ``terms``, ``factors``, ``softmax_denominators``, ``softmax_outputs``,
``kink_atoms``, ``output_minus_target``, ``ordered``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import sympy

KINKS = (sympy.Heaviside, sympy.sign, sympy.Max, sympy.Min, sympy.Piecewise, sympy.Abs)


def ordered(symbols: Iterable[sympy.Symbol]) -> list[sympy.Symbol]:
    """Symbols sorted by name, for a deterministic rule order."""
    return sorted(symbols, key=str)


def terms(expr: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """The summands of ``expr`` (itself when it is not a sum)."""
    return sympy.Add.make_args(expr)


def factors(expr: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """The factors of ``expr`` (itself when it is not a product)."""
    return sympy.Mul.make_args(expr)


@functools.lru_cache(maxsize=128)
def softmax_denominators(expr: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """Sums of two or more exponentials that ``expr`` divides by (softmax normalisers)."""
    found = []
    for power in expr.atoms(sympy.Pow):
        base = power.base
        exps = sum(isinstance(term, sympy.exp) for term in base.args) if base.is_Add else 0
        if power.exp.is_negative and exps >= 2:
            found.append(base)
    return tuple(sorted(set(found), key=sympy.default_sort_key))


@functools.lru_cache(maxsize=128)
def softmax_outputs(expr: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """Every ``exp(z_i) / sum_k exp(z_k)`` one can form from ``expr``'s normalisers."""
    outputs = []
    for denominator in softmax_denominators(expr):
        outputs += [t / denominator for t in denominator.args if isinstance(t, sympy.exp)]
    return tuple(outputs)


@functools.lru_cache(maxsize=128)
def kink_atoms(expr: sympy.Expr) -> tuple[sympy.Basic, ...]:
    """ReLU-like pieces: Heaviside, sign, Max/Min, Piecewise, Abs."""
    return tuple(sorted(expr.atoms(*KINKS), key=sympy.default_sort_key))


@functools.lru_cache(maxsize=128)
def output_minus_target(expr: sympy.Expr) -> tuple[tuple[sympy.Expr, sympy.Symbol], ...]:
    """Every way to read ``expr`` as ``S - t`` with a symbol ``t`` that S does not use."""
    readings = []
    for target in ordered(expr.free_symbols):
        if -target in expr.args:  # only a sum with a "- t" term can read that way
            output = expr + target
            if output.free_symbols and target not in output.free_symbols:
                readings.append((output, target))
    return tuple(readings)
