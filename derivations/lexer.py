"""Tokens of plain-text math (after :mod:`derivations.normalise`).

Token kinds: ``num``, ``name``, ``op`` (``+ - * / ^ , = < <= > >=``; ``**`` becomes
``^``), ``open``/``close`` (``( [ {`` / ``) ] }``), ``bar`` (``|``), ``cmd`` (``∂ ∇``),
``prime`` (``'``, only meaningful in a head such as ``f'(x) =``), ``radical`` (``√``, value
``sqrt``) and ``end``. Both front ends share
:class:`Token` and :func:`number_node`.

Names: an ASCII word with digits and one subscript (``y1``, ``w_ji``, ``u_{k}``), or a
Greek letter (``σ`` → ``sigma``) with the same tails. A Greek letter always starts a new
token, so ``2πx`` is ``2 pi x``. Any other character is ``bad_character``.

>>> [t.value for t in tokenize(normalise("2x^2 + σ(y_{1})"))]
['2', 'x', '^', '2', '+', 'sigma', '(', 'y_1', ')', '']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivations.errors import learner_error
from derivations.limits import MAX_DECIMAL_EXPONENT, MAX_NUMBER_DIGITS
from derivations.names import GREEK_LETTERS, subscripted
from derivations.normalise import NormalisedText, normalise
from derivations.syntax import Number, Span

RADICAL = "\u221a"  # √


@dataclass(frozen=True)
class Token:
    """One token; ``span`` is in the original text, ``spaced`` if whitespace precedes it."""

    kind: str
    value: str
    span: Span
    spaced: bool = False


NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:(?<=_)\{([A-Za-z0-9]+)\})?")
GREEK_TAIL = re.compile(r"[0-9]*(?:_(?:\{([A-Za-z0-9]*)\}|([A-Za-z0-9]+)))?")
OPERATORS = ("**", "<=", ">=", "+", "-", "*", "/", "^", ",", "=", "<", ">")
BRACKETS = {"(": "open", "[": "open", "{": "open", ")": "close", "]": "close", "}": "close"}
#: ``∂`` and ``∇`` become the LaTeX commands they stand for (refused, or part of a head).
CALCULUS_SYMBOLS = {"∂": "partial", "∇": "nabla"}


def number_node(text: str, span: Span) -> Number:
    """Check a decimal literal against the limits and give its exact value.

    >>> number_node("1.5e-3", (0, 6))
    Number(text='1.5e-3', mantissa=15, scale=-4, span=(0, 6))
    """
    body, _, exponent_text = text.lower().partition("e")
    whole, _, fraction = body.partition(".")
    digits = (whole + fraction).lstrip("0") or "0"
    too_large = len(digits) > MAX_NUMBER_DIGITS or len(exponent_text.lstrip("+-0")) > 4
    exponent = 0 if too_large or not exponent_text else int(exponent_text)
    if too_large or abs(exponent) > MAX_DECIMAL_EXPONENT:
        raise learner_error(
            "number_too_large",
            span,
            text=text if len(text) <= 20 else text[:17] + "...",
            limit=MAX_NUMBER_DIGITS,
            max_exp=MAX_DECIMAL_EXPONENT,
        )
    return Number(text, int(digits), exponent - len(fraction), span)


def word_name(word: str, subscript: str | None) -> str:
    """The name of a typed word: ``y_1`` stays ``y_1``; ``u_`` + ``{k}`` → ``u_k``."""
    return word if subscript is None else subscripted(word.rstrip("_"), subscript)


def greek_name(source: NormalisedText, index: int) -> tuple[str, int]:
    """The canonical name of a Greek letter at ``index`` with its digits and subscript."""
    tail = GREEK_TAIL.match(source.text, index + 1)
    assert tail is not None  # the pattern matches the empty string
    digits = tail.group(0).split("_", 1)[0]
    subscript = tail.group(1) if tail.group(1) is not None else tail.group(2)
    return subscripted(GREEK_LETTERS[source.text[index]] + digits, subscript), tail.end()


def tokenize(source: NormalisedText) -> list[Token]:
    """Split normalised text into tokens, ending with an ``end`` token."""
    text = source.text
    tokens: list[Token] = []
    index, spaced = 0, False
    while index < len(text):
        char = text[index]
        if char == " ":
            index, spaced = index + 1, True
            continue
        number = NUMBER.match(text, index)
        word = None if number else WORD.match(text, index)
        if number:
            kind, value, stop = "num", number.group(0), number.end()
        elif word:
            kind, value, stop = (
                "name",
                word_name(word.group(0).split("{")[0], word.group(1)),
                word.end(),
            )
        elif char in GREEK_LETTERS:
            kind = "name"
            value, stop = greek_name(source, index)
        elif char == "'":
            kind, value, stop = "prime", char, index + 1
        elif char in CALCULUS_SYMBOLS:
            kind, value, stop = "cmd", CALCULUS_SYMBOLS[char], index + 1
        elif char in BRACKETS:
            kind, value, stop = BRACKETS[char], char, index + 1
        elif char == "|":
            kind, value, stop = "bar", char, index + 1
        elif char == RADICAL:
            kind, value, stop = "radical", "sqrt", index + 1
        else:
            operator = next((op for op in OPERATORS if text.startswith(op, index)), None)
            if operator is None:
                raise learner_error(
                    "bad_character",
                    source.span(index, index + 1),
                    "bad_character_latex" if char == "\\" else None,
                    char=char,
                    codepoint=f"U+{ord(char):04X}",
                )
            kind, value, stop = "op", "^" if operator == "**" else operator, index + len(operator)
        tokens.append(Token(kind, value, source.span(index, stop), spaced))
        index, spaced = stop, False
    tokens.append(Token("end", "", source.span(len(text), len(text)), spaced))
    return tokens


__all__ = ["Token", "greek_name", "number_node", "normalise", "tokenize", "word_name"]
