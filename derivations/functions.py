"""Custom SymPy functions for deep-learning formulas: :class:`sigmoid`, :class:`softplus`.

Other activations map to SymPy's own objects when a formula is built
(:mod:`derivations.function_table`): ``relu(x)`` → ``Max(0, x)``, ``step(x)`` →
``Heaviside(x)``, ``abs`` → ``Abs``; so equivalence code sees one spelling of each.

Both custom functions

- differentiate (``fdiff``): σ' = σ(1-σ), softplus' = σ;
- rewrite to exponentials: ``expr.rewrite(sympy.exp)``;
- evaluate numerically through ``evalf`` (mpmath) and under ``sympy.lambdify`` with
  the ``"numpy"``, ``"mpmath"`` and ``"math"`` modules: code printers print them in an
  overflow-free form built from ``exp``, ``Min``/``Max`` and ``Abs``, so no extra
  namespace is needed;
- print in LaTeX as ``\\sigma\\left(x\\right)`` and ``\\operatorname{softplus}\\left(x\\right)``.

>>> x = sympy.Symbol("x", real=True)
>>> sigmoid(x).diff(x)
(1 - sigmoid(x))*sigmoid(x)
>>> sigmoid(x).rewrite(sympy.exp)
1/(1 + exp(-x))
"""

from __future__ import annotations

from typing import Any

import sympy


class _ExpFormFunction(sympy.Function):
    """A one-argument function with a closed exp/log form used for numbers and printing."""

    nargs = 1
    latex_name = ""

    @staticmethod
    def exp_form(x: sympy.Expr) -> sympy.Expr:
        """The closed form at ``x`` with ``exp``/``log`` (what ``rewrite(sympy.exp)`` gives)."""
        raise NotImplementedError

    @staticmethod
    def numeric_form(x: sympy.Expr) -> sympy.Expr:
        """An equal form that never overflows in floating point (for code printers)."""
        raise NotImplementedError

    def _eval_rewrite_as_exp(self, arg: sympy.Expr, **hints: Any) -> sympy.Expr:
        return self.exp_form(arg)  # ``arg`` is already rewritten (nested calls)

    def _eval_evalf(self, prec: int) -> sympy.Expr:
        return self.exp_form(self.args[0])._eval_evalf(prec)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _print_numeric_form(self, printer: Any) -> str:
        # Bracketed: the form is a sum or quotient printed where a call was expected.
        return f"({printer._print(self.numeric_form(self.args[0]))})"

    _numpycode = _print_numeric_form
    _mpmathcode = _print_numeric_form
    _pythoncode = _print_numeric_form
    _lambdacode = _print_numeric_form

    def _latex(self, printer: Any, exp: Any = None) -> str:
        text = rf"{self.latex_name}\left({printer._print(self.args[0])}\right)"
        if exp is not None:
            return rf"\left({text}\right)^{{{exp}}}"
        return text


def is_plain_product(arg: sympy.Expr) -> bool:
    """A product of rationals and variables or their integer powers (``-x``, ``x*y/2``).

    >>> x, y = sympy.symbols("x y", real=True)
    >>> is_plain_product(-x * y**2 / 2), is_plain_product(x * sympy.log(y))
    (True, False)
    """
    return arg.is_Mul and all(
        f.is_Rational or f.is_Symbol or (f.is_Pow and f.base.is_Symbol and f.exp.is_Integer)
        for f in arg.args
    )


class sigmoid(_ExpFormFunction):  # noqa: N801  (SymPy functions are lower-case classes)
    """The logistic sigmoid σ(x) = 1 / (1 + e^{-x})."""

    latex_name = r"\sigma"

    @classmethod
    def eval(cls, arg: sympy.Expr) -> sympy.Expr | None:
        if is_plain_product(arg):
            # A product is 0 only through a zero factor; asking SymPy about a product it
            # has not seen yet costs ~0.15 ms of assumption queries.
            zero = any((f.base if f.is_Pow else f).is_zero for f in arg.args if not f.is_Rational)
        else:
            zero = arg.is_zero
        return sympy.S.Half if zero else None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        return self * (1 - self)

    @staticmethod
    def exp_form(x: sympy.Expr) -> sympy.Expr:
        return 1 / (1 + sympy.exp(-x))

    @staticmethod
    def numeric_form(x: sympy.Expr) -> sympy.Expr:
        return sympy.exp(sympy.Min(x, 0)) / (1 + sympy.exp(-sympy.Abs(x)))

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_real else None


class softplus(_ExpFormFunction):  # noqa: N801
    """softplus(x) = log(1 + e^{x}), whose derivative is σ(x)."""

    latex_name = r"\operatorname{softplus}"

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        return sigmoid(self.args[0])

    @staticmethod
    def exp_form(x: sympy.Expr) -> sympy.Expr:
        return sympy.log(1 + sympy.exp(x))

    @staticmethod
    def numeric_form(x: sympy.Expr) -> sympy.Expr:
        return sympy.Max(x, 0) + sympy.log(1 + sympy.exp(-sympy.Abs(x)))

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_real else None
