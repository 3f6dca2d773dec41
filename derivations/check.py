"""``check_expression``: read an answer, decide equivalence, name the mistake.

Public names: ``check_expression``, ``Problem``, ``problem_for``, ``definitions_of``,
``ReferenceProblem``.

The reference side (reference text, definitions, variables, forbidden operators) is
read once and kept in a small LRU cache (:func:`problem_for`), since a question's
reference is checked against many answers.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import sympy

from derivations import explain
from derivations.equivalence import Equivalence, decide
from derivations.errors import AuthoringError, LearnerInputError
from derivations.mistakes import diagnose
from derivations.parsing import expand_definitions, parse_math
from derivations.sampling import seed_for
from derivations.verdict import Verdict
from derivations.vocabulary import DEFAULT_FORBIDDEN, Vocabulary

Definitions = Mapping[str, str] | Iterable[str] | None
FORMATS = ("text", "latex")
FULL_WIDTH_EQUALS = "\uff1d"  # ＝, typed through a Japanese IME


class ReferenceProblem(Exception):
    """The reference, a definition or the variable list cannot be used."""


@dataclass(frozen=True)
class Problem:
    """A reference read once: the answers' vocabulary, the expanded reference, symbols."""

    vocabulary: Vocabulary
    reference: sympy.Expr
    symbols: tuple[sympy.Symbol, ...]


def definitions_of(definitions: Definitions) -> tuple[tuple[str, str], ...]:
    """Definitions as sorted ``(name, text)`` pairs, from a mapping or ``"y=..."`` strings.

    >>> definitions_of(["y = sigmoid(x)"])
    (('y', 'sigmoid(x)'),)
    >>> definitions_of(["ｙ＝ｓｉｇｍｏｉｄ（ｘ）"])
    (('y', 'ｓｉｇｍｏｉｄ（ｘ）'),)
    """
    if definitions is None:
        return ()
    if isinstance(definitions, Mapping):
        pairs = definitions.items()
    else:
        pairs = []
        for item in definitions:
            name, sep, text = str(item).replace(FULL_WIDTH_EQUALS, "=").partition("=")
            if not sep or not name.strip() or not text.strip():
                raise ReferenceProblem(f"a definition must look like name=expression: {item!r}")
            pairs.append((name, text))
    return tuple(sorted((_name(k), str(v).strip()) for k, v in pairs))


def _name(typed: object) -> str:
    """A defined name as typed through an IME (``ｙ``) in its plain spelling (``y``)."""
    return unicodedata.normalize("NFKC", str(typed)).strip()


@functools.lru_cache(maxsize=256)
def problem_for(
    reference: str,
    definitions: tuple[tuple[str, str], ...] = (),
    variables: frozenset[str] | None = None,
    forbid: frozenset[str] | None = None,
) -> Problem:
    """Read the reference side; raises :class:`ReferenceProblem` with a readable reason."""
    try:
        authoring = Vocabulary(variables, dict(definitions), frozenset())
        parsed = parse_math(reference, vocabulary=authoring, authoring=True)
        expanded = expand_definitions(parsed.expr, authoring)
        names = set(variables) if variables is not None else {s.name for s in expanded.free_symbols}
        names |= {name for name, _ in definitions}
        vocabulary = Vocabulary(
            frozenset(names), dict(definitions), DEFAULT_FORBIDDEN if forbid is None else forbid
        )
    except LearnerInputError as error:
        raise ReferenceProblem(error.message("en")) from error
    except (AuthoringError, ValueError) as error:
        raise ReferenceProblem(str(error)) from error
    defined = {name for name, _ in definitions}
    symbols = tuple(vocabulary.symbol(n) for n in sorted(names - defined))
    return Problem(vocabulary, expanded, symbols)


def check_expression(
    answer: str,
    reference: str,
    *,
    format: str = "text",
    definitions: Definitions = None,
    variables: Iterable[str] | None = None,
    forbid: Iterable[str] | None = None,
) -> Verdict:
    """Judge a learner's ``answer`` against the author's ``reference``.

    ``reference`` is plain-text authoring syntax (``diff(expr, x)`` allowed); ``answer``
    is learner text in ``format`` (``"text"`` or ``"latex"``). ``variables=None`` means
    the reference's free names plus the defined names. Wrong math is a verdict, never
    an exception.

    >>> check_expression("exp(-x)/(1+exp(-x))^2", "sigmoid(x)*(1-sigmoid(x))").verdict
    'correct'
    >>> check_expression("x*(1-x)", "diff(sigmoid(x), x)").diagnosis["code"]
    'input_for_output'
    """
    if format not in FORMATS or not isinstance(answer, str) or not isinstance(reference, str):
        return Verdict("invalid", explain.bad_request(FORMATS))
    try:
        defs = definitions_of(definitions)
        problem = problem_for(
            reference,
            defs,
            frozenset(variables) if variables is not None else None,
            frozenset(forbid) if forbid is not None else None,
        )
    except ReferenceProblem as error:
        return Verdict("invalid", explain.reference_unreadable(str(error)))
    try:
        parsed = parse_math(answer, format=format, vocabulary=problem.vocabulary)
    except LearnerInputError as error:
        return Verdict("invalid", dict(error.messages), span=tuple(error.span))
    expanded = expand_definitions(parsed.expr, problem.vocabulary)
    seed = seed_for(answer, reference, format, defs, sorted(variables or ()))
    decision = decide(expanded, problem.reference, problem.symbols, seed=seed)
    details = {"points": decision.points, "reason": decision.reason}
    if decision.equivalence is Equivalence.EQUIVALENT:
        messages = explain.correct(decision.method or "symbolic", decision.points)
        return Verdict("correct", messages, parsed.latex, method=decision.method, details=details)
    if decision.equivalence is Equivalence.NOT_EQUIVALENT:
        diagnosis = diagnose(
            expanded, problem.reference, decision.sample, problem.symbols, decision.counterexample
        )
        return Verdict(
            "incorrect",
            explain.incorrect(decision.counterexample, diagnosis),
            parsed.latex,
            counterexample=decision.counterexample,
            diagnosis=diagnosis,
            method="numeric",
            details=details,
        )
    return Verdict(
        "undetermined", explain.undetermined(decision.reason), parsed.latex, details=details
    )
