"""Short learner-facing labels for bank questions in lists: a title from the prompt's first
sentence (instead of the raw id) and tags in the page language."""

from __future__ import annotations

from quizapp.bank.loader import Question, get_bank
from quizapp.practice.assets import lang
from quizapp.practice.hints import first_sentence

TITLE_CHARS = 80
"""Longest title before it is cut (with "…"); math and code spans are never cut open."""


def question_title(question: Question) -> str:
    """The question's title in the page language (its prompt's first sentence, trimmed)."""
    prompt = question.variant(0).render(lang())["prompt"]
    sentence = first_sentence(prompt) or prompt.strip()
    if len(sentence) <= TITLE_CHARS:
        return sentence
    cut = sentence[:TITLE_CHARS]
    for mark in ("$", "`"):
        if cut.count(mark) % 2:
            cut = cut[: cut.rindex(mark)]
    return cut.rstrip(" 、,(（") + "…"


def tag_label(tag: str) -> str:
    """A question tag in the page language."""
    return get_bank().tag_name(tag, lang())


TEMPLATE_HELPERS = {"question_title": question_title, "tag_label": tag_label}
