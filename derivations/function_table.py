"""The functions an answer may call, by every spelling we accept, and the operators we refuse.

``FUNCTIONS[name]`` is a :class:`FunctionSpec`: how many arguments, and how to build
the SymPy object. ``relu`` is built as ``Max(0, x)`` and ``step`` as ``Heaviside(x)``
(SymPy's own objects), ``sigmoid``/``σ`` and ``softplus`` as our custom functions.
``log`` and ``ln`` are the natural logarithm.

``OPERATORS`` are calculus instructions (``diff``, ``Derivative``, ...). They parse as
calls so we can name them in an error; learners may not use the ones a question
forbids, and only ``diff``/``Derivative`` are ever evaluated (for authors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivations.functions import is_plain_product, sigmoid, softplus


@dataclass(frozen=True)
class FunctionSpec:
    """Arity bounds (``max_args=None``: any number) and the SymPy builder."""

    min_args: int
    max_args: int | None
    build: Callable[..., sympy.Expr]

    def accepts(self, count: int) -> bool:
        return count >= self.min_args and (self.max_args is None or count <= self.max_args)

    def arity_text(self) -> str:
        if self.max_args == self.min_args:
            return str(self.min_args)
        return f"{self.min_args}+" if self.max_args is None else f"{self.min_args}-{self.max_args}"


def exp(arg: sympy.Expr) -> sympy.Expr:
    """``sympy.exp(arg)``, the same object, built faster for the commonest arguments.

    For a product SymPy's ``exp`` looks for a factor ``n*pi*I`` and for a ``log`` factor
    (``exp(2*log(x))`` is ``x**2``); in a product of a rational and variables there is
    neither, so its search ends without a change and is skipped here. It is the
    costliest step of reading ``exp(-x)`` when SymPy's cache is cold (~0.15 ms).
    """
    if is_plain_product(arg):
        return sympy.exp(arg, evaluate=False)
    return sympy.exp(arg)


def _relu(x: sympy.Expr) -> sympy.Expr:
    """``Max(0, x)``; for a variable of unknown sign SymPy's Max searches ~0.3 ms (cold
    cache) for a simplification there is none of, so the same object is built directly."""
    if x.is_Symbol and x.is_extended_nonnegative is None and x.is_extended_nonpositive is None:
        return sympy.Max(0, x, evaluate=False)
    return sympy.Max(0, x)


def _unary(build: Callable[..., sympy.Expr]) -> FunctionSpec:
    return FunctionSpec(1, 1, build)


_SPELLINGS: dict[Callable[..., sympy.Expr], tuple[str, ...]] = {
    exp: ("exp",),
    sympy.log: ("log", "ln"),
    sympy.sqrt: ("sqrt",),
    sympy.sin: ("sin",),
    sympy.cos: ("cos",),
    sympy.tan: ("tan",),
    sympy.sinh: ("sinh",),
    sympy.cosh: ("cosh",),
    sympy.tanh: ("tanh",),
    sympy.sech: ("sech",),
    sympy.sec: ("sec",),
    sympy.csc: ("csc",),
    sympy.cot: ("cot",),
    sympy.coth: ("coth",),
    sympy.csch: ("csch",),
    sympy.asin: ("asin", "arcsin"),
    sympy.acos: ("acos", "arccos"),
    sympy.atan: ("atan", "arctan"),
    sympy.asinh: ("asinh", "arsinh", "arcsinh"),
    sympy.acosh: ("acosh", "arcosh", "arccosh"),
    sympy.atanh: ("atanh", "artanh", "arctanh"),
    sigmoid: ("sigmoid", "Sigmoid", "sigma"),
    softplus: ("softplus", "Softplus"),
    _relu: ("relu", "ReLU", "Relu", "RELU"),
    sympy.Abs: ("abs", "Abs"),
    sympy.Heaviside: ("Heaviside", "heaviside", "step"),
    sympy.sign: ("sign", "sgn"),
    sympy.erf: ("erf",),
    sympy.erfc: ("erfc",),
}

FUNCTIONS: dict[str, FunctionSpec] = {
    spelling: _unary(build) for build, names in _SPELLINGS.items() for spelling in names
}
FUNCTIONS.update(
    {
        "max": FunctionSpec(2, None, sympy.Max),
        "Max": FunctionSpec(2, None, sympy.Max),
        "min": FunctionSpec(2, None, sympy.Min),
        "Min": FunctionSpec(2, None, sympy.Min),
    }
)

#: Spellings that are also ordinary variable names when not followed by a bracket.
ALSO_VARIABLES = frozenset({"sigma"})

#: Calculus instructions: parsed as calls only to be refused (or, for authors, evaluated).
OPERATORS = frozenset(
    {"diff", "Derivative", "integrate", "Integral", "subs", "simplify", "limit", "Limit"}
)
#: The operators an author may use in a reference (evaluated with SymPy).
DIFFERENTIATION = frozenset({"diff", "Derivative"})

#: Every name that is a call head when followed by an opening bracket.
CALLABLE_NAMES = frozenset(FUNCTIONS) | OPERATORS
