"""Result types of the checkers: :class:`Verdict` and :class:`StepReport`.

Public names: ``Verdict``, ``VerdictDict``, ``StepResult``, ``StepReport``,
``StepReportDict``, ``VERDICTS``.

Both are frozen dataclasses whose ``to_dict(lang)`` returns plain JSON-safe data in one
language; ``quizapp`` stores that dict and knows nothing else about these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

VERDICTS = ("correct", "incorrect", "invalid", "undetermined")


class DiagnosisDict(TypedDict):
    code: str
    message: str


class VerdictDict(TypedDict):
    verdict: str
    message: str
    answer_latex: str | None
    counterexample: dict[str, Any] | None
    diagnosis: DiagnosisDict | None
    method: str | None
    span: list[int] | None


def _pick(messages: dict[str, str], lang: str) -> str:
    """The message in ``lang``, English when that language is missing."""
    return messages.get(lang) or messages["en"]


@dataclass(frozen=True)
class Verdict:
    """How a learner's answer compares with the reference.

    Attributes
    ----------
    verdict : str
        ``correct``, ``incorrect``, ``invalid`` or ``undetermined``.
    messages : dict[str, str]
        The explanation in Japanese (``ja``) and English (``en``).
    answer_latex : str | None
        The answer as we read it (``None`` when it could not be read).
    counterexample : dict | None
        ``{"point": {name: value}, "answer_value": float, "reference_value": float}``.
    diagnosis : dict | None
        ``{"code", "message", "messages"}`` naming the likely mistake.
    method : str | None
        ``symbolic`` (proved), ``numeric`` (sampled) or ``None``.
    span : tuple[int, int] | None
        Characters of the answer to highlight when it is ``invalid``.
    """

    verdict: str
    messages: dict[str, str]
    answer_latex: str | None = None
    counterexample: dict[str, Any] | None = None
    diagnosis: dict[str, Any] | None = None
    method: str | None = None
    span: tuple[int, int] | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, got {self.verdict!r}")

    @property
    def message(self) -> str:
        """The explanation in English."""
        return self.messages["en"]

    def to_dict(self, lang: str = "en") -> VerdictDict:
        """JSON-safe summary in ``lang`` (``ja`` or ``en``).

        >>> Verdict("correct", {"ja": "正解", "en": "Right"}).to_dict("ja")["message"]
        '正解'
        """
        diagnosis = None
        if self.diagnosis is not None:
            diagnosis = {
                "code": self.diagnosis["code"],
                "message": _pick(self.diagnosis["messages"], lang),
            }
        return {
            "verdict": self.verdict,
            "message": _pick(self.messages, lang),
            "answer_latex": self.answer_latex,
            "counterexample": self.counterexample,
            "diagnosis": diagnosis,
            "method": self.method,
            "span": list(self.span) if self.span is not None else None,
        }


class StepDict(TypedDict):
    index: int
    text: str
    status: str
    message: str
    method: str | None
    counterexample: dict[str, Any] | None
    span: list[int] | None


class StepReportDict(TypedDict):
    steps: list[StepDict]
    first_broken: int | None
    final_ok: bool | None
    message: str


@dataclass(frozen=True)
class StepResult:
    """One step of a derivation compared with the step before it.

    ``status`` is ``equivalent``, ``not_equivalent``, ``invalid`` or ``undetermined``;
    step 0 is compared with ``start`` when one is given, else it is ``equivalent`` by
    definition (it only has to be readable).
    """

    index: int
    text: str
    status: str
    messages: dict[str, str]
    method: str | None = None
    counterexample: dict[str, Any] | None = None
    span: tuple[int, int] | None = None

    def to_dict(self, lang: str = "en") -> StepDict:
        """JSON-safe summary in ``lang``."""
        return {
            "index": self.index,
            "text": self.text,
            "status": self.status,
            "message": _pick(self.messages, lang),
            "method": self.method,
            "counterexample": self.counterexample,
            "span": list(self.span) if self.span is not None else None,
        }


@dataclass(frozen=True)
class StepReport:
    """Every step's result, the first broken step and whether the end is right."""

    steps: tuple[StepResult, ...]
    first_broken: int | None
    final_ok: bool | None
    messages: dict[str, str]

    @property
    def message(self) -> str:
        """The summary in English."""
        return self.messages["en"]

    def to_dict(self, lang: str = "en") -> StepReportDict:
        """JSON-safe summary in ``lang``."""
        return {
            "steps": [step.to_dict(lang) for step in self.steps],
            "first_broken": self.first_broken,
            "final_ok": self.final_ok,
            "message": _pick(self.messages, lang),
        }
