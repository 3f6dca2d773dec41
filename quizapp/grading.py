"""The only seam between the web app and the math packages ``derivations`` and ``engine``.

Every call into a checker runs in a small thread pool under a wall-clock deadline
(``GRADING_DEADLINE_S``); ``derivations`` also runs its symbolic work in its own killable
worker. Whatever happens, the caller gets a verdict dict, never an exception:
learner input errors become ``invalid``, timeouts and checker faults ``undetermined``.
The one exception is :class:`RequestProblem`: the *request* (not the answer) is wrong,
e.g. an unknown network; the API answers it with 400.

Public names: ``grade``, ``check_expression_payload``, ``check_steps_payload``,
``check_gradient_payload``, ``preview``, ``reference_problem``, ``evaluate_exact``,
``parse_number``; re-exported from ``quizapp.verdicts``: ``RequestProblem``,
``numbers_agree``.
"""

from __future__ import annotations

import logging
import math
import re
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from fractions import Fraction
from typing import Any

import sympy

import derivations
import engine
from derivations.errors import AuthoringError, LearnerInputError
from derivations.parsing import parse_math
from derivations.vocabulary import DEFAULT_FORBIDDEN, Vocabulary
from quizapp.verdicts import (
    RequestProblem,
    VariantLike,
    format_exact,
    grade_choice,
    numbers_agree,
    steps_verdict,
    verdict,
)

log = logging.getLogger(__name__)
DEFAULT_DEADLINE_S = 8.0
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="grading")
_NAME = re.compile(r"\b([A-Za-z_]\w*)\b")


def _run(job: Callable[[], dict[str, Any]], lang: str, deadline: float | None) -> dict[str, Any]:
    """Run ``job`` under the deadline; every failure becomes a verdict."""
    future = _POOL.submit(job)
    try:
        return future.result(timeout=deadline or DEFAULT_DEADLINE_S)
    except FutureTimeout:
        future.cancel()
        return verdict("undetermined", "timeout", lang, reason="timeout")
    except LearnerInputError as error:
        return verdict("invalid", {lang: error.message(lang)}, lang, span=list(error.span))
    except (RequestProblem, engine.FormulaRequestError, AuthoringError) as error:
        raise _as_request_problem(error) from error
    except Exception:
        log.exception("checker failed")
        return verdict("undetermined", "internal", lang, reason="internal")


def _as_request_problem(error: Exception) -> RequestProblem:
    if isinstance(error, RequestProblem):
        return error
    if isinstance(error, engine.FormulaRequestError):
        return RequestProblem("invalid_request", error.messages)
    return RequestProblem(
        "invalid_reference",
        {"ja": f"模範解答を読めません: {error}", "en": f"The reference cannot be read: {error}"},
    )


def _one_language(result: dict[str, Any]) -> dict[str, Any]:
    """Drop the both-language copies some checkers add; keep ``message`` in one language."""
    result.pop("messages", None)
    if isinstance(result.get("diagnosis"), dict):
        result["diagnosis"].pop("messages", None)
    return result


# --- stateless checks (API and pages) -------------------------------------------------


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
        outcome = derivations.check_expression(
            answer,
            reference,
            format=format,
            definitions=definitions,
            variables=variables,
            forbid=forbid,
        )
        return _one_language(dict(outcome.to_dict(lang)))

    return _run(job, lang, deadline)


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
        report = derivations.check_steps(
            lines,
            format=format,
            definitions=definitions,
            variables=variables,
            reference=reference,
            start=start,
        )
        result = dict(report.to_dict(lang))
        result.setdefault("verdict", steps_verdict(result))
        return result

    return _run(job, lang, deadline)


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
    return _run(
        lambda: _one_language(
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

    result = _run(job, lang, deadline=min(deadline or 2.0, 2.0))
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


# --- bank questions ---------------------------------------------------------------------


def grade(
    variant: VariantLike,
    answer: str,
    *,
    format: str = "text",
    lang: str = "ja",
    deadline: float | None = None,
) -> dict[str, Any]:
    """Judge ``answer`` to one question variant; dispatch on the question type.

    ``deadline`` bounds the whole call: the main check, then (for a wrong answer) the
    search among the question's listed mistakes in whatever time is left.
    A question the checkers cannot judge (an authoring error such as an unreadable
    reference) gives ``undetermined`` with the reason, which ``bank verify`` reports.
    """
    ends = time.monotonic() + (deadline or DEFAULT_DEADLINE_S)
    try:
        result = GRADERS[variant.type](variant, answer, format, lang, deadline)
        if result["verdict"] == "incorrect" and not result.get("diagnosis"):
            mistake = _matching_mistake(variant, answer, format, lang, ends)
            if mistake:
                result["diagnosis"] = {
                    "code": mistake.get("code") or "bank_mistake",
                    "message": mistake["message"][lang],
                }
    except RequestProblem as problem:
        log.warning("question cannot be graded: %s", problem)
        return verdict("undetermined", problem.messages, lang, reason=problem.code)
    return result


def _grade_expression(
    variant: VariantLike, answer: str, format: str, lang: str, deadline: float | None
) -> dict[str, Any]:
    return _expression_against(variant, answer, variant.reference, format, lang, deadline)


def _expression_against(
    variant: VariantLike,
    answer: str,
    reference: str,
    format: str,
    lang: str,
    deadline: float | None,
) -> dict[str, Any]:
    """``answer`` judged against ``reference`` in the question's vocabulary."""
    data = variant.data
    return check_expression_payload(
        answer,
        reference,
        format=format,
        definitions=data.get("definitions"),
        variables=data.get("variables"),
        forbid=data.get("forbid"),
        lang=lang,
        deadline=deadline,
    )


def _grade_gradient(
    variant: VariantLike, answer: str, _format: str, lang: str, deadline: float | None
) -> dict[str, Any]:
    return check_gradient_payload(
        variant.data["network"],
        variant.data["target"],
        answer,
        seed=variant.seed,
        lang=lang,
        deadline=deadline,
    )


def _grade_code(
    variant: VariantLike, answer: str, format: str, lang: str, deadline: float | None
) -> dict[str, Any]:
    if "network" in variant.data:
        return _grade_gradient(variant, answer, format, lang, deadline)
    return _array_check(
        answer, variant.reference, _array_shapes(variant.data), variant.seed, lang, deadline
    )


def _grade_numeric(
    variant: VariantLike, answer: str, _format: str, lang: str, _deadline: float | None
) -> dict[str, Any]:
    value = parse_number(answer)
    if value is None:
        return verdict("invalid", "number", lang)
    expected = parse_number(variant.reference)
    if expected is None:
        raise RequestProblem(
            "invalid_reference",
            {"ja": "模範解答が数値ではありません。", "en": "The reference is not a number."},
        )
    ok = numbers_agree(value, expected, variant.data.get("tolerance"))
    return verdict("correct" if ok else "incorrect", "correct" if ok else "incorrect", lang)


def _grade_steps(
    variant: VariantLike, answer: str, format: str, lang: str, deadline: float | None
) -> dict[str, Any]:
    data = variant.data
    return check_steps_payload(
        answer.splitlines(),
        format=format,
        definitions=data.get("definitions"),
        variables=data.get("variables"),
        reference=variant.reference,
        start=data.get("start"),
        lang=lang,
        deadline=deadline,
    )


GRADERS: dict[str, Callable[..., dict[str, Any]]] = {
    "choice": grade_choice,
    "expression": _grade_expression,
    "gradient": _grade_gradient,
    "code": _grade_code,
    "numeric": _grade_numeric,
    "steps": _grade_steps,
}


def _matching_mistake(
    variant: VariantLike, answer: str, format: str, lang: str, ends: float
) -> dict[str, Any] | None:
    """The bank's listed mistake that ``answer`` is equivalent to, if found before ``ends``."""
    if variant.type in ("choice", "steps"):
        return None
    for mistake in variant.mistakes:
        left = ends - time.monotonic()
        if left <= 0.05:
            return None
        if judge_against(variant, answer, str(mistake["answer"]), format, lang, left) == "correct":
            return mistake
    return None


def judge_against(
    variant: VariantLike,
    answer: str,
    other: str,
    format: str = "text",
    lang: str = "en",
    deadline: float | None = None,
) -> str:
    """The verdict of ``answer`` when ``other`` is taken as the reference (same question)."""
    data = variant.data
    if variant.type == "numeric":
        a, b = parse_number(answer), parse_number(other)
        return (
            "invalid"
            if a is None or b is None
            else ("correct" if numbers_agree(a, b, data.get("tolerance")) else "incorrect")
        )
    if variant.type == "expression":
        return _expression_against(variant, answer, other, format, lang, deadline)["verdict"]
    return _array_check(answer, other, _array_shapes(data), variant.seed, lang, deadline)["verdict"]


def _array_check(
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
        return _one_language(outcome.to_dict(lang))

    return _run(job, lang, deadline)


def _array_shapes(data: Mapping[str, Any]) -> dict[str, tuple[int, ...]]:
    if "inputs" in data:
        return {name: tuple(shape) for name, shape in data["inputs"].items()}
    preset = engine.get_preset(data["network"])
    upstream = preset.upstream[data["target"]]
    return dict(preset.shapes) | {u: preset.target_shapes[u] for u in upstream}


# --- numbers ------------------------------------------------------------------------------


def parse_number(text: str | float) -> float | None:
    """A finite number from ``0.25``, ``1/4``, ``2.5e-3``, full-width digits; else ``None``."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else None
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        value = _exact_value(cleaned, {})
        value = float(value) if value is not None else None
    return value if value is not None and math.isfinite(value) else None


def evaluate_exact(expr: str, params: Mapping[str, int | str]) -> str:
    """``{{= expr }}`` of the bank: exact arithmetic over the parameters, as text.

    Terminating results print as decimals (``0.25``), others as fractions (``1/3``),
    irrational ones as a float (``1.4142135623731``).
    """
    value = _exact_value(expr, params)
    if value is None:
        raise ValueError(f"cannot evaluate {{{{= {expr} }}}} with {dict(params)}")
    return format_exact(value)


def _exact_value(expr: str, params: Mapping[str, int | str]) -> Fraction | float | None:
    """Substitute exact parameter values, read with our parser, evaluate; None if not a number."""

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            return name
        exact = Fraction(str(params[name]))
        return f"({exact.numerator}/{exact.denominator})"

    try:
        parsed = parse_math(_NAME.sub(value_of, expr), vocabulary=Vocabulary(frozenset()))
    except LearnerInputError:
        return None
    number = sympy.nsimplify(parsed.expr) if parsed.expr.is_Float else parsed.expr
    if number.free_symbols or not number.is_number:
        return None
    if number.is_Rational:
        return Fraction(int(number.p), int(number.q))
    result = complex(number.evalf())
    return result.real if result.imag == 0 else None
