"""Public entry: read learner or author math safely into SymPy.

Pipeline (nothing is ever ``eval``-ed or ``sympify``-ed)::

    text ─ normalise ─▶ characters ─ lexer | latex_lexer ─▶ tokens
         ─ brackets, heads ─▶ tokens ─ text_parser | latex_parser ─▶ syntax tree
         ─ sizes ─▶ checked tree ─ build (vocabulary, function_table) ─▶ SymPy
         (syntax tree ─ printing ─▶ LaTeX echo)

The length limit is checked first, on the raw string, so long input costs nothing.

Public names: :func:`parse_math`, :class:`ParsedMath`, :func:`expand_definitions`.

>>> parsed = parse_math("１／（１＋ｅｘｐ（−ｘ））", vocabulary=Vocabulary(frozenset({"x"})))
>>> parsed.expr, parsed.names
(1/(1 + exp(-x)), frozenset({'x'}))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

import sympy

from derivations.build import Builder
from derivations.errors import AuthoringError, LearnerInputError, learner_error
from derivations.latex_parser import parse_latex_source
from derivations.normalise import check_length
from derivations.printing import echo
from derivations.sizes import check_sizes
from derivations.text_parser import parse_text
from derivations.vocabulary import Vocabulary

Format = Literal["text", "latex"]
UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


@dataclass(frozen=True)
class ParsedMath:
    """How we read an answer.

    ``expr`` is our SymPy expression with definitions NOT substituted; ``latex`` is our
    LaTeX echo of the answer as read (printed from our syntax tree, so terms stay in the
    learner's order); ``names`` are the variable names it uses.
    """

    expr: sympy.Expr
    latex: str
    names: frozenset[str]


def parse_math(
    text: str,
    *,
    format: Format = "text",
    vocabulary: Vocabulary | None = None,
    authoring: bool = False,
) -> ParsedMath:
    """Read ``text`` (plain text or LaTeX) into SymPy.

    Raises :class:`~derivations.errors.LearnerInputError` (code, span, ja/en message)
    for anything we cannot read safely. ``authoring=True`` reads a question author's
    reference: any well-formed name, and ``diff(expr, x)`` is differentiated with the
    vocabulary's definitions substituted into ``expr``.
    """
    vocabulary = vocabulary or Vocabulary()
    expand = None
    if authoring and vocabulary.definitions:

        def expand(expr: sympy.Expr) -> sympy.Expr:
            return expand_definitions(expr, vocabulary)

    return _read(text, format, Builder(vocabulary, authoring=authoring, expand=expand))


def _read(text: str, format: Format, builder: Builder) -> ParsedMath:
    if not isinstance(text, str):
        raise TypeError("parse_math expects a str")
    check_length(text)
    vocabulary = builder.vocabulary
    if format == "latex":
        tree = parse_latex_source(text, vocabulary)
    elif format == "text":
        tree = parse_text(text, vocabulary)
    else:
        raise ValueError(f"unknown format {format!r}")
    check_sizes(tree, text)
    expr = builder.build(tree)
    if any(expr.has(value) for value in UNDEFINED):
        raise learner_error("undefined", (0, len(text)))
    if expr.has(sympy.I):
        raise learner_error("not_real", (0, len(text)))
    names = frozenset(symbol.name for symbol in expr.free_symbols)
    return ParsedMath(expr=expr, latex=echo(tree), names=names)


def expand_definitions(expr: sympy.Expr, vocabulary: Vocabulary) -> sympy.Expr:
    """Substitute the vocabulary's definitions into ``expr`` until none is left.

    Definitions are read with authoring rules and may use each other; a cycle or an
    unreadable definition raises :class:`~derivations.errors.AuthoringError`. They are
    read once per vocabulary (a question's vocabulary serves all its attempts).

    >>> vocab = Vocabulary(frozenset({"x"}), definitions={"y": "sigmoid(x)"})
    >>> expand_definitions(parse_math("y*(1-y)", vocabulary=vocab).expr, vocab)
    (1 - sigmoid(x))*sigmoid(x)
    """
    if not vocabulary.definitions:
        return expr
    replacements = _read_definitions(vocabulary)
    for _ in range(len(replacements) + 1):
        if not expr.free_symbols & replacements.keys():
            return expr
        expr = expr.xreplace(replacements)
    raise AuthoringError(
        f"definitions refer to each other in a cycle: {sorted(vocabulary.definitions)}"
    )


@functools.lru_cache(maxsize=256)
def _read_definitions(vocabulary: Vocabulary) -> dict[sympy.Symbol, sympy.Expr]:
    """``{name symbol: definition}`` as written (a diff inside one is not expanded again)."""
    replacements = {}
    for name, definition in vocabulary.definitions.items():
        try:
            parsed = _read(definition, "text", Builder(vocabulary, authoring=True))
        except LearnerInputError as error:
            raise AuthoringError(f"definition of {name!r} cannot be read: {error}") from error
        replacements[vocabulary.symbol(name)] = parsed.expr
    return replacements
