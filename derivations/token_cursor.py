"""A cursor over tokens for the parsers: look ahead, consume, report, count limits.

:class:`TokenCursor` is the base of :class:`derivations.parser_core.ParserCore`; it
knows nothing of the grammar. It counts nodes against ``MAX_NODES`` (:meth:`made`) and
nesting against ``MAX_DEPTH`` (:meth:`nested`), and turns an unexpected token into the
right :class:`~derivations.errors.LearnerInputError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from derivations.errors import LearnerInputError, learner_error
from derivations.lexer import Token
from derivations.limits import MAX_DEPTH, MAX_NODES
from derivations.syntax import Node, Span


def join(first: Span, last: Span) -> Span:
    """The span from the start of ``first`` to the end of ``last``."""
    return (first[0], last[1])


class TokenCursor:
    """A position in a token list ending with an ``end`` token, with the parse limits."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.nodes = 0
        self.open_bars = 0  # inside |…| a bar closes; outside it opens an implicit factor

    def peek(self, offset: int = 0) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.peek()
        self.pos = min(self.pos + 1, len(self.tokens) - 1)
        return token

    def at(self, kind: str, *values: str) -> bool:
        token = self.peek()
        return token.kind == kind and (not values or token.value in values)

    def at_keyword(self, word: str) -> bool:
        return self.at("name", word)

    def previous_span(self) -> Span:
        return self.tokens[self.pos - 1].span if self.pos else self.peek().span

    def unexpected(self, token: Token | None = None) -> LearnerInputError:
        token = token or self.peek()
        if token.kind == "prime":  # a quote outside a head like f'(x) =
            return learner_error(
                "bad_character", token.span, char="'", codepoint=f"U+{ord(chr(39)):04X}"
            )
        if token.kind == "end":
            last = self.tokens[self.pos - 1] if self.pos else token
            return learner_error(
                "unexpected_token", token.span, "unexpected_end", token=self.quoted(last)
            )
        return learner_error("unexpected_token", token.span, token=self.quoted(token))

    def quoted(self, token: Token) -> str:
        """What the learner typed for ``token`` (its value if the span is empty)."""
        return self.source_text(*token.span) or token.value

    def expect(self, kind: str, *values: str) -> Token:
        if not self.at(kind, *values):
            raise self.unexpected()
        return self.advance()

    def made(self, node: Node) -> Node:
        """Count a node against ``MAX_NODES``."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise learner_error("too_complex", node.span, limit=MAX_NODES)
        return node

    @contextmanager
    def nested(self, span: Span) -> Iterator[None]:
        """One more level of nesting, bounded by ``MAX_DEPTH``."""
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise learner_error("too_deep", span, limit=MAX_DEPTH)
            yield
        finally:
            self.depth -= 1

    def source_text(self, start: int, end: int) -> str:
        """The learner's text between two original offsets (for messages)."""
        raise NotImplementedError
