"""Low-level reading of normalised LaTeX for :mod:`derivations.latex_lexer`.

:class:`LatexScanner` holds the position, emits tokens with spans in the original
text, reads ``{…}`` groups, and the tails of a name: a subscript (``_1``, ``_{ji}``)
and a layer index (``^{(2)}``).
"""

from __future__ import annotations

import re

from derivations.errors import learner_error
from derivations.lexer import Token
from derivations.normalise import NormalisedText
from derivations.vocabulary import Vocabulary

LAYER_INDEX = re.compile(r"\^\{\s*\(\s*([0-9]+)\s*\)\s*\}")
SUBSCRIPT_BODY = re.compile(r"\s*([A-Za-z0-9]+)\s*\Z")
SUBSCRIPT_CHAR = re.compile(r"([A-Za-z0-9])")


class LatexScanner:
    """Position, token output and the small readers shared by the LaTeX lexer."""

    def __init__(self, source: NormalisedText, vocabulary: Vocabulary) -> None:
        self.source = source
        self.text = source.text
        self.vocabulary = vocabulary
        self.tokens: list[Token] = []
        self.pos = 0
        self.spaced = False

    # -- helpers ---------------------------------------------------------------------
    def emit(self, kind: str, value: str, start: int, stop: int) -> None:
        self.tokens.append(Token(kind, value, self.source.span(start, stop), self.spaced))
        self.spaced = False

    def error_command(self, start: int, stop: int) -> Exception:
        return learner_error(
            "unknown_latex_command", self.source.span(start, stop), command=self.text[start:stop]
        )

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1

    def braced(self, start: int) -> str:
        """The raw text of a ``{…}`` group at ``self.pos`` (nested braces allowed)."""
        self.skip_spaces()
        if not self.text.startswith("{", self.pos):
            raise learner_error(
                "bad_latex",
                self.source.span(start, self.pos),
                command=self.text[start : self.pos].strip(),
                what="a {…} group",
                what_ja="{…} のグループ",
            )
        depth, index = 0, self.pos
        while index < len(self.text):
            depth += {"{": 1, "}": -1}.get(self.text[index], 0)
            if depth == 0:
                body = self.text[self.pos + 1 : index]
                self.pos = index + 1
                return body
            index += 1
        raise learner_error(
            "unbalanced_bracket",
            self.source.span(self.pos, self.pos + 1),
            "unbalanced_bracket_unclosed",
            bracket="{",
        )

    # -- names -------------------------------------------------------------------------
    def subscript(self) -> str | None:
        if not self.text.startswith("_", self.pos):
            return None
        start = self.pos
        self.pos += 1
        if self.text.startswith("{", self.pos):
            body = self.braced(start)
            match = SUBSCRIPT_BODY.match(body)
        else:
            match = SUBSCRIPT_CHAR.match(self.text, self.pos)
            self.pos += 1 if match else 0
        if not match:
            raise learner_error(
                "bad_subscript",
                self.source.span(start, max(self.pos, start + 1)),
                text=self.text[start : self.pos + 1],
            )
        return match.group(1)

    def tails(self) -> tuple[str, str | None]:
        """A name's layer index and subscript, in either order: ``W^{(1)}_{ij}`` gives
        ``("1", "ij")``. A layer index ``^{(k)}`` is part of the name (``a^{(2)}`` is
        ``a2``, as the ML notation means), never a power."""
        subscript = self.subscript()
        layer = LAYER_INDEX.match(self.text, self.pos)
        if layer:
            self.pos = layer.end()
        if subscript is None:
            subscript = self.subscript()
        return (layer.group(1) if layer else ""), subscript
