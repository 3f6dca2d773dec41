"""Quality of every question in the shipped bank (issue 6), read through quizapp.bank.

Per question: both languages for prompt and explanation, at least one known mistake
with a bilingual message (for ``choice`` the wrong options with their ``why`` are the
mistakes), tags, a topic of topics.toml. Across files: ids unique. The issue-6 totals
are asserted in ``test_issue6_targets``.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

import quizapp
from quizapp.bank.loader import TOPICS_FILE, Question, load_bank

BANK_DIR = Path(quizapp.__file__).parent / "questions"
LANGS = ("ja", "en")
BANK = load_bank(BANK_DIR)
QUESTIONS = list(BANK.questions.values())


def bilingual(value: object) -> bool:
    """A ``{ja, en}`` table whose two strings are non-blank."""
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS
    )


def mistake_messages(question: Question) -> list[object]:
    """The learner-facing messages of a question's known wrong answers."""
    if question.type == "choice":
        return [o.get("why") for o in question.raw["options"] if not o.get("correct")]
    return [m.get("message") for m in question.raw.get("mistakes", [])]


def raw_ids() -> list[str]:
    """Every ``id`` as written in the files, duplicates kept (the loader would reject them)."""
    ids: list[str] = []
    for path in sorted(BANK_DIR.glob("*.toml")):
        if path.name != TOPICS_FILE:
            ids += [q["id"] for q in tomllib.loads(path.read_text("utf-8")).get("question", [])]
    return ids


def test_bank_is_not_empty() -> None:
    assert len(QUESTIONS) >= 100


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_prompt_and_explanation_in_both_languages(question: Question) -> None:
    assert bilingual(question.raw["prompt"]), "prompt needs ja and en"
    assert bilingual(question.raw["explanation"]), "explanation needs ja and en"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_at_least_one_mistake_with_bilingual_message(question: Question) -> None:
    messages = mistake_messages(question)
    assert messages, "needs at least one known mistake (choice: a wrong option)"
    assert all(bilingual(m) for m in messages), "every mistake message needs ja and en"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_tagged_with_a_known_topic(question: Question) -> None:
    assert question.topic in BANK.topics
    assert question.raw["tags"]
    assert all(isinstance(t, str) and t for t in question.raw["tags"])


def test_ids_are_unique_across_files() -> None:
    duplicates = [qid for qid, n in Counter(raw_ids()).items() if n > 1]
    assert duplicates == []


def test_topics_table_names_every_topic_in_both_languages() -> None:
    assert len(BANK.topics) == 18
    for key, topic in BANK.topics.items():
        assert bilingual(topic.get("name")), key
        assert topic.get("syllabus") in (
            "数学的基礎",
            "機械学習",
            "深層学習の基礎",
            "深層学習の応用",
            "開発・運用環境",
        ), key


# Issue 6: the bank as a whole.
MIN_TOTAL = 200
MIN_TOPICS, MIN_PER_TOPIC = 15, 8
MIN_PER_TYPE = {
    "expression": 60,
    "gradient": 30,
    "numeric": 30,
    "choice": 40,
    "code": 20,
    "steps": 10,
}
MIN_PARAMETERISED_SHARE = 0.40


def test_issue6_total() -> None:
    assert len(QUESTIONS) >= MIN_TOTAL


def test_issue6_topics_with_enough_questions() -> None:
    per_topic = Counter(q.topic for q in QUESTIONS)
    covered = sorted(t for t, n in per_topic.items() if n >= MIN_PER_TOPIC)
    assert len(covered) >= MIN_TOPICS, per_topic


@pytest.mark.parametrize(("kind", "minimum"), sorted(MIN_PER_TYPE.items()))
def test_issue6_type_minimum(kind: str, minimum: int) -> None:
    assert sum(q.type == kind for q in QUESTIONS) >= minimum


def test_issue6_parameterised_share() -> None:
    share = sum(q.has_params for q in QUESTIONS) / len(QUESTIONS)
    assert share >= MIN_PARAMETERISED_SHARE, f"{share:.1%} of questions carry params"
