"""Issue 6 acceptance: one question of each type (choice, expression, gradient, numeric,
code, steps) answered wrongly and then rightly, in Japanese and in English, through the
real question pages in Chromium.

Answers come from the bank itself (loaded with ``quizapp.bank``, fixed seed): the right
one from the variant's reference, the wrong one from its listed ``mistakes`` (for
``choice``, a wrong option, which carries its own ``why``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quizapp.bank.loader import Question, load_bank
from quizapp.bank.variants import Variant
from quizapp.config import DEFAULTS

pytestmark = pytest.mark.browser
Shot = Callable[[str], Path]
BANK = load_bank(DEFAULTS["QUESTION_BANK_DIR"])
SEED = 11
TYPES = ("choice", "expression", "gradient", "numeric", "code", "steps")
HEADINGS = {"ja": ("不正解", "正解"), "en": ("Not correct", "Correct")}
WORKED_SOLUTION = {"ja": "解説", "en": "Worked solution"}


def _question(kind: str) -> Question:
    """A question of ``kind`` with a wrong answer to try: E's sample in basics.toml (one per
    type, the smallest to judge on a busy machine), else the first in the bank."""
    usable = [q for q in BANK.filter(type=kind) if kind == "choice" or q.variant(SEED).mistakes]
    assert usable, f"no {kind} question with a listed mistake"
    return min(usable, key=lambda q: q.source != "basics.toml")


def _wrong_and_right(variant: Variant) -> tuple[str, str]:
    """A wrong answer from the bank's own mistakes and the reference answer, as typed."""
    if variant.type == "choice":
        wrong = next(key for key, option in variant.options() if not option.get("correct"))
        return wrong, variant.reference
    mistake = str(variant.mistakes[0]["answer"])
    if variant.type == "steps":
        chain = [str(step) for step in variant.data["steps"]]
        return "\n".join([*chain[:-1], mistake]), "\n".join(chain)
    return mistake, variant.reference


def _answer(page: Page, kind: str, text: str) -> None:
    if kind == "choice":
        page.locator(f'input[name="answer"][value="{text}"]').check()
    else:
        page.locator("#answer").fill(text)
    page.click("#answer-form button[type=submit]")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", TYPES)
def test_each_type_wrong_then_right(page: Page, shot: Shot, kind: str, lang: str) -> None:
    question = _question(kind)
    variant = question.variant(SEED)
    wrong, right = _wrong_and_right(variant)
    page.goto(f"/practice/q/{question.id}?seed={SEED}&lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("data-ready", "1")

    _answer(page, kind, wrong)
    verdict = page.locator("#verdict-slot .verdict")
    expect(verdict).to_have_attribute("data-verdict", "incorrect")
    expect(verdict.locator("h2")).to_have_text(HEADINGS[lang][0])
    expect(verdict.locator(".diagnosis, .steps-report [aria-current=step]").first).to_be_visible()
    shot(f"{kind}-{lang}-wrong")

    _answer(page, kind, right)
    expect(verdict).to_have_attribute("data-verdict", "correct")
    expect(verdict.locator("h2")).to_have_text(HEADINGS[lang][1])
    explanation = verdict.locator("details.explanation")
    expect(explanation).to_have_attribute("open", "")
    expect(explanation.locator("summary")).to_have_text(WORKED_SOLUTION[lang])
    shot(f"{kind}-{lang}-right")
