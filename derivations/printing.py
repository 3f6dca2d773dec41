"""LaTeX echo of how we read an answer ("we read your answer as …").

SymPy's LaTeX printer with our spellings, chosen so that our own LaTeX front end reads
the echo back to the same expression:

- names: Greek names as commands (``beta1`` → ``\\beta_{1}``), multi-letter names
  upright (``lr`` → ``\\mathrm{lr}``), subscripts braced (``w_ji`` → ``w_{ji}``);
- ``sigmoid`` → ``\\sigma\\left(x\\right)``, ``softplus`` → ``\\operatorname{softplus}``,
  ``Heaviside`` → ``\\operatorname{Heaviside}``, ``Max(0, x)`` → ``\\operatorname{ReLU}``;
  other ``Max``/``Min`` → ``\\max``/``\\min``; ``exp`` of a number beyond the exponent
  limit → ``\\exp\\left(…\\right)``.

Terms and factors are printed in SymPy's stored order (``order="none"``): sorting them
for print costs more than the rest of the echo, and the stored order (numbers first,
``1 + e^{x}``) is the one learners usually type.

Names are validated identifiers by construction, so nothing the learner typed reaches
the output unescaped.

>>> x = sympy.Symbol("x", real=True)
>>> latex_echo(sympy.exp(-x) / 2)
'\\\\frac{e^{- x}}{2}'
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.printing.latex import LatexPrinter

from derivations.limits import MAX_EXPONENT
from derivations.names import GREEK_NAMES, split_name


def name_latex(name: str) -> str:
    """LaTeX for one of our canonical names.

    >>> name_latex("beta1"), name_latex("w_ji"), name_latex("lr"), name_latex("x")
    ('\\\\beta_{1}', 'w_{ji}', '\\\\mathrm{lr}', 'x')
    """
    base, subscript = split_name(name)
    if base in GREEK_NAMES:
        head = "\\" + base
    elif len(base) > 1:
        head = rf"\mathrm{{{base}}}"
    else:
        head = base
    return head if subscript is None else f"{head}_{{{subscript}}}"


class EchoPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the spellings listed in the module docstring."""

    def _print_Symbol(self, expr: sympy.Symbol, style: str = "plain") -> str:
        return name_latex(expr.name)

    def _named_call(self, name: str, argument: Any, exp: Any = None) -> str:
        text = rf"\operatorname{{{name}}}\left({self._print(argument)}\right)"
        return text if exp is None else rf"\left({text}\right)^{{{exp}}}"

    def _print_Heaviside(self, expr: Any, exp: Any = None) -> str:
        return self._named_call("Heaviside", expr.args[0], exp)

    def _print_ExpBase(self, expr: Any, exp: Any = None) -> str:
        argument = expr.args[0]
        if argument.is_Number and abs(argument) > MAX_EXPONENT:
            # e^{144} would exceed our own exponent limit when read back.
            return self._do_exponent(rf"\exp\left({self._print(argument)}\right)", exp)
        return super()._print_ExpBase(expr, exp)

    def _print_Max(self, expr: Any, exp: Any = None) -> str:
        if len(expr.args) == 2 and sympy.S.Zero in expr.args:
            (argument,) = (arg for arg in expr.args if arg != 0)
            return self._named_call("ReLU", argument, exp)
        return super()._print_Max(expr, exp)


def latex_echo(expr: sympy.Basic) -> str:
    """Our LaTeX for ``expr`` (see the module docstring)."""
    return EchoPrinter({"ln_notation": False, "order": "none"}).doprint(expr)
