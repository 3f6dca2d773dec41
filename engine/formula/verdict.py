"""The result of judging one formula: a frozen dataclass with a JSON-safe ``to_dict``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from engine.formula.nodes import Span

Shape = tuple[int, ...]


@dataclass(frozen=True)
class FormulaVerdict:
    """``verdict``: correct | incorrect | invalid.

    ``message`` is ``messages[lang]``; ``diagnosis`` names a recognised mistake as
    ``{"code", "message", "messages"}``; ``reason`` is the stable code of an ``invalid``
    verdict (``forbidden``, ``matmul``, ``unknown_name``, ...); ``span`` is the
    ``(start, end)`` character range of the offending construct in the answer.
    """

    verdict: Literal["correct", "incorrect", "invalid"]
    message: str
    messages: dict[str, str]
    diagnosis: dict[str, Any] | None = None
    relative_error: float | None = None
    answer_shape: Shape | None = None
    target_shape: Shape | None = None
    span: Span | None = None
    reason: str | None = None

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """Plain JSON types only; ``message`` in ``lang`` (``ja`` or ``en``)."""
        diagnosis = None
        if self.diagnosis is not None:
            diagnosis = {
                "code": self.diagnosis["code"],
                "message": self.diagnosis["messages"][lang],
                "messages": dict(self.diagnosis["messages"]),
            }
        error = self.relative_error
        return {
            "verdict": self.verdict,
            "message": self.messages[lang],
            "messages": dict(self.messages),
            "diagnosis": diagnosis,
            "relative_error": error if error is not None and math.isfinite(error) else None,
            "answer_shape": _listed(self.answer_shape),
            "target_shape": _listed(self.target_shape),
            "span": _listed(self.span),
            "reason": self.reason,
        }


def _listed(value: tuple[int, ...] | None) -> list[int] | None:
    return None if value is None else [int(v) for v in value]
