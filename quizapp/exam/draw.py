"""Which questions a mock exam asks: E資格-style types (four options and calculations)
drawn across the syllabus areas in proportion to ``syllabus.WEIGHTS``.

Public names: ``PRESETS``, ``EXAM_TYPES``, ``Preset``, ``draw``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from quizapp.bank.loader import Bank, Question
from quizapp.progress.syllabus import AREAS, allocate

EXAM_TYPES = ("choice", "numeric", "expression")


@dataclass(frozen=True)
class Preset:
    """A mock-exam length: question count and time limit."""

    key: str
    questions: int
    minutes: int


PRESETS = {
    p.key: p for p in (Preset("mini", 10, 12), Preset("half", 25, 30), Preset("full", 100, 120))
}


def _pools(bank: Bank) -> dict[str, list[Question]]:
    pools: dict[str, list[Question]] = {area: [] for area in AREAS}
    for question in bank.questions.values():
        area = question.raw.get("syllabus")
        if question.type in EXAM_TYPES and area in pools:
            pools[area].append(question)
    return pools


def draw(bank: Bank, count: int, rng: random.Random) -> list[tuple[Question, int]]:
    """``count`` distinct questions (fewer if the bank is smaller) with variant seeds, in a
    shuffled order."""
    pools = _pools(bank)
    quota = allocate(count, {area: len(pool) for area, pool in pools.items()})
    chosen = [q for area, pool in pools.items() for q in rng.sample(pool, quota[area])]
    rng.shuffle(chosen)
    return [(question, rng.randrange(2**31 - 1)) for question in chosen]
