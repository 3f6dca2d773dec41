"""A learner in Chromium: practise one question, take a short mock exam, reload in the
middle (answers kept, timer from the server), hand in, read the result, and see the
dashboard charts drawn by Chart.js from the page's JSON block."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from quizapp.bank.loader import load_bank
from quizapp.config import DEFAULTS
from tests.browser.accounts import register

BANK = load_bank(DEFAULTS["QUESTION_BANK_DIR"])
pytestmark = pytest.mark.browser
Shot = Callable[[str], Path]
CHARTS = ("chart-mastery", "chart-forecast", "chart-activity", "chart-exams")


def _practise_one(page: Page) -> None:
    question = BANK.filter(type="choice")[0]
    page.goto(f"/practice/q/{question.id}?seed=0")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    page.locator("input[name=answer]").first.check()
    page.click("#answer-form button[type=submit]")
    expect(page.locator("#verdict-slot")).not_to_be_empty()


def _answer(question: Locator, text: str) -> None:
    radios = question.locator("input[type=radio]")
    if radios.count():
        radios.first.check()  # saved at once by exam.js
    else:
        question.locator("input[type=text]").fill(text)
        question.locator("button[type=submit]").click()
    expect(question.locator(".save-status")).to_have_text("Saved")


def test_mock_exam_reload_result_and_dashboard_charts(page: Page, shot: Shot) -> None:
    register(page, "examtaker")
    _practise_one(page)
    page.goto("/exam/?lang=en")
    page.click("main form button[type=submit]")  # the 10-question preset is preselected
    expect(page.locator("#exam-timer")).to_be_visible()
    questions = page.locator(".exam-question")
    expect(questions).to_have_count(10)
    for i in range(3):
        _answer(questions.nth(i), "1")
    expect(page.locator("#exam-answered")).to_have_text("3")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    url = page.url
    before = int(page.locator("#exam-timer").get_attribute("data-remaining"))
    shot("exam-before-reload")

    page.reload()
    assert page.url == url
    expect(page.locator("#exam-answered")).to_have_text("3")
    for i in range(3):
        question = questions.nth(i)
        radios = question.locator("input[type=radio]")
        if radios.count():
            expect(radios.first).to_be_checked()
        else:
            expect(question.locator("input[type=text]")).to_have_value("1")
    after = int(page.locator("#exam-timer").get_attribute("data-remaining"))
    assert 0 <= before - after <= 60  # the server's clock, not the page's, counts down
    _answer(questions.nth(3), "2")

    page.click("#exam-finish")
    expect(page.locator("#exam-score")).to_contain_text("/ 10")
    expect(page.locator("#area-scores tbody tr").first).to_be_visible()
    expect(page.locator(".exam-wrong").first).to_be_visible()  # at least the 6 unanswered
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    shot("exam-result")

    page.goto("/progress/?lang=en")
    for chart in CHARTS:
        expect(page.locator(f"#{chart}")).to_have_attribute("data-drawn", "1")
        drawn = page.evaluate(
            "(id) => { const c = window.Chart.getChart(document.getElementById(id));"
            " return c ? c.data.datasets[0].data.length : -1; }",
            chart,
        )
        assert drawn > 0
    # the practice answer plus the exam's graded answers (an invalid one would not count)
    assert 2 <= int(page.locator("#stat-attempts").inner_text()) <= 5
    expect(page.locator("#exam-table tbody tr")).to_have_count(1)
    shot("dashboard")
