"""Plain-text front end: learner text → our syntax tree (:mod:`derivations.syntax`).

Atoms: numbers (``2``, ``.5``, ``1e-3``), names, calls ``f(args)`` / ``f[args]`` for
the names in :data:`~derivations.function_table.CALLABLE_NAMES` (``sigma``/``σ`` is the
sigmoid only when a bracket follows), ``tanh^2(x)`` for ``tanh(x)^2``, bracketed
groups ``( … )`` / ``[ … ]`` / ``{ … }``, ``|x|`` and the radical sign ``√x``. An unknown name written right
against ``(`` is read as a call so the error names it (``globals()``, ``f(x)``).
A leading ``f(x) =``, ``f'(x) =``, ``y =`` or ``dy/dx =`` is dropped
(:mod:`derivations.heads`); ``d/dx``, ``∂`` and ``∇`` are ``forbidden_operator``.

>>> type(parse_text("2x^2 - sigma(x)", Vocabulary())).__name__
'Sum'
"""

from __future__ import annotations

from derivations.brackets import check_brackets
from derivations.errors import learner_error
from derivations.function_table import ALSO_VARIABLES, CALLABLE_NAMES
from derivations.heads import strip_head
from derivations.lexer import Token, number_node, tokenize
from derivations.normalise import normalise
from derivations.parser_core import KEYWORDS, ParserCore
from derivations.syntax import Call, Name, Node, Power
from derivations.token_cursor import join
from derivations.vocabulary import CONSTANTS, Vocabulary


class TextParser(ParserCore):
    """Parser for plain text; ``original`` is the text as typed (for messages)."""

    def __init__(self, tokens: list[Token], original: str, vocabulary: Vocabulary) -> None:
        super().__init__(tokens)
        self.original = original
        self.vocabulary = vocabulary

    def source_text(self, start: int, end: int) -> str:
        return self.original[start:end]

    def atom(self) -> Node:
        token = self.peek()
        if token.kind == "num":
            self.advance()
            return self.made(number_node(token.value, token.span))
        if token.kind == "open":
            return self.group()
        if token.kind == "bar":
            return self.bars()
        if token.kind == "radical":
            return self.radical()
        if token.kind == "cmd":
            raise learner_error("forbidden_operator", token.span, name=self.quoted(token))
        if token.kind == "name" and token.value not in KEYWORDS:
            return self.name_or_call()
        raise self.unexpected()

    def name_or_call(self) -> Node:
        token = self.advance()
        self.refuse_d_over_dx(token)
        if token.value not in CALLABLE_NAMES:
            if self.looks_like_unknown_call(token):
                return self.call(token)
            return self.made(Name(token.value, token.span))
        if self.at("open"):
            return self.call(token)
        squared = self.function_power(token)
        if squared is not None:
            return squared
        if token.value in ALSO_VARIABLES:
            return self.made(Name(token.value, token.span))
        raise learner_error("function_needs_argument", token.span, name=token.value)

    def radical(self) -> Node:
        """``√(x+1)`` is ``sqrt(x+1)``; without brackets ``√`` takes the atom after it
        (``√x``, ``2√x``, ``√2 x`` is ``sqrt(2) x``)."""
        sign = self.peek()
        if self.peek(1).kind == "open":
            self.advance()
            return self.call(sign)
        self.advance()
        with self.nested(sign.span):
            argument = self.atom()
        return self.made(Call("sqrt", (argument,), join(sign.span, argument.span), sign.span))

    def function_power(self, head: Token) -> Node | None:
        """``tanh^2(x)``, ``tanh²(x)``, ``sech²x``: a whole-number power written right after a
        function name is the power of the call (``tanh(x)^2``). Without brackets the argument
        must be a single name, and ``σ²x`` stays the name ``sigma`` squared."""
        start = self.pos
        if not self.at("op", "^"):
            return None
        self.advance()
        if self.at("num"):
            digits = self.advance()
        elif self.at("open") and self.peek(1).kind == "num" and self.peek(2).kind == "close":
            self.advance()
            digits = self.advance()
            self.advance()
        else:
            self.pos = start
            return None
        exponent = number_node(digits.value, digits.span)
        if self.at("open"):
            call = self.call(head)
        elif head.value not in ALSO_VARIABLES and self.at_bare_argument():
            argument = self.made(Name(self.peek().value, self.advance().span))
            call = self.made(
                Call(head.value, (argument,), join(head.span, argument.span), head.span)
            )
        else:
            self.pos = start
            return None
        return self.made(Power(call, exponent, join(head.span, call.span)))

    def at_bare_argument(self) -> bool:
        token = self.peek()
        return token.kind == "name" and token.value not in KEYWORDS | CALLABLE_NAMES

    def call(self, head: Token) -> Node:
        opening = self.advance()
        args: list[Node] = []
        with self.nested(opening.span):
            if not self.at("close"):
                args.append(self.conditional())
                while self.at("op", ","):
                    self.advance()
                    args.append(self.conditional())
        closing = self.expect("close")
        return self.made(Call(head.value, tuple(args), join(head.span, closing.span), head.span))

    def looks_like_unknown_call(self, token: Token) -> bool:
        """``globals()``, ``f(x)``: an unknown name right before ``(`` is read as a call,
        so the error names the function rather than the brackets."""
        following = self.peek()
        return (
            following.kind == "open"
            and not following.spaced
            and token.value not in CONSTANTS
            and self.vocabulary.resolve(token.value) is None
        )

    def refuse_d_over_dx(self, token: Token) -> None:
        """``d/dx …`` asks for a derivative instead of giving one."""
        following = self.peek(1)
        if (
            token.value == "d"
            and self.at("op", "/")
            and following.kind == "name"
            and following.value.startswith("d")
        ):
            raise learner_error(
                "forbidden_operator",
                join(token.span, following.span),
                name=self.source_text(token.span[0], following.span[1]),
            )

    def parse(self) -> Node:
        return self.finish(self.conditional())


def parse_text(text: str, vocabulary: Vocabulary) -> Node:
    """Read plain-text math into our syntax tree; raises ``LearnerInputError``."""
    source = normalise(text)
    tokens = tokenize(source)
    check_brackets(tokens)
    tokens = strip_head(tokens)
    if tokens[0].kind == "end":
        raise learner_error("empty", (0, len(text)))
    return TextParser(tokens, text, vocabulary).parse()
