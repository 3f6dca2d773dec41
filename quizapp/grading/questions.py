"""Grading a bank question variant: dispatch on its type, then name the listed mistake
a wrong answer matches, all within one deadline."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import engine
from quizapp.bank.variants import DEFAULT_MIN_STEPS
from quizapp.grading.checks import (
    array_check,
    check_expression_payload,
    check_gradient_payload,
    check_steps_payload,
)
from quizapp.grading.forbidden import forbidden_use
from quizapp.grading.numbers import parse_number
from quizapp.grading.runner import DEFAULT_DEADLINE_S, log
from quizapp.verdicts import RequestProblem, VariantLike, grade_choice, numbers_agree, verdict


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
    refused = forbidden_use(answer, variant.data.get("forbid_names", ()), lang)
    if refused:
        return refused
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
    refused = forbidden_use(answer, variant.data.get("forbid_names", ()), lang)
    if refused:
        return refused
    return array_check(
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
    lines = answer.splitlines()
    needed = data.get("min_steps", DEFAULT_MIN_STEPS)
    written = sum(1 for line in lines if line.strip())
    if 0 < written < needed:
        return verdict(
            "invalid",
            {
                "ja": f"導出を 1 行に 1 つの式で、少なくとも {needed} ステップ書いてください"
                f"（いまは {written} 行です）。",
                "en": f"Write at least {needed} steps, one expression per line "
                f"(you wrote {written}).",
            },
            lang,
            reason="too_few_steps",
            min_steps=needed,
        )
    return check_steps_payload(
        lines,
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
    return array_check(answer, other, _array_shapes(data), variant.seed, lang, deadline)["verdict"]


def _array_shapes(data: Mapping[str, Any]) -> dict[str, tuple[int, ...]]:
    if "inputs" in data:
        return {name: tuple(shape) for name, shape in data["inputs"].items()}
    preset = engine.get_preset(data["network"])
    upstream = preset.upstream[data["target"]]
    return dict(preset.shapes) | {u: preset.target_shapes[u] for u in upstream}
