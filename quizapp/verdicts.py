"""Verdict dicts and the grading rules that need no math package: bilingual messages,
choice keys, numeric tolerance, the overall verdict of a step report, exact numbers as text.

``quizapp.grading`` builds on this module; nothing here imports ``derivations`` or ``engine``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

VERDICTS = ("correct", "incorrect", "invalid", "undetermined")

MESSAGES = {
    "timeout": {
        "ja": "時間内に判定できませんでした。式を簡単にしてもう一度お試しください。",
        "en": "We could not decide in time. Simplify the expression and try again.",
    },
    "internal": {
        "ja": "判定中に問題が起きました。判定は保留です。時間をおいて再度お試しください。",
        "en": "Something went wrong while checking; the verdict is left open. Please try again later.",
    },
    "choice_key": {
        "ja": "選択肢 a〜d のどれかを選んでください。",
        "en": "Choose one of the options a to d.",
    },
    "correct": {"ja": "正解です。", "en": "Correct."},
    "incorrect": {"ja": "不正解です。", "en": "Not correct."},
    "number": {
        "ja": "数値として読めません。例: 0.25、1/4、2.5e-3",
        "en": "This is not a number we can read. Examples: 0.25, 1/4, 2.5e-3",
    },
    "steps_empty": {
        "ja": "少なくとも 1 行の式を書いてください。",
        "en": "Write at least one line with an expression.",
    },
    "steps_chain_ok": {
        "ja": "どのステップも直前の式から正しく導かれています。",
        "en": "Every step follows from the previous one.",
    },
    "steps_single": {
        "ja": "比べる相手がありません。式を 2 行以上書くと、各行を直前の行と比べます。",
        "en": "There is nothing to compare yet: write two or more lines and each is compared with the line before it.",
    },
}


class RequestProblem(ValueError):
    """The request cannot be checked as asked (unknown network, unreadable reference)."""

    def __init__(self, code: str, messages: Mapping[str, str]) -> None:
        super().__init__(messages["en"])
        self.code, self.messages = code, dict(messages)


class VariantLike(Protocol):
    """What :func:`grade` needs of a bank variant (see ``quizapp.bank.variants.Variant``)."""

    seed: int
    data: dict[str, Any]

    @property
    def type(self) -> str: ...

    @property
    def reference(self) -> str: ...

    @property
    def mistakes(self) -> list[dict[str, Any]]: ...

    def option(self, key: str) -> dict[str, Any] | None: ...


def verdict(
    verdict: str, key_or_text: str | Mapping[str, str], lang: str, **extra: Any
) -> dict[str, Any]:
    """A verdict dict with the message in ``lang`` (a MESSAGES key or a ja/en table)."""
    text = MESSAGES[key_or_text] if isinstance(key_or_text, str) else key_or_text
    return {"verdict": verdict, "message": text[lang], **extra}


def steps_verdict(report: Mapping[str, Any], *, anchored: bool = True) -> str:
    """Overall verdict of a step report: invalid > incorrect > correct > undetermined.

    ``anchored``: the chain has a reference (its last line must equal it), so ``correct``
    needs ``final_ok``. A free chain (no reference) is ``correct`` when every step was
    proved or agreed equivalent to the one before it.
    """
    steps = report.get("steps", [])
    statuses = {step["status"] for step in steps}
    if "invalid" in statuses:
        return "invalid"
    if report.get("first_broken") is not None or report.get("final_ok") is False:
        return "incorrect"
    if statuses != {"equivalent"}:
        return "undetermined"
    return "correct" if report.get("final_ok") or not anchored else "undetermined"


def grade_choice(
    variant: VariantLike, answer: str, _format: str, lang: str, _deadline: float | None
) -> dict[str, Any]:
    key = unicodedata.normalize("NFKC", answer).strip().lower()
    option = variant.option(key)
    if option is None:
        return verdict("invalid", "choice_key", lang)
    if option.get("correct"):
        return verdict("correct", "correct", lang)
    diagnosis = {"code": option.get("code") or "wrong_option", "message": option["why"][lang]}
    return verdict("incorrect", option["why"], lang, diagnosis=diagnosis)


def numbers_agree(value: float, expected: float, tolerance: Mapping[str, float] | None) -> bool:
    """``|value - expected|`` within ``abs`` or within ``rel * |expected|`` (FORMAT.md)."""
    rules = tolerance or {"rel": 1e-6, "abs": 1e-9}
    gap = abs(value - expected)
    return gap <= rules.get("abs", -1.0) or gap <= rules.get("rel", -1.0) * abs(expected)


def format_exact(value: Fraction | float) -> str:
    """Terminating fractions as decimals (``0.25``), others as ``p/q``, floats rounded."""
    if isinstance(value, Fraction):
        if _terminates(value.denominator):
            return format(Decimal(value.numerator) / Decimal(value.denominator), "f")
        return f"{value.numerator}/{value.denominator}"
    return repr(round(value, 13))


def _terminates(denominator: int) -> bool:
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1
