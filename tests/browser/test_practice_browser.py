"""A learner in Chromium: register, log in, answer wrongly then rightly with the live
preview, use the visual editor, answer without JavaScript, on a phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quizapp.bank.loader import Question, load_bank
from quizapp.config import DEFAULTS
from tests.browser.accounts import PASSWORD, register

BANK = load_bank(DEFAULTS["QUESTION_BANK_DIR"])
pytestmark = pytest.mark.browser
Shot = Callable[[str], Path]


def _question(kind: str) -> Question:
    """A question of ``kind``, preferring no parameters, math in the prompt, and a listed
    mistake (the first such question of the bank)."""

    def drawbacks(q: Question) -> tuple[bool, bool, bool]:
        return (q.has_params, "$" not in q.raw["prompt"]["ja"], not q.raw.get("mistakes"))

    return min(BANK.filter(type=kind), key=drawbacks)


def _register_and_log_in(page: Page, name: str) -> None:
    register(page, name)
    page.click("text=Log out")
    expect(page.locator(".user-nav")).to_contain_text("Log in")
    page.goto("/auth/login")
    page.fill("#login", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator(".username")).to_have_text(name)


def test_register_log_in_and_answer_wrongly_then_rightly(page: Page, shot: Shot) -> None:
    _register_and_log_in(page, "learner1")
    question = _question("expression")
    variant = question.variant(0)
    page.goto(f"/practice/q/{question.id}?seed=0")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator(".prompt .katex").first).to_be_visible()

    answer = page.locator("#answer")
    answer.fill(str(variant.mistakes[0]["answer"]))
    preview = page.locator("[data-preview]")
    expect(preview).to_have_attribute("data-state", "ok")
    expect(preview.locator(".katex")).to_be_visible()
    shot("preview")
    answer.press("Enter")
    verdict = page.locator("#verdict-slot .verdict")
    expect(verdict).to_have_attribute("data-verdict", "incorrect")
    expect(verdict.locator(".diagnosis")).to_be_visible()
    expect(page.locator("#verdict-slot")).to_be_focused()
    shot("wrong")

    answer.fill(variant.reference)
    expect(preview).to_have_attribute("data-state", "ok")
    page.click("#answer-form button[type=submit]")
    expect(verdict).to_have_attribute("data-verdict", "correct")
    expect(verdict.locator("details.explanation")).to_have_attribute("open", "")
    shot("right")
    page.click("text=Next question")
    expect(page).to_have_url(re.compile(r"/practice/q/[\w-]+\?seed=\d+$"))


def test_invalid_answer_shows_the_message_and_marks_the_span(page: Page, shot: Shot) -> None:
    question = _question("expression")
    page.goto(f"/practice/q/{question.id}?seed=0&lang=en")
    page.locator("#answer").fill("2*(x + ")
    preview = page.locator("[data-preview]")
    expect(preview).to_have_attribute("data-state", "error")
    expect(preview.locator("mark")).to_be_visible()
    shot("invalid-preview")


def test_visual_editor_sends_latex(page: Page, shot: Shot) -> None:
    question = _question("expression")
    page.goto(f"/practice/q/{question.id}?seed=0&lang=en")
    toggle = page.locator("[data-mathfield-toggle]")
    toggle.click()
    field = page.locator("math-field")
    expect(field).to_be_visible()
    field.focus()  # not click(): MathLive may drop the first keys after a click
    page.keyboard.type("x^2")
    expect(page.locator("#answer")).to_have_value(re.compile(r"x\^\{?2\}?"))
    expect(page.locator('input[name="format"][value="latex"]')).to_be_checked()
    expect(page.locator("[data-preview]")).to_have_attribute("data-state", re.compile("ok|error"))
    shot("mathlive")
    page.keyboard.press("Enter")  # Enter in the visual editor submits, as in the text box
    expect(page.locator("#verdict-slot .verdict")).to_have_attribute("data-verdict", "incorrect")
    toggle.click()
    expect(page.locator("#answer")).to_be_visible()
    expect(page.locator("#answer")).to_be_focused()


@pytest.mark.parametrize("kind", ["choice", "gradient", "numeric", "code", "steps"])
def test_each_question_type_can_be_answered(page: Page, shot: Shot, kind: str) -> None:
    question = _question(kind)
    variant = question.variant(3)
    page.goto(f"/practice/q/{question.id}?seed=3&lang=en")
    if kind == "choice":
        page.locator(f'input[name="answer"][value="{variant.reference}"]').check()
    elif kind == "steps":
        page.locator("#answer").fill("\n".join(variant.data["steps"]))
    else:
        page.locator("#answer").fill(variant.reference)
    page.click("#answer-form button[type=submit]")
    expect(page.locator("#verdict-slot .verdict")).to_have_attribute("data-verdict", "correct")
    shot(kind)


def test_form_works_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server, locale="ja-JP")
    offsite: list[str] = []
    context.on(
        "request", lambda r: None if r.url.startswith(live_server) else offsite.append(r.url)
    )
    page = context.new_page()
    question = _question("choice")
    variant = question.variant(5)
    page.goto(f"/practice/q/{question.id}?seed=5")
    wrong = next(key for key in "abcd" if key != variant.reference)
    page.locator(f'input[name="answer"][value="{wrong}"]').check()
    page.click("#answer-form button[type=submit]")
    expect(page.locator(".verdict")).to_have_attribute("data-verdict", "incorrect")
    expect(page.locator(f'input[name="answer"][value="{wrong}"]')).to_be_checked()
    expect(page.locator(".prompt .math").first).to_be_visible()  # readable TeX without KaTeX
    context.close()
    assert offsite == []


def test_phone_layout_has_no_sideways_scroll(page: Page, shot: Shot) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    question = _question("gradient")
    page.goto(f"/practice/q/{question.id}?seed=0")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot("phone")


def test_keyboard_only_answer(page: Page) -> None:
    question = _question("numeric")
    page.goto(f"/practice/q/{question.id}?seed=0&lang=en")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "answer":
            break
    expect(page.locator("#answer")).to_be_focused()
    page.keyboard.type(question.variant(0).reference)
    page.keyboard.press("Enter")
    expect(page.locator("#verdict-slot .verdict")).to_have_attribute("data-verdict", "correct")


def test_refused_submission_keeps_the_typed_answer(page: Page) -> None:
    question = _question("gradient")
    page.goto(f"/practice/q/{question.id}?seed=0&lang=en")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    page.locator('input[name="csrf_token"]').evaluate("input => { input.value = 'stale' }")
    page.fill("#answer", "my long derivation")
    page.locator("#answer").press("Enter")
    expect(page.locator("#verdict-slot")).to_contain_text("HTTP 400")
    expect(page.locator("#answer")).to_have_value("my long derivation")
    assert "/practice/q/" in page.url


def test_answering_still_works_when_the_vendored_files_fail(page: Page) -> None:
    page.route("**/static/vendor/**", lambda route: route.abort())
    question = _question("expression")
    variant = question.variant(0)
    page.goto(f"/practice/q/{question.id}?seed=0&lang=en")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator(".prompt .math").first).not_to_be_empty()  # readable TeX text
    assert page.locator(".katex").count() == 0
    page.fill("#answer", variant.reference)
    expect(page.locator("[data-preview] .preview-math")).not_to_be_empty()  # LaTeX as text
    page.locator("#answer").press("Enter")
    expect(page.locator("#verdict-slot .verdict")).to_have_attribute("data-verdict", "correct")
