"""Tokens of LaTeX math, in the same :class:`~derivations.lexer.Token` kinds as plain text.

Extra kinds: ``func`` (a function command: ``\\sin``, ``\\operatorname{ReLU}``), ``cmd``
(``frac``, ``sqrt``, and calculus commands refused later), ``prime`` (``'``, ``^{\\prime}``),
``begin``/``endenv``
(``cases``/``array``), ``amp`` (``&``), ``rowsep`` (``\\\\``) and ``bar`` (``|``).

- ``\\left``, ``\\right``, ``\\bigl`` … only announce a delimiter; ``\\left.`` is an
  invisible bracket; ``\\{ \\}`` are brackets; ``{ }`` group.
- ``\\cdot \\times`` → ``*``; ``\\div`` → ``/``; ``\\le \\leq \\leqq \\leqslant`` → ``<=``
  (and the ``\\ge`` family); ``\\wedge \\land`` → ``and``, ``\\vee \\lor`` → ``or``;
  spacing commands vanish.
- ``\\text{…}``, ``\\mathrm{…}``, ``\\operatorname{…}``: the words ``if``/``for`` and
  ``otherwise``/``else`` (also それ以外, その他) become keywords, のとき/の場合 vanish,
  any other word is a name (or a function, when it is one); ``\\text{(otherwise)}`` and
  ``\\text{otherwise.}`` are the keyword too.
- In a ``cases``/``array`` row without ``&``, ``\\quad`` or an ``if``/``otherwise`` word
  separates the value from its condition (an ``amp`` token is inserted).
- ``√`` is ``\\sqrt`` (``√x``, ``√{x+1}``).
- ``.`` is an ``op`` token, allowed only at the end of a row's value or condition.
- ``a^{(2)}``, ``W^{(1)}_{ij}``: a bracketed superscript index is part of the name
  (``a2``, ``W1_ij``), as in layer notation, not a power.
- A run of letters is one name when the vocabulary knows it (``exp``, ``dy11``, a
  declared ``lr``); otherwise it is split into letters, as TeX reads ``xy``.
- Every other command is ``unknown_latex_command`` (``\\input``, ``\\def``, ``\\mathbf``).
"""

from __future__ import annotations

import re

from derivations.errors import learner_error
from derivations.function_table import CALLABLE_NAMES
from derivations.latex_commands import (
    BRACKET_COMMANDS,
    CALCULUS_COMMANDS,
    DELIMITER_SIZERS,
    ENVIRONMENTS,
    FUNCTION_COMMANDS,
    GREEK_VARIANTS,
    IGNORED,
    LETTER_COMMANDS,
    OPENING_SIZERS,
    OPERATOR_COMMANDS,
    SILENT_WORDS,
    STRUCTURE_COMMANDS,
    WORD_COMMANDS,
    WORD_KEYWORDS,
)
from derivations.latex_scanner import LatexScanner
from derivations.lexer import CALCULUS_SYMBOLS, RADICAL, Token, greek_name
from derivations.names import GREEK_LETTERS, GREEK_NAMES, subscripted
from derivations.normalise import NormalisedText
from derivations.parser_core import KEYWORDS
from derivations.vocabulary import CONSTANTS, Vocabulary

BRACKETS = {"(": ("open", "("), "[": ("open", "["), ")": ("close", ")"), "]": ("close", "]")}
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
LETTERS = re.compile(r"([A-Za-z]+)([0-9]*)")
COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)
ROW_SPLITTERS = frozenset({"quad", "qquad"})
PRIME_SUPERSCRIPT = re.compile(r"\s*(?:\{\s*\\prime\s*\}|\\prime)")


class LatexLexer(LatexScanner):
    """Turns normalised LaTeX into tokens; ``vocabulary`` decides letter runs."""

    def __init__(self, source: NormalisedText, vocabulary: Vocabulary) -> None:
        super().__init__(source, vocabulary)
        self.rows: list[bool] = []  # per open environment: has the current row had ``&``?

    def emit(self, kind: str, value: str, start: int, stop: int) -> None:
        super().emit(kind, value, start, stop)
        if kind == "begin":
            self.rows.append(False)
        elif self.rows and kind in ("endenv", "amp", "rowsep"):
            if kind == "endenv":
                self.rows.pop()
            else:
                self.rows[-1] = kind == "amp"

    def split_row(self, start: int) -> None:
        """``1 \\quad (x > 0)``, ``1 \\text{ if } x > 0``: in a row that has a value but no
        ``&`` yet, a ``\\quad`` or an ``if``/``otherwise`` word starts the condition."""
        if self.rows and not self.rows[-1] and self.tokens[-1].kind not in ("begin", "rowsep"):
            self.emit("amp", "&", start, start)

    def known(self, name: str) -> bool:
        vocabulary = self.vocabulary
        return (
            name in CALLABLE_NAMES
            or name in CONSTANTS
            or name in KEYWORDS
            or name in vocabulary.definitions
            or (vocabulary.variables is not None and vocabulary.resolve(name) is not None)
        )

    def letters(self) -> None:
        start = self.pos
        match = LETTERS.match(self.text, self.pos)
        assert match is not None
        run, digits = match.groups()
        self.pos = match.end()
        layer, subscript = self.tails()
        whole = subscripted(run + digits + layer, subscript)
        last = subscripted(run[-1] + digits + layer, subscript)
        pieces = [*run[:-1], last]
        splittable = len(run) > 1 and not self.known(whole)
        if splittable and self.vocabulary.variables is not None:
            splittable = all(self.known(piece) for piece in pieces)
        if not splittable:
            self.emit("name", whole, start, self.pos)
            return
        for offset, piece in enumerate(pieces[:-1]):
            self.emit("name", piece, start + offset, start + offset + 1)
        self.emit("name", last, start + len(run) - 1, self.pos)

    def word(self, start: int, body: str) -> None:
        word = body.strip()
        keyword = WORD_KEYWORDS.get(word.strip(" ().,"))
        if keyword is not None:
            if keyword in ("if", "otherwise"):
                self.split_row(start)
            self.emit("name", keyword, start, self.pos)
        elif word in SILENT_WORDS:
            self.spaced = True
        else:
            layer, subscript = self.tails()
            name = subscripted(word + layer, subscript)
            kind = "func" if name in CALLABLE_NAMES else "name"
            self.emit(kind, name, start, self.pos)

    # -- commands ------------------------------------------------------------------------
    def command(self) -> None:
        start = self.pos
        match = COMMAND.match(self.text, self.pos)
        if match is None:  # a lone backslash at the very end
            raise self.error_command(start, start + 1)
        name = match.group(1)
        self.pos = match.end()
        if name in ROW_SPLITTERS:
            self.split_row(start)
            self.spaced = True
        elif name in IGNORED:
            self.spaced = True
        elif name in DELIMITER_SIZERS:
            self.delimiter(start, opening=name in OPENING_SIZERS)
        elif name == "\\":
            self.emit("rowsep", name, start, self.pos)
        elif name in BRACKET_COMMANDS:
            self.emit(*BRACKET_COMMANDS[name], start, self.pos)
        elif name == "vert":
            self.emit("bar", "|", start, self.pos)
        elif name in OPERATOR_COMMANDS:
            self.emit("op", OPERATOR_COMMANDS[name], start, self.pos)
        elif name in LETTER_COMMANDS:
            self.emit("name", LETTER_COMMANDS[name], start, self.pos)
        elif name in ("wedge", "land"):
            self.emit("name", "and", start, self.pos)
        elif name in ("vee", "lor"):
            self.emit("name", "or", start, self.pos)
        elif name in FUNCTION_COMMANDS:
            self.emit("func", name, start, self.pos)
        elif name in GREEK_NAMES or name in GREEK_VARIANTS:
            layer, subscript = self.tails()
            base = GREEK_VARIANTS.get(name, name) + layer
            self.emit("name", subscripted(base, subscript), start, self.pos)
        elif name in STRUCTURE_COMMANDS or name in CALCULUS_COMMANDS:
            self.emit("cmd", STRUCTURE_COMMANDS.get(name, name), start, self.pos)
        elif name in WORD_COMMANDS:
            self.word(start, self.braced(start))
        elif name in ("begin", "end"):
            self.environment(start, name)
        else:
            raise self.error_command(start, self.pos)

    def delimiter(self, start: int, *, opening: bool) -> None:
        self.skip_spaces()
        kind = "open" if opening else "close"
        match = COMMAND.match(self.text, self.pos)
        if match and match.group(1) in (*BRACKET_COMMANDS, "vert"):
            self.pos = match.end()
            value = BRACKET_COMMANDS.get(match.group(1), ("open", "|"))[1]
        elif self.pos < len(self.text) and self.text[self.pos] in "()[]|.":
            value = self.text[self.pos]
            self.pos += 1
        else:
            command = self.text[start : self.pos].strip()
            raise learner_error(
                "bad_latex",
                self.source.span(start, start + len(command)),
                command=command,
                what="a bracket such as ( [ \\{ | or .",
                what_ja="( [ \\{ | . などの括弧",
            )
        self.emit(kind, value, start, self.pos)

    def environment(self, start: int, which: str) -> None:
        env = self.braced(start).strip()
        if env not in ENVIRONMENTS:
            raise self.error_command(start, self.pos)
        if which == "begin" and env == "array":
            self.braced(start)  # column specification such as {ll}
        self.emit("begin" if which == "begin" else "endenv", env, start, self.pos)

    # -- main loop ----------------------------------------------------------------------------
    def tokenize(self) -> list[Token]:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            start = self.pos
            number = NUMBER.match(text, self.pos)
            if char in " ~$":
                self.pos += 1
                self.spaced = True
            elif char == "\\":
                self.command()
            elif number:
                self.pos = number.end()
                self.emit("num", number.group(0), start, self.pos)
            elif char.isascii() and char.isalpha():
                self.letters()
            elif char in GREEK_LETTERS:
                name, self.pos = greek_name(self.source, self.pos)
                self.emit("name", name, start, self.pos)
            elif char in CALCULUS_SYMBOLS:
                self.pos += 1
                self.emit("cmd", CALCULUS_SYMBOLS[char], start, self.pos)
            elif char == RADICAL:
                self.pos += 1
                self.emit("cmd", "sqrt", start, self.pos)
            else:
                self.symbol(char)
        self.emit("end", "", len(text), len(text))
        return self.tokens

    def symbol(self, char: str) -> None:
        start = self.pos
        two = self.text[self.pos : self.pos + 2]
        if two in ("<=", ">="):
            self.pos += 2
            self.emit("op", two, start, self.pos)
            return
        self.pos += 1
        if char in BRACKETS:
            kind, value = BRACKETS[char]
            self.emit(kind, value, start, self.pos)
        elif char in "{}":
            self.emit("open" if char == "{" else "close", char, start, self.pos)
        elif char == "^" and PRIME_SUPERSCRIPT.match(self.text, self.pos):
            self.pos = PRIME_SUPERSCRIPT.match(self.text, self.pos).end()
            self.emit("prime", "'", start, self.pos)
        elif char == "'":
            self.emit("prime", "'", start, self.pos)
        elif char in "+-*/^,.<>=":
            self.emit("op", char, start, self.pos)
        elif char == "&":
            self.emit("amp", char, start, self.pos)
        elif char == "|":
            self.emit("bar", char, start, self.pos)
        else:
            raise learner_error(
                "bad_character",
                self.source.span(start, self.pos),
                char=char,
                codepoint=f"U+{ord(char):04X}",
            )


def tokenize_latex(source: NormalisedText, vocabulary: Vocabulary) -> list[Token]:
    """Tokens of normalised LaTeX ``source`` (see the module docstring)."""
    return LatexLexer(source, vocabulary).tokenize()
