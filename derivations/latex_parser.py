"""LaTeX front end: LaTeX math → the same syntax tree as plain text.

On top of the shared grammar (:mod:`derivations.parser_core`):

- ``\\frac{a}{b}`` (``\\dfrac``, ``\\tfrac``, ``\\frac12``), ``\\sqrt{x}``, ``\\sqrt[n]{x}``;
- TeX superscripts take one group or one character: ``x^{10}``, ``x^2`` (``x^23`` is
  ``x^2`` followed by ``3``), ``e^-x`` is accepted as ``e^{-x}``;
- function commands with brackets ``\\sin\\left(x\\right)``, braces ``\\log{x}``, powers
  ``\\tanh^{2}(x)``, or without brackets ``\\sin 2x`` (the following implicit product);
- ``\\sigma`` is the sigmoid when a bracket follows, otherwise the name ``sigma``;
- ``|x|``, ``\\left|x\\right|`` → ``abs``; ``\\{ … \\}`` and ``{ … }`` group;
- ``\\begin{cases}`` / ``\\begin{array}`` rows ``value & condition``, the condition
  optionally bracketed, introduced by ``\\text{if}``, or ``\\text{otherwise}``;
- ``\\frac{d}{dx}``, ``\\partial``, ``\\nabla``, ``\\int``, ``\\lim`` are ``forbidden_operator``.
"""

from __future__ import annotations

from derivations.brackets import check_brackets
from derivations.errors import learner_error
from derivations.function_table import ALSO_VARIABLES, CALLABLE_NAMES
from derivations.heads import strip_head
from derivations.latex_lexer import tokenize_latex
from derivations.lexer import Token, number_node
from derivations.normalise import normalise
from derivations.parser_core import KEYWORDS, ParserCore
from derivations.syntax import Call, Condition, Name, Neg, Node, Number, Piecewise, Power, Product
from derivations.token_cursor import join
from derivations.vocabulary import Vocabulary

CALL_BRACKETS = ("(", "[", "{", "\\{")


class LatexParser(ParserCore):
    """Parser for LaTeX tokens (:mod:`derivations.latex_lexer`)."""

    def __init__(self, tokens: list[Token], original: str, vocabulary: Vocabulary) -> None:
        super().__init__(tokens)
        self.tokens: list[Token] = tokens
        self.original = original
        self.vocabulary = vocabulary

    def source_text(self, start: int, end: int) -> str:
        return self.original[start:end]

    def parse(self) -> Node:
        return self.finish(self.conditional())

    def number_continues_product(self, previous: Node) -> bool:
        """``2^{x} 2^{y}``: after a space, a number multiplies a preceding non-number
        (``x^23`` and ``2 3`` stay errors)."""
        return self.peek().spaced and not isinstance(previous, Number)

    def starts_implicit_factor(self) -> bool:
        return self.peek().kind in ("func", "cmd", "begin") or super().starts_implicit_factor()

    # -- atoms -------------------------------------------------------------------------
    def atom(self) -> Node:
        token = self.peek()
        if token.kind == "num":
            self.advance()
            return self.made(number_node(token.value, token.span))
        if token.kind == "name" and token.value not in KEYWORDS:
            return self.name_or_call()
        if token.kind == "func":
            return self.function()
        if token.kind == "open":
            return self.group()
        if token.kind == "bar":
            return self.bars()
        if token.kind == "cmd":
            return self.structure()
        if token.kind == "begin":
            return self.cases()
        raise self.unexpected()

    def name_or_call(self) -> Node:
        token = self.advance()
        if token.value in CALLABLE_NAMES and self.at("open", *CALL_BRACKETS):
            return self.call(token, self.call_args())
        if token.value in CALLABLE_NAMES and self.at("op", "^"):
            powered = self.powered_call(token)
            if powered is not None:
                return powered
        if token.value in CALLABLE_NAMES and token.value not in ALSO_VARIABLES:
            raise learner_error("function_needs_argument", token.span, name=token.value)
        return self.made(Name(token.value, token.span))

    def powered_call(self, head: Token) -> Node | None:
        """``\\sigma^2(x)`` is ``sigmoid(x)^2``; without a bracket after the power, nothing
        is consumed and ``\\sigma^2`` stays the name ``sigma`` squared."""
        start = self.pos
        caret = self.advance()
        with self.nested(caret.span):
            power = self.exponent()
        if not self.at("open", *CALL_BRACKETS):
            self.pos = start
            return None
        call = self.call(head, self.call_args())
        return self.made(Power(call, power, join(head.span, call.span)))

    def function(self) -> Node:
        head = self.advance()
        power = None
        if self.at("op", "^"):
            caret = self.advance()
            with self.nested(caret.span):
                power = self.exponent()
        if self.at("open", *CALL_BRACKETS):
            call = self.call(head, self.call_args())
        else:
            with self.nested(head.span):
                call = self.call(head, ((self.bracketless_argument(),), head.span))
        if power is None:
            return call
        return self.made(Power(call, power, join(head.span, call.span)))

    def call(self, head: Token, args: tuple[tuple[Node, ...], tuple[int, int]]) -> Node:
        nodes, end = args
        return self.made(Call(head.value, nodes, join(head.span, end), head.span))

    def call_args(self) -> tuple[tuple[Node, ...], tuple[int, int]]:
        opening = self.advance()
        args: list[Node] = []
        with self.nested(opening.span):
            args.append(self.conditional())
            while opening.value != "{" and self.at("op", ","):
                self.advance()
                args.append(self.conditional())
        return tuple(args), self.expect("close").span

    def bracketless_argument(self) -> Node:
        """``\\sin 2x`` → the implicit product after the function, up to an operator."""
        first = self.unary() if self.at("op", "-") else self.power()
        rest: list[tuple[str, Node]] = []
        while self.peek().kind != "func" and self.starts_implicit_factor():
            rest.append(("*", self.power()))
        if not rest:
            return first
        return self.made(Product(first, tuple(rest), join(first.span, rest[-1][1].span)))

    # -- TeX arguments -------------------------------------------------------------------
    def single(self) -> Node:
        """One TeX argument: a group, one digit of a number, or one atom."""
        token = self.peek()
        if token.kind == "num" and len(token.value) > 1:
            start, end = token.span
            first = Token("num", token.value[0], (start, start + 1), token.spaced)
            rest = Token("num", token.value[1:], (min(start + 1, end), end))
            self.tokens[self.pos : self.pos + 1] = [first, rest]
        if self.at("op", "-"):
            sign = self.advance()
            operand = self.single()
            return self.made(Neg(operand, join(sign.span, operand.span)))
        return self.atom()

    def exponent(self) -> Node:
        return self.single()

    def structure(self) -> Node:
        command = self.advance()
        if command.value == "frac":
            return self.fraction(command)
        if command.value == "sqrt":
            return self.root(command)
        raise learner_error("forbidden_operator", command.span, name=self.quoted(command))

    def fraction(self, command: Token) -> Node:
        with self.nested(command.span):
            numerator = self.single()
            denominator = self.single()
        span = join(command.span, denominator.span)
        if self.differential(numerator) and self.differential(denominator):
            raise learner_error("forbidden_operator", span, name=self.source_text(*span))
        return self.made(Product(numerator, (("/", denominator),), span))

    def differential(self, node: Node) -> bool:
        """Whether ``node`` starts like ``d``, ``dx`` or ``dy`` in a derivative."""
        while isinstance(node, Product):
            node = node.first
        if not isinstance(node, Name) or not node.name.startswith("d"):
            return False
        return node.name == "d" or self.vocabulary.resolve(node.name) is None

    def root(self, command: Token) -> Node:
        index = None
        with self.nested(command.span):
            if self.at("open", "["):
                self.advance()
                index = self.conditional()
                self.expect("close")
            radicand = self.single()
        span = join(command.span, radicand.span)
        if index is None:
            return self.made(Call("sqrt", (radicand,), span, command.span))
        one = Number("1", 1, 0, index.span)
        reciprocal = self.made(Product(one, (("/", index),), index.span))
        return self.made(Power(radicand, reciprocal, span))

    # -- cases -----------------------------------------------------------------------------
    def cases(self) -> Node:
        begin = self.advance()
        pieces: list[tuple[Node, Condition | None]] = []
        with self.nested(begin.span):
            while not self.at("endenv"):
                value = self.conditional()
                self.skip_comma()
                self.expect("amp")
                pieces.append((value, self.case_condition()))
                self.skip_comma()
                if self.at("rowsep"):
                    self.advance()
                elif not self.at("endenv"):
                    raise self.unexpected()
        end = self.advance()
        if not pieces or end.value != begin.value:
            raise self.unexpected(end)
        if self.at("op", "."):  # a full stop after the whole block
            self.advance()
        return self.made(Piecewise(tuple(pieces), join(begin.span, end.span)))

    def skip_comma(self) -> None:
        """A ``,`` or ``.`` ending a row's value or condition."""
        if self.at("op", ",", "."):
            self.advance()

    def case_condition(self) -> Condition | None:
        if self.at_keyword("if"):
            self.advance()
        if self.at_keyword("otherwise"):
            self.advance()
            return None
        if (
            self.at("open", "(")
            and self.peek(1).value == "otherwise"
            and self.peek(2).kind == "close"
        ):
            for _ in range(3):  # (\text{otherwise})
                self.advance()
            return None
        return self.condition()


def parse_latex_source(text: str, vocabulary: Vocabulary) -> Node:
    """Read LaTeX math into our syntax tree; raises ``LearnerInputError``."""
    source = normalise(text, latex=True)
    tokens = tokenize_latex(source, vocabulary)
    check_brackets(tokens)
    tokens = strip_head(tokens)
    if tokens[0].kind == "end":
        raise learner_error("empty", (0, len(text)))
    return LatexParser(tokens, text, vocabulary).parse()
