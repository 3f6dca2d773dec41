"""Hints in Chromium: the hint button reloads the page with the next hint and the chosen
option kept (with and without JavaScript); the answer then counts the hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quizapp.bank.loader import Question, load_bank
from quizapp.config import DEFAULTS
from quizapp.practice.hints import hints_for
from tests.browser.accounts import register

BANK = load_bank(DEFAULTS["QUESTION_BANK_DIR"])
SEED = 2
pytestmark = pytest.mark.browser
Shot = Callable[[str], Path]


def _hinted_choice() -> Question:
    """The first parameter-free choice question with a hint in both languages."""
    return next(
        q
        for q in BANK.filter(type="choice")
        if not q.has_params and all(hints_for(q.variant(SEED), lang) for lang in ("ja", "en"))
    )


def _hint_then_answer(page: Page, question: Question) -> None:
    """Pick the right option, open the first hint, check that it shows, submit."""
    variant = question.variant(SEED)
    page.goto(f"/practice/q/{question.id}?seed={SEED}&lang=en")
    option = page.locator(f'input[name="answer"][value="{variant.reference}"]')
    option.check()
    page.click("button[name=hint]")
    expect(page.locator("#hints li")).to_have_count(1)
    expect(page.locator("#hints")).to_contain_text("Hints")
    expect(option).to_be_checked()
    expect(page.locator('input[name="hints_used"]')).to_have_value("1")
    page.click("#answer-form button[type=submit] >> nth=0")
    expect(page.locator(".verdict")).to_have_attribute("data-verdict", "correct")


def test_hint_with_javascript_is_counted_in_the_stored_attempt(page: Page, shot: Shot) -> None:
    register(page, "hinted1")
    question = _hinted_choice()
    _hint_then_answer(page, question)
    shot("hint-then-right")
    attempts = page.request.get("/api/v1/attempts").json()["attempts"]
    assert [(a["question_id"], a["hints_used"]) for a in attempts] == [(question.id, 1)]


def test_hint_works_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    page = context.new_page()
    _hint_then_answer(page, _hinted_choice())
    context.close()
