"""The stateless checks (API, checker pages, bank verify): expression, steps, gradient,
array expression, preview, and readability of an author's reference."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import derivations
import engine
from derivations.check import ReferenceProblem, definitions_of, problem_for
from derivations.errors import AuthoringError, LearnerInputError
from derivations.parsing import parse_math
from derivations.vocabulary import DEFAULT_FORBIDDEN, Vocabulary
from quizapp.grading.numbering import one_based
from quizapp.grading.runner import one_language, run
from quizapp.verdicts import RequestProblem, steps_verdict, verdict


def _vocabulary(
    variables: Sequence[str] | None,
    definitions: Mapping[str, str] | None,
    forbid: Sequence[str] | None = None,
) -> Any:
    """The names an answer may use; badly formed names are a request problem."""
    options: dict[str, Any] = {"definitions": dict(definitions or {})}
    if variables is not None:
        options["variables"] = frozenset(variables)
    if forbid:
        options["forbid"] = DEFAULT_FORBIDDEN | frozenset(forbid)
    try:
        return Vocabulary(**options)
    except ValueError as error:
        raise RequestProblem(
            "invalid_request",
            {
                "ja": f"変数名・定義名が正しくありません: {error}",
                "en": f"Badly formed names: {error}",
            },
        ) from None


def check_expression_payload(
    answer: str,
    reference: str,
    *,
    format: str = "text",
    definitions: Mapping[str, str] | None = None,
    variables: Sequence[str] | None = None,
    forbid: Sequence[str] | None = None,
    lang: str = "ja",
    deadline: float | None = None,
) -> dict[str, Any]:
    """``derivations.check_expression`` as a verdict dict in ``lang``."""

    def job() -> dict[str, Any]:
        unreadable = unreadable_reference(reference, definitions, variables, lang)
        if unreadable:
            return unreadable
        outcome = derivations.check_expression(
            answer,
            reference,
            format=format,
            definitions=definitions,
            variables=variables,
            forbid=forbid,
        )
        return one_language(dict(outcome.to_dict(lang)))

    return run(job, lang, deadline)


def check_steps_payload(
    steps: Sequence[str],
    *,
    format: str = "text",
    definitions: Mapping[str, str] | None = None,
    variables: Sequence[str] | None = None,
    reference: str | None = None,
    start: str | None = None,
    lang: str = "ja",
    deadline: float | None = None,
) -> dict[str, Any]:
    """``derivations.check_steps`` as a dict with an overall ``verdict`` in ``lang``."""
    lines = [s for s in steps if s.strip()]
    if not lines:
        return verdict("invalid", "steps_empty", lang, steps=[])
    _vocabulary(variables, definitions)  # reject badly formed names before any work

    def job() -> dict[str, Any]:
        for anchor in (reference, start):
            unreadable = unreadable_reference(anchor, definitions, variables, lang)
            if unreadable:
                return {**unreadable, "steps": []}
        report = derivations.check_steps(
            lines,
            format=format,
            definitions=definitions,
            variables=variables,
            reference=reference,
            start=start,
        )
        result = one_based(dict(report.to_dict(lang)))
        if reference is None:
            return _free_chain(result, compared=len(lines) - 1 + (start is not None), lang=lang)
        result.setdefault("verdict", steps_verdict(result))
        return result

    return run(job, lang, deadline)


def _free_chain(result: dict[str, Any], *, compared: int, lang: str) -> dict[str, Any]:
    """A chain with no reference: judged on its links alone (``compared`` of them)."""
    if not compared:
        return {**result, **verdict("undetermined", "steps_single", lang)}
    outcome = steps_verdict(result, anchored=False)
    if outcome == "correct":
        return {**result, **verdict("correct", "steps_chain_ok", lang)}
    return {**result, "verdict": outcome}


def check_gradient_payload(
    network: str,
    target: str,
    answer: str,
    *,
    seed: int | None = None,
    lang: str = "ja",
    deadline: float | None = None,
) -> dict[str, Any]:
    """``engine.check_formula`` as a verdict dict; unknown network/target → RequestProblem."""
    return run(
        lambda: one_language(
            engine.check_formula(network, target, answer, seed=seed, lang=lang).to_dict(lang)
        ),
        lang,
        deadline,
    )


def preview(
    text: str,
    format: str = "text",
    lang: str = "ja",
    *,
    variables: Sequence[str] | None = None,
    definitions: Mapping[str, str] | None = None,
    deadline: float | None = 2.0,
) -> dict[str, Any]:
    """How the grading parser reads ``text``: ``{"latex"}`` or ``{"latex": None, "error"}``."""
    vocabulary = _vocabulary(variables, definitions)

    def job() -> dict[str, Any]:
        parsed = parse_math(text, format=format, vocabulary=vocabulary)
        return {"latex": parsed.latex, "error": None}

    result = run(job, lang, deadline=min(deadline or 2.0, 2.0))
    if "latex" in result:
        return result
    return {"latex": None, "error": {"message": result["message"], "span": result.get("span")}}


def reference_problem(
    reference: str,
    *,
    variables: Sequence[str] | None = None,
    definitions: Mapping[str, str] | None = None,
) -> str | None:
    """Why an author's reference cannot be read (English), or ``None`` when it can."""
    try:
        parse_math(reference, vocabulary=_vocabulary(variables, definitions), authoring=True)
    except (LearnerInputError, AuthoringError) as error:
        return str(error.message("en") if isinstance(error, LearnerInputError) else error)
    return None


def array_check(
    answer: str,
    reference: str,
    shapes: Mapping[str, tuple[int, ...]],
    seed: int,
    lang: str,
    deadline: float | None,
) -> dict[str, Any]:
    """``engine.check_array_expression`` as a verdict dict."""

    def job() -> dict[str, Any]:
        outcome = engine.check_array_expression(
            answer, reference, shapes=shapes, seed=seed, lang=lang
        )
        return one_language(outcome.to_dict(lang))

    return run(job, lang, deadline)


def unreadable_reference(
    reference: str | None,
    definitions: Mapping[str, str] | None,
    variables: Sequence[str] | None,
    lang: str,
) -> dict[str, Any] | None:
    """An ``invalid`` verdict when the reference or a definition cannot be read, with the
    reason in ``lang`` (``derivations`` words that reason in English only), else ``None``."""
    if reference is None:
        return None
    names = frozenset(variables) if variables is not None else None
    try:
        problem_for(reference, definitions_of(definitions), names)
    except ReferenceProblem as error:
        cause = error.__cause__
        detail = {
            code: cause.message(code) if isinstance(cause, LearnerInputError) else str(error)
            for code in ("ja", "en")
        }
        return verdict(
            "invalid",
            {
                "ja": f"模範解答または定義を読み取れません: {detail['ja']}",
                "en": f"The reference answer or a definition cannot be read: {detail['en']}",
            },
            lang,
            reason="reference_unreadable",
        )
    return None
