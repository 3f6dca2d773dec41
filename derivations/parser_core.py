"""Recursive-descent core shared by the plain-text and LaTeX front ends.

Grammar (lowest precedence first; ``atom`` is supplied by each front end)::

    conditional := sum ["if" condition "else" conditional]
    condition   := conjunction ("or" conjunction)*
    conjunction := ("(" condition ")" | comparison) ("and" ...)*
    comparison  := sum (("<" | "<=" | ">" | ">=") sum)+
    sum         := signed (("+" | "-") product)*
    signed      := ("-" | "+") signed | product     (-a b = -(a b), -x^2 = -(x^2))
    product     := unary (("*" | "/") unary | implicit power)*
    unary       := ("-" | "+") unary | power       (after * or /, and in exponents)
    power       := atom ["^" unary]              (right-associative)

Implicit multiplication applies when a factor is followed by a name or an opening
bracket (``2x``, ``2(x+1)``, ``(a+b)(a-b)``, ``x y``); a number after a factor is a
``missing_operator`` error, and an implicit product right after ``/`` (``1/2x``) is
``ambiguous_division``. Nesting depth and node count are bounded while parsing.
"""

from __future__ import annotations

from dataclasses import replace

from derivations.errors import LearnerInputError, learner_error
from derivations.syntax import (
    COMPARISONS,
    AllOf,
    AnyOf,
    Call,
    Compare,
    Condition,
    Neg,
    Node,
    Piecewise,
    Power,
    Product,
    Sum,
)
from derivations.token_cursor import TokenCursor, join

KEYWORDS = frozenset({"if", "else", "and", "or", "otherwise"})


class ParserCore(TokenCursor):
    """Shared precedence climbing; ``atom`` and a few hooks come from each front end."""

    # -- grammar -------------------------------------------------------------------
    def finish(self, node: Node) -> Node:
        """Require the end of input after a complete expression."""
        if self.at("op", "="):
            raise learner_error("unexpected_token", self.peek().span, "equation")
        if not self.at("end"):
            raise self.unexpected()
        return node

    def conditional(self) -> Node:
        value = self.sum()
        if not self.at_keyword("if"):
            return value
        self.advance()
        condition = self.condition()
        self.expect("name", "else")
        with self.nested(self.previous_span()):
            other = self.conditional()
        rest = other.pieces if isinstance(other, Piecewise) else ((other, None),)
        return self.made(Piecewise(((value, condition), *rest), join(value.span, other.span)))

    def condition(self) -> Condition:
        """``a or b``, where each side is a conjunction."""
        parts = [self.conjunction()]
        while self.at_keyword("or"):
            self.advance()
            parts.append(self.conjunction())
        if len(parts) == 1:
            return parts[0]
        return AnyOf(tuple(parts), join(parts[0].span, parts[-1].span))

    def conjunction(self) -> Condition:
        parts = [self.condition_atom()]
        while self.at_keyword("and"):
            self.advance()
            parts.append(self.condition_atom())
        if len(parts) == 1:
            return parts[0]
        return AllOf(tuple(parts), join(parts[0].span, parts[-1].span))

    def condition_atom(self) -> Condition:
        """A comparison, or a bracketed condition such as ``(x \\leqq 0)``."""
        if self.at("open", "(", "["):
            saved = (self.pos, self.nodes, self.open_bars)
            try:
                opening = self.advance()
                with self.nested(opening.span):
                    condition = self.condition()
                self.expect("close")
                return condition
            except LearnerInputError:
                self.pos, self.nodes, self.open_bars = saved  # an expression in brackets
        return self.comparison()

    def comparison(self) -> Compare:
        operands = [self.sum()]
        ops: list[str] = []
        while self.at("op", *COMPARISONS):
            ops.append(self.advance().value)
            operands.append(self.sum())
        if not ops:
            raise learner_error("bad_condition", operands[0].span)
        return Compare(tuple(ops), tuple(operands), join(operands[0].span, operands[-1].span))

    def sum(self) -> Node:
        terms = [self.signed_term()]
        while self.at("op", "+", "-"):
            sign = self.advance()
            term = self.product()
            terms.append(
                self.made(Neg(term, join(sign.span, term.span))) if sign.value == "-" else term
            )
        if len(terms) == 1:
            return terms[0]
        return self.made(Sum(tuple(terms), join(terms[0].span, terms[-1].span)))

    def signed_term(self) -> Node:
        """A leading sign applies to the whole product: ``-a b`` is ``-(a b)``."""
        if not self.at("op", "-", "+"):
            return self.product()
        sign = self.advance()
        with self.nested(sign.span):
            term = self.signed_term()
        if sign.value == "+":
            return term
        return self.made(Neg(term, join(sign.span, term.span)))

    def product(self) -> Node:
        first = self.unary()
        rest: list[tuple[str, Node]] = []
        after_division = False
        while True:
            if self.at("op", "*", "/"):
                op = self.advance().value
                rest.append((op, self.unary()))
                after_division = op == "/"
            elif self.starts_implicit_factor():
                if after_division:
                    dividend = rest[-2][1] if len(rest) > 1 else first
                    raise learner_error(
                        "ambiguous_division",
                        join(dividend.span, self.peek().span),
                        text=self.source_text(dividend.span[0], self.peek().span[1]),
                    )
                rest.append(("*", self.power()))
            elif self.at("num"):
                previous = rest[-1][1] if rest else first
                if self.number_continues_product(previous):
                    rest.append(("*", self.power()))
                    continue
                raise learner_error(
                    "unexpected_token",
                    self.peek().span,
                    "missing_operator",
                    left=self.source_text(*previous.span),
                    right=self.peek().value,
                )
            else:
                break
        if not rest:
            return first
        return self.made(Product(first, tuple(rest), join(first.span, rest[-1][1].span)))

    def unary(self) -> Node:
        if self.at("op", "-", "+"):
            sign = self.advance()
            with self.nested(sign.span):
                operand = self.unary()
            if sign.value == "+":
                return operand
            return self.made(Neg(operand, join(sign.span, operand.span)))
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if not self.at("op", "^"):
            return base
        caret = self.advance()
        with self.nested(caret.span):
            exponent = self.exponent()
        return self.made(Power(base, exponent, join(base.span, exponent.span)))

    def exponent(self) -> Node:
        """What follows ``^``; LaTeX narrows this to one group or character."""
        return self.unary()

    def group(self) -> Node:
        """A bracketed expression; its span includes the brackets. ``\\left|…\\right|`` is abs."""
        opening = self.advance()
        with self.nested(opening.span):
            inner = self.conditional()
        closing = self.expect("close")
        span = join(opening.span, closing.span)
        if opening.value == "|":
            return self.made(Call("abs", (inner,), span, opening.span))
        return replace(inner, span=span)

    def bars(self) -> Node:
        """``|x|`` → ``abs(x)``."""
        opening = self.advance()
        self.open_bars += 1
        with self.nested(opening.span):
            inner = self.conditional()
        self.open_bars -= 1
        if not self.at("bar"):
            raise learner_error(
                "unbalanced_bracket", opening.span, "unbalanced_bracket_unclosed", bracket="|"
            )
        closing = self.advance()
        return self.made(Call("abs", (inner,), join(opening.span, closing.span), opening.span))

    # -- hooks for the front ends ---------------------------------------------------
    def atom(self) -> Node:
        raise NotImplementedError

    def starts_implicit_factor(self) -> bool:
        token = self.peek()
        if token.kind == "name":
            return token.value not in KEYWORDS
        if token.kind == "bar":
            return self.open_bars == 0
        return token.kind in ("open", "cmd", "radical")

    def number_continues_product(self, previous: Node) -> bool:
        """Whether a number right after ``previous`` multiplies it (plain text: never)."""
        return False
