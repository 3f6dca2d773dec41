"""LaTeX echo of how we read an answer ("we read your answer as …").

Printed from our own syntax tree (:mod:`derivations.syntax`), not from SymPy, so the
learner sees their own terms in their own order, with what we inferred made visible:
implicit products as ``\\cdot``, precedence as brackets (``-x^2`` → ``- x^{2}``,
``(-x)^2`` → ``\\left(- x\\right)^{2}``), ``a/b`` as ``\\frac{a}{b}``. Our LaTeX front
end reads the echo back to the same tree shape, hence the same expression.

- names: Greek names as commands (``beta1`` → ``\\beta_{1}``), multi-letter names
  upright (``lr`` → ``\\mathrm{lr}``), subscripts braced (``w_ji`` → ``w_{ji}``);
- calls: ``sigmoid``/``σ`` → ``\\sigma\\left(x\\right)``, ``sqrt`` → ``\\sqrt{x}``,
  ``abs`` → ``\\left|x\\right|``, LaTeX's own function commands where there is one
  (``\\exp``, ``\\log``, ``\\ln``, ``\\tanh``, ``\\max``, …), ``\\operatorname{…}``
  otherwise (``ReLU``, ``softplus``, ``Heaviside``, ``sech``, …);
- decimals exactly as read (``1e-3`` → ``0.001``); longer than the literal limit,
  as ``m \\cdot 10^{k}``.

Names are validated identifiers by the time a tree is printed, so nothing the learner
typed reaches the output unescaped. Printing is a walk of the tree: no SymPy involved.

>>> from derivations.text_parser import parse_text
>>> from derivations.vocabulary import Vocabulary
>>> echo(parse_text("2x exp(-x)/(1+exp(-x))^2", Vocabulary()))
'\\\\frac{2 x \\\\cdot \\\\exp\\\\left(- x\\\\right)}{\\\\left(1 + \\\\exp\\\\left(- x\\\\right)\\\\right)^{2}}'
"""

from __future__ import annotations

from derivations.latex_commands import FUNCTION_COMMANDS
from derivations.limits import MAX_NUMBER_DIGITS
from derivations.names import GREEK_NAMES, split_name
from derivations.syntax import (
    AllOf,
    AnyOf,
    Call,
    Compare,
    Condition,
    Name,
    Neg,
    Node,
    Number,
    Piecewise,
    Power,
    Product,
    Sum,
)

#: Call spellings with a LaTeX form of their own (others: ``\operatorname{name}``).
_CALL_NAMES = {
    "sigmoid": "\\sigma",
    "Sigmoid": "\\sigma",
    "sigma": "\\sigma",
    "relu": "\\operatorname{ReLU}",
    "Relu": "\\operatorname{ReLU}",
    "RELU": "\\operatorname{ReLU}",
    "step": "\\operatorname{Heaviside}",
    "heaviside": "\\operatorname{Heaviside}",
    "sgn": "\\operatorname{sign}",
    "Softplus": "\\operatorname{softplus}",
    "Max": "\\max",
    "Min": "\\min",
    "asin": "\\arcsin",
    "acos": "\\arccos",
    "atan": "\\arctan",
}
#: Commands a reader may not know as functions, printed as operator names instead.
_OPERATOR_NAMES = frozenset({"sech", "csch"})
_RELATIONS = {"<": "<", "<=": "\\le", ">": ">", ">=": "\\ge"}


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


def number_latex(node: Number) -> str:
    """The exact value of a literal: ``0.001`` for ``1e-3``, ``m \\cdot 10^{k}`` if long."""
    digits, scale = str(node.mantissa), node.scale
    if len(digits) + abs(scale) > MAX_NUMBER_DIGITS:
        return rf"{digits} \cdot 10^{{{scale}}}"
    if scale >= 0:
        return digits + "0" * scale
    padded = digits.rjust(1 - scale, "0")
    return f"{padded[:scale]}.{padded[scale:]}"


def _juxtaposable(left: str, right: str) -> bool:
    """``2 x``, ``2 \\sigma\\left(x\\right)``: a number before a letter or a command."""
    if not left.replace(".", "").isdigit():
        return False
    return right[0].isalpha() or (right[0] == "\\" and not right.startswith("\\left"))


def echo(node: Node | Condition) -> str:
    """LaTeX for a syntax tree (see the module docstring)."""
    return _Printer().top(node)


class _Printer:
    def top(self, node: Node | Condition) -> str:
        if isinstance(node, Piecewise):
            return self.piecewise(node)
        if isinstance(node, Compare | AllOf | AnyOf):
            return self.condition(node)
        return self.sum_level(node)

    def sum_level(self, node: Node) -> str:
        """``node`` where a sum needs no brackets."""
        if isinstance(node, Sum):
            parts = [self.term(node.terms[0], first=True)]
            parts += [self.term(term, first=False) for term in node.terms[1:]]
            return " ".join(parts)
        if isinstance(node, Neg):
            return "- " + self.factor(node.operand)
        return self.product_level(node)

    def term(self, node: Node, *, first: bool) -> str:
        if isinstance(node, Neg):
            return "- " + self.factor(node.operand)
        return ("" if first else "+ ") + self.product_level(node)

    def product_level(self, node: Node) -> str:
        """``node`` where a product needs no brackets (a sum does)."""
        if not isinstance(node, Product):
            return self.factor(node)
        text = self.factor(node.first)
        for op, item in node.rest:
            if op == "/":
                text = rf"\frac{{{text}}}{{{self.sum_level(item)}}}"
            else:
                right = self.factor(item)
                text += (" " if _juxtaposable(text, right) else r" \cdot ") + right
        return text

    def factor(self, node: Node) -> str:
        """``node`` as one factor of a product: sums, negations and cases bracketed."""
        if isinstance(node, Sum | Neg | Piecewise):
            return rf"\left({self.top(node)}\right)"
        if isinstance(node, Product):
            return self.product_level(node)
        if isinstance(node, Power):
            return self.power(node)
        return self.atom(node)

    def power(self, node: Power) -> str:
        base = node.base
        if isinstance(base, Name | Number):
            text = self.atom(base)
        else:
            text = rf"\left({self.top(base)}\right)"
        return f"{text}^{{{self.top(node.exponent)}}}"

    def atom(self, node: Node) -> str:
        if isinstance(node, Number):
            return number_latex(node)
        if isinstance(node, Name):
            return name_latex(node.name)
        if isinstance(node, Call):
            return self.call(node)
        return rf"\left({self.top(node)}\right)"

    def call(self, node: Call) -> str:
        arguments = ", ".join(self.top(arg) for arg in node.args)
        if node.name == "sqrt":
            return rf"\sqrt{{{arguments}}}"
        if node.name in ("abs", "Abs"):
            return rf"\left|{arguments}\right|"
        head = _CALL_NAMES.get(node.name)
        if head is None:
            known = node.name in FUNCTION_COMMANDS and node.name not in _OPERATOR_NAMES
            head = "\\" + node.name if known else rf"\operatorname{{{node.name}}}"
        return rf"{head}\left({arguments}\right)"

    def piecewise(self, node: Piecewise) -> str:
        rows = []
        for value, condition in node.pieces:
            when = r"\text{otherwise}" if condition is None else self.condition(condition)
            if condition is not None:
                when = r"\text{for}\: " + when
            rows.append(f"{self.top(value)} & {when}")
        return r"\begin{cases} " + r" \\".join(rows) + r" \end{cases}"

    def condition(self, node: Condition) -> str:
        if isinstance(node, Compare):
            parts = [self.sum_level(node.operands[0])]
            for op, operand in zip(node.ops, node.operands[1:], strict=True):
                parts += [_RELATIONS[op], self.sum_level(operand)]
            return " ".join(parts)
        joiner = r" \wedge " if isinstance(node, AllOf) else r" \vee "
        return joiner.join(self.condition_part(part) for part in node.parts)

    def condition_part(self, node: Condition) -> str:
        text = self.condition(node)
        return text if isinstance(node, Compare) else rf"\left({text}\right)"
