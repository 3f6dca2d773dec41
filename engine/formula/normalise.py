"""Text clean-up before parsing: IME full-width forms to ASCII, with a map back to the
learner's original character positions so every span points at what they typed.

>>> normalise("ｘ．Ｔ　＠　ｄａ１")[0]
'x.T @ da1'
"""

from __future__ import annotations

import ast
import unicodedata

from engine.formula.errors import FormulaError
from engine.formula.nodes import Span

# Characters NFKC keeps but learners type for ASCII operators.
_SUBSTITUTES = {
    "\u2212": "-",  # minus sign
    "\u2010": "-",
    "\u2011": "-",
    "\u2013": "-",
    "\u00d7": "*",  # multiplication sign
    "\u00f7": "/",
    "\t": " ",
    "\r": " ",
    "\n": " ",
}


def normalise(text: str) -> tuple[str, list[int]]:
    """Return the ASCII formula and, for each of its characters, the index in ``text``.

    Raises ``FormulaError("bad_character")`` at the first character that has no ASCII
    reading (control characters, zero-width or direction marks, kana, lone surrogates).
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        ascii_form = _SUBSTITUTES.get(char) or unicodedata.normalize("NFKC", char)
        if not all(" " <= c <= "~" for c in ascii_form):
            raise FormulaError(
                "bad_character", (index, index + 1), char=_visible(char), position=index + 1
            )
        out.append(ascii_form)
        origin.extend([index] * len(ascii_form))
    return "".join(out), origin


def _visible(char: str) -> str:
    """Printable characters as themselves, others as ``U+XXXX``."""
    return char if char.isprintable() else f"U+{ord(char):04X}"


def original_span(origin: list[int], start: int, end: int) -> Span:
    """Map a span of the normalised text back to the learner's original text."""
    return origin[start], origin[max(end - 1, start)] + 1


def node_span(node: ast.AST, origin: list[int], shift: int) -> Span | None:
    """Original-text span of a Python ``ast`` node parsed from ``normalised[shift:]``."""
    if not hasattr(node, "col_offset"):
        return None
    return original_span(origin, shift + node.col_offset, shift + node.end_col_offset)
