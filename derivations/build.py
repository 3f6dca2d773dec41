"""Our syntax tree → SymPy, with every name checked against the vocabulary first.

Numbers become exact rationals (``0.1`` → ``1/10``), so decimal constants cancel
exactly. A name becomes a Symbol only through :meth:`Vocabulary.symbol` after
:meth:`Vocabulary.resolve` accepted it; ``e`` and ``pi`` are constants unless
declared. Calls go through :data:`~derivations.function_table.FUNCTIONS`; calculus
operators are ``forbidden_operator`` unless building an author's reference, where
``diff(expr, x, ...)`` is differentiated by SymPy after ``expand`` (the question's
definitions) is applied to ``expr``, so ``diff(y, x)`` with ``y = sigmoid(x)``
differentiates sigmoid(x) rather than an independent symbol y. Sizes are checked beforehand
(:mod:`derivations.sizes`), so building with ``evaluate=True`` is safe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy

# SymPy imports its tensor module lazily, the first time terms of a sum cancel
# (``1/(x-x)``): some 25 ms to 80 ms charged to whichever answer comes first.
import sympy.tensor.tensor  # noqa: F401

from derivations.error_messages import HINTS
from derivations.errors import learner_error
from derivations.function_table import DIFFERENTIATION, FUNCTIONS, OPERATORS, exp
from derivations.names import IDENTIFIER
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
from derivations.vocabulary import CONSTANTS, Vocabulary

RELATIONS: dict[str, Callable[[Any, Any], sympy.Basic]] = {
    "<": sympy.Lt,
    "<=": sympy.Le,
    ">": sympy.Gt,
    ">=": sympy.Ge,
}


def _hint(key: str, text: str) -> dict[str, str]:
    return {lang: template.format(text=text) for lang, template in HINTS[key].items()}


class Builder:
    """Builds SymPy from a checked tree for one vocabulary (``authoring``: any name, diff).

    ``expand`` substitutes the defined names into what ``diff`` differentiates.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        authoring: bool = False,
        expand: Callable[[sympy.Expr], sympy.Expr] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.authoring = authoring
        self.expand = expand
        self.dispatch: dict[type, Callable[[Any], sympy.Basic]] = {
            Number: self.number,
            Name: self.name,
            Neg: self.neg,
            Sum: self.sum,
            Product: self.product,
            Power: self.power,
            Call: self.call,
            Piecewise: self.piecewise,
            Compare: self.compare,
            AllOf: self.all_of,
            AnyOf: self.any_of,
        }

    def build(self, node: Node | Condition) -> Any:
        try:
            return self.dispatch[type(node)](node)
        except (TypeError, ValueError) as error:
            # SymPy refuses to compare or evaluate non-real values (max(sqrt(-1), 0),
            # sqrt(-1) > 0); the innermost node that failed names the culprit.
            raise learner_error("not_real", node.span) from error

    def number(self, node: Number) -> sympy.Rational:
        if node.scale >= 0:
            return sympy.Integer(node.mantissa * 10**node.scale)
        return sympy.Rational(node.mantissa, 10**-node.scale)

    def name(self, node: Name) -> sympy.Expr:
        resolved = self.vocabulary.resolve(node.name, any_name=self.authoring)
        if resolved is not None:
            return self.vocabulary.symbol(resolved)
        if node.name in CONSTANTS:
            return CONSTANTS[node.name]
        if node.name in OPERATORS:
            raise learner_error("forbidden_operator", node.span, name=node.name)
        raise self.unknown_name(node)

    def unknown_name(self, node: Name) -> Exception:
        """The error for an unknown name, with the most useful hint we can give."""
        name = node.name
        product = self.vocabulary.as_product(name) if IDENTIFIER.match(name) else None
        suggestion = None if product else self.vocabulary.suggestion(name)
        known = self.vocabulary.known_names()
        hint = {"en": "", "ja": ""}
        if product:
            hint = _hint("product", product)
        elif suggestion:
            hint = _hint("did_you_mean", suggestion)
        elif known and self.vocabulary.variables is not None:
            hint = _hint("allowed", ", ".join(known))
        return learner_error(
            "unknown_name", node.span, name=name, hint_en=hint["en"], hint_ja=hint["ja"]
        )

    def neg(self, node: Neg) -> sympy.Expr:
        return -self.build(node.operand)

    def sum(self, node: Sum) -> sympy.Expr:
        return sympy.Add(*(self.build(term) for term in node.terms))

    def product(self, node: Product) -> sympy.Expr:
        """All factors in one ``Mul``, so the result does not depend on their order."""
        factors = [self.build(node.first)]
        for op, item in node.rest:
            value = self.build(item)
            factors.append(value if op == "*" else sympy.Pow(value, -1))
        return sympy.Mul(*factors)

    def power(self, node: Power) -> sympy.Expr:
        base, exponent = self.build(node.base), self.build(node.exponent)
        return exp(exponent) if base is sympy.E else sympy.Pow(base, exponent)

    def call(self, node: Call) -> sympy.Expr:
        if node.name in OPERATORS:
            return self.operator(node)
        spec = FUNCTIONS.get(node.name)
        if spec is None:  # only reachable through LaTeX \operatorname{...}
            raise self.unknown_name(Name(node.name, node.name_span))
        if not spec.accepts(len(node.args)):
            raise learner_error(
                "wrong_arity",
                node.span,
                name=node.name,
                expected=spec.arity_text(),
                got=len(node.args),
            )
        return spec.build(*(self.build(arg) for arg in node.args))

    def operator(self, node: Call) -> sympy.Expr:
        allowed = self.authoring or node.name not in self.vocabulary.forbid
        if not (allowed and node.name in DIFFERENTIATION):
            raise learner_error("forbidden_operator", node.name_span, name=node.name)
        if len(node.args) < 2 or not all(isinstance(arg, Name) for arg in node.args[1:]):
            raise learner_error(
                "wrong_arity", node.span, name=node.name, expected="2+", got=len(node.args)
            )
        expr = self.build(node.args[0])
        if self.expand is not None:
            expr = self.expand(expr)
        return sympy.diff(expr, *(self.build(arg) for arg in node.args[1:]))

    def piecewise(self, node: Piecewise) -> sympy.Expr:
        pieces = [
            (self.build(value), sympy.true if condition is None else self.build(condition))
            for value, condition in node.pieces
        ]
        return sympy.Piecewise(*pieces)

    def compare(self, node: Compare) -> sympy.Basic:
        operands = [self.build(operand) for operand in node.operands]
        if any(operand.has(sympy.Piecewise) for operand in operands):
            raise learner_error("bad_condition", node.span, "bad_condition_nested")
        relations = [
            RELATIONS[op](left, right)
            for op, left, right in zip(node.ops, operands, operands[1:], strict=False)
        ]
        return sympy.And(*relations)

    def all_of(self, node: AllOf) -> sympy.Basic:
        return sympy.And(*(self.build(part) for part in node.parts))

    def any_of(self, node: AnyOf) -> sympy.Basic:
        return sympy.Or(*(self.build(part) for part in node.parts))
