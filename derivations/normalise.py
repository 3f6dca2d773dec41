"""Normalise what a learner typed (often through a Japanese IME) into plain ASCII math.

Each character is handled by the first rule that applies:

1. zero-width characters (U+200B..U+200D, U+FEFF, U+2060, soft hyphen) are dropped;
2. tabs and line breaks become spaces; other control, bidi and unassigned characters
   raise ``bad_character`` with their span;
3. explicit maps: ``−‐–×·⋅÷≤≥≦≧`` and superscript digits (``x²`` → ``x^(2)``);
4. NFKC (full-width letters, digits, operators and brackets, NBSP, ideographic space),
   then the explicit maps again on the result.

:class:`NormalisedText` remembers, for every output character, which characters of
the original produced it, so spans point at what the learner typed.

>>> normalise("１／（１＋ｅｘｐ（−ｘ））").text
'1/(1+exp(-x))'
>>> normalise("x²").text
'x^(2)'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from derivations.errors import learner_error
from derivations.limits import MAX_INPUT_CHARS

DROPPED = frozenset("\u200b\u200c\u200d\ufeff\u2060\u00ad")
WHITESPACE = frozenset("\t\n\r\u000b\u000c")
SUPERSCRIPTS = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁻": "-",
    "⁺": "+",
}
EXPLICIT = {
    "\u2212": "-",  # minus sign
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u30fc": "-",  # katakana prolonged sound mark, typed for minus by some IMEs
    "\u00d7": "*",  # multiplication sign
    "\u00b7": "*",  # middle dot
    "\u22c5": "*",  # dot operator
    "\u2219": "*",  # bullet operator
    "\u30fb": "*",  # katakana middle dot
    "\u00f7": "/",  # division sign
    "\u2044": "/",  # fraction slash
    "\u2215": "/",  # division slash
    "\u2264": "<=",
    "\u2266": "<=",
    "\u2265": ">=",
    "\u2267": ">=",
}
FRACTION_SLASH = "\u2044"
LATEX_EXPLICIT = {"\u00a5": "\\"}  # yen sign: the backslash key on Japanese keyboards


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text plus, per output character, the original span that produced it."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of :attr:`text` back to a span of :attr:`original`."""
        if start >= len(self.text):
            return (len(self.original), len(self.original))
        if end <= start:
            return (self.starts[start], self.starts[start])
        return (self.starts[start], self.ends[min(end, len(self.text)) - 1])


def check_length(text: str) -> None:
    """Reject over-long input before any other work (``too_long``, ``empty``)."""
    if len(text) > MAX_INPUT_CHARS:
        raise learner_error(
            "too_long", (MAX_INPUT_CHARS, len(text)), length=len(text), limit=MAX_INPUT_CHARS
        )


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def _reject(char: str, index: int) -> None:
    if not char.isprintable():
        raise learner_error(
            "bad_character",
            (index, index + 1),
            "bad_character_invisible",
            codepoint=_codepoint(char),
        )
    raise learner_error("bad_character", (index, index + 1), char=char, codepoint=_codepoint(char))


def _map_char(char: str, index: int, explicit: dict[str, str]) -> str:
    """The replacement for one character (possibly several characters, or none)."""
    if char in DROPPED:
        return ""
    if char in WHITESPACE:
        return " "
    if char in explicit:
        return explicit[char]
    category = unicodedata.category(char)
    if category[0] == "C" or category in ("Zl", "Zp"):
        _reject(char, index)
    folded = unicodedata.normalize("NFKC", char)
    mapped = "".join(explicit.get(piece, piece) for piece in folded)
    return f"({mapped})" if FRACTION_SLASH in folded else mapped  # ½ → (1/2)


def normalise(text: str, *, latex: bool = False) -> NormalisedText:
    """Normalise ``text`` (see the module docstring); raises ``LearnerInputError``."""
    check_length(text)
    explicit = {**EXPLICIT, **LATEX_EXPLICIT} if latex else EXPLICIT
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in SUPERSCRIPTS:
            stop = index
            while stop < len(text) and text[stop] in SUPERSCRIPTS:
                stop += 1
            piece = "^(" + "".join(SUPERSCRIPTS[c] for c in text[index:stop]) + ")"
        else:
            stop = index + 1
            piece = _map_char(char, index, explicit)
        out.append(piece)
        starts.extend([index] * len(piece))
        ends.extend([stop] * len(piece))
        index = stop
    return NormalisedText(text, "".join(out), tuple(starts), tuple(ends))
