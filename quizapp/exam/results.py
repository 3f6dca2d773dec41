"""What the result page shows: the score by syllabus area and every answer that was not
right, with the learner's answer, the right answer and the worked explanation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizapp.bank.loader import get_bank
from quizapp.models import ExamAnswer, ExamSession
from quizapp.progress.syllabus import AREAS, area_name


@dataclass(frozen=True)
class AreaScore:
    """Right answers out of the questions asked in one syllabus area."""

    area: str
    name: str
    correct: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0


def area_scores(answers: list[ExamAnswer], lang: str) -> list[AreaScore]:
    """One row per area that had questions, in syllabus order."""
    rows = []
    for area in AREAS:
        asked = [a for a in answers if a.syllabus == area]
        if asked:
            right = sum(1 for a in asked if a.verdict == "correct")
            rows.append(AreaScore(area, area_name(area, lang), right, len(asked)))
    return rows


def _shown_answer(slot: ExamAnswer, options: dict[str, str]) -> str | None:
    if slot.answer is None:
        return None
    return options.get(slot.answer, slot.answer)


def wrong_answers(answers: list[ExamAnswer], lang: str) -> list[dict[str, Any]]:
    """Every slot not answered right: prompt, the learner's answer, the answer, why."""
    bank = get_bank()
    rows = []
    for slot in answers:
        question = bank.get(slot.question_id)
        if slot.verdict == "correct" or question is None:
            continue
        variant = question.variant(slot.seed)
        shown, revealed = variant.render(lang), variant.reveal(lang)
        options = {o["key"]: f"{o['key']}) {o['text']}" for o in shown.get("options", [])}
        rows.append(
            {
                "position": slot.position,
                "area": area_name(slot.syllabus, lang),
                "prompt": shown["prompt"],
                "type": question.type,
                "learner_answer": _shown_answer(slot, options),
                "right_answer": options.get(revealed["answer"], revealed["answer"]),
                "explanation": revealed["explanation"],
                "verdict": slot.verdict,
            }
        )
    return rows


def summary(exam: ExamSession, answers: list[ExamAnswer], lang: str) -> dict[str, Any]:
    """Everything the result page and the JSON result need."""
    return {
        "score": exam.score or 0,
        "total": exam.question_count,
        "percent": 100.0 * (exam.score or 0) / exam.question_count if exam.question_count else 0.0,
        "answered": sum(1 for a in answers if a.answer is not None),
        "areas": area_scores(answers, lang),
        "wrong": wrong_answers(answers, lang),
    }
