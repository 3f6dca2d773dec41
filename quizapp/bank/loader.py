"""Load and validate every TOML file of the bank; cache the result per process.

Public names: ``Question``, ``Bank``, ``load_bank``, ``get_bank``, ``BankError``.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app

from quizapp.bank.schema import BankError, check_question
from quizapp.bank.variants import Variant, make_variant

TOPICS_FILE = "topics.toml"


@dataclass(frozen=True)
class Question:
    """One question as written in its file; ``variant(seed)`` renders it."""

    id: str
    type: str
    topic: str
    difficulty: int
    source: str
    raw: dict[str, Any] = field(repr=False)

    @property
    def has_params(self) -> bool:
        return bool(self.raw.get("params"))

    @property
    def languages(self) -> list[str]:
        return ["ja", "en"]

    @property
    def mistake_codes(self) -> frozenset[str]:
        """The diagnosis codes this question names: its listed mistakes' and wrong options'."""
        entries = [*self.raw.get("mistakes", []), *self.raw.get("options", [])]
        return frozenset(str(e["code"]) for e in entries if e.get("code"))

    def variant(self, seed: int = 0) -> Variant:
        """The question with parameters drawn from ``seed`` and options shuffled."""
        return make_variant(self.id, self.raw, seed)

    def summary(self) -> dict[str, Any]:
        """The listing row of ``bank list --json`` and ``GET /api/v1/questions``."""
        return {
            "id": self.id,
            "topic": self.topic,
            "type": self.type,
            "languages": self.languages,
            "difficulty": self.difficulty,
            "has_params": self.has_params,
        }


@dataclass(frozen=True)
class Bank:
    """Questions in file order (files sorted by name) and the topic table."""

    questions: dict[str, Question]
    topics: dict[str, dict[str, Any]]
    tag_names: dict[str, str] = field(default_factory=dict)

    def tag_name(self, tag: str, lang: str) -> str:
        """A tag in ``lang``: the English name from ``topics.toml`` (the tag itself in ja)."""
        return self.tag_names.get(tag, tag) if lang == "en" else tag

    def get(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def filter(
        self, *, topic: str | None = None, type: str | None = None, mistake: str | None = None
    ) -> list[Question]:
        """Questions in bank order, narrowed by topic, type and a mistake code they name."""
        return [
            q
            for q in self.questions.values()
            if (topic is None or q.topic == topic)
            and (type is None or q.type == type)
            and (mistake is None or mistake in q.mistake_codes)
        ]


def load_bank(directory: str | Path) -> Bank:
    """Read every ``*.toml`` in ``directory``; raise ``BankError`` listing every problem."""
    folder = Path(directory)
    problems: list[str] = []
    topics_table = _read_topics_file(folder / TOPICS_FILE, problems)
    topics = _topic_entries(topics_table)
    questions: dict[str, Question] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == TOPICS_FILE:
            continue
        for raw in _read_questions(path, problems):
            qid = raw.get("id", "?")
            found = [f"{path.name}: {qid}: {p}" for p in check_question(raw, set(topics))]
            if qid in questions:
                found.append(f"{path.name}: {qid}: duplicate id (also in {questions[qid].source})")
            problems.extend(found)
            if not found:
                questions[qid] = Question(
                    qid, raw["type"], raw["topic"], raw["difficulty"], path.name, raw
                )
    if problems:
        raise BankError(problems)
    names = topics_table.get("tag_names", {})
    return Bank(questions, topics, {str(k): str(v) for k, v in names.items()})


def _read_questions(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: not valid TOML: {error}")
        return []
    entries = data.get("question", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(f"{path.name}: expected `[[question]]` tables")
        return []
    return entries


def _read_topics_file(path: Path, problems: list[str]) -> dict[str, Any]:
    if not path.exists():
        problems.append(f"{TOPICS_FILE}: missing")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{TOPICS_FILE}: not valid TOML: {error}")
        return {}


def _topic_entries(table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    entries = table.get("topic", [])
    return {t["id"]: t for t in entries if isinstance(t, dict) and isinstance(t.get("id"), str)}


@functools.cache
def _cached_bank(directory: str) -> Bank:
    return load_bank(directory)


def get_bank() -> Bank:
    """The bank of the current app's ``QUESTION_BANK_DIR``, loaded once per process."""
    return _cached_bank(str(current_app.config["QUESTION_BANK_DIR"]))
