"""Result of checking a learner's code: ``LearnerReport`` (JSON via ``to_dict``) and the
plain-text table of ``format_table``, both in Japanese or English."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

import numpy as np

from engine.gradcheck import GradCheckReport, TensorReport
from engine.learner_diagnosis import Diagnosis

Kind = Literal["network", "layer", "loss"]
Lang = Literal["ja", "en"]
NOTES = {
    "missing_gradient": ("勾配が返されていません", "no gradient returned"),
    "shape_mismatch": (
        "勾配の形 {grad_shape} がパラメータと違います",
        "gradient has shape {grad_shape}",
    ),
    "all_kinks": ("調べた点がすべて折れ目 (ReLU の 0 など) でした", "every probe sat at a kink"),
}
BAND_LABELS = {
    "ja": {"ok": "OK", "suspicious": "要確認", "wrong": "誤り"},
    "en": {"ok": "OK", "suspicious": "suspicious", "wrong": "WRONG"},
}


@dataclass(frozen=True)
class LearnerReport:
    """The check of one learner class: per-tensor results plus likely causes."""

    target: str
    kind: Kind
    check: GradCheckReport
    diagnoses: tuple[Diagnosis, ...]

    @property
    def passed(self) -> bool:
        return self.check.passed

    def to_dict(self, lang: Lang = "en") -> dict[str, object]:
        """JSON shape: passed, target, kind, mode, parameters[], diagnoses[]."""
        return {
            "passed": self.passed,
            "target": self.target,
            "kind": self.kind,
            "mode": self.check.mode,
            "parameters": [
                {
                    "name": e.name,
                    "shape": list(e.shape),
                    "relative_error": e.rel_error if np.isfinite(e.rel_error) else None,
                    "band": e.band,
                    "worst_index": list(e.worst_index) if e.worst_index is not None else None,
                    "skipped_kinks": e.skipped_kinks,
                    "note": _note(e, lang),
                }
                for e in self.check.entries
            ],
            "diagnoses": [
                {"code": d.code, "tensors": list(d.tensors), "message": d.messages[lang]}
                for d in self.diagnoses
            ],
        }


def _note(entry: TensorReport, lang: Lang) -> str:
    if not entry.note:
        return ""
    ja, en = NOTES[entry.note]
    return (ja if lang == "ja" else en).format(grad_shape=entry.grad_shape)


def _width(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(report: LearnerReport, lang: Lang = "ja") -> str:
    """A plain-text table (one row per tensor) followed by the verdict and the causes."""
    head = (
        ("パラメータ", "形", "相対誤差", "判定")
        if lang == "ja"
        else ("parameter", "shape", "relative error", "band")
    )
    rows = [head] + [
        (
            e.name,
            str(e.shape),
            f"{e.rel_error:.2e}",
            BAND_LABELS[lang][e.band] + (f" ({_note(e, lang)})" if e.note else ""),
        )
        for e in report.check.entries
    ]
    widths = [max(_width(r[i]) for r in rows) for i in range(3)]
    lines = [
        "  ".join([*(c + " " * (w - _width(c)) for c, w in zip(r[:3], widths, strict=True)), r[3]])
        for r in rows
    ]
    if lang == "ja":
        lines.append("結果: 合格" if report.passed else "結果: 不合格 (誤りのある勾配があります)")
    else:
        lines.append(
            "result: PASSED" if report.passed else "result: FAILED (some gradients are wrong)"
        )
    lines += [f"- [{d.code}] {d.messages[lang]}" for d in report.diagnoses]
    return "\n".join(lines)
