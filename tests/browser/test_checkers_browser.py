"""The free checkers and the language switch in Chromium; hostile input stays inert."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
Shot = Callable[[str], Path]


def _fail_on_dialog(page: Page) -> list[str]:
    dialogs: list[str] = []

    def record(dialog) -> None:  # noqa: ANN001  (playwright Dialog)
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def test_expression_checker_with_definitions(page: Page, shot: Shot) -> None:
    page.goto("/checkers/expression?lang=en")
    page.fill("#reference", "diff(sigmoid(x), x)")
    page.fill("#definitions", "y = sigmoid(x)")
    page.fill("#answer", "y*(1 - y)")
    expect(page.locator("[data-preview]")).to_have_attribute("data-state", "ok")
    page.locator("#answer").press("Enter")
    expect(page.locator("#checker-result .verdict")).to_have_attribute("data-verdict", "correct")
    shot("expression")


def test_steps_checker_marks_the_first_broken_step(page: Page, shot: Shot) -> None:
    page.goto("/checkers/steps?lang=en")
    page.fill(
        "#steps",
        "diff(x**2*sin(x), x)\n2*x*sin(x) + x**2*cos(x)\n2*x*sin(x) - x**2*cos(x)\nx",
    )
    page.locator("#steps").press("Control+Enter")
    broken = page.locator(".steps-report li.broken")
    expect(broken).to_have_count(1)
    expect(broken).to_contain_text("2*x*sin(x) - x**2*cos(x)")
    expect(broken.locator(".counterexample")).to_be_visible()
    shot("steps")


def test_gradient_checker_switches_network_and_judges(page: Page, shot: Shot) -> None:
    page.goto("/checkers/gradient?lang=en")
    page.select_option("#network-choice", "coursera-shallow")
    expect(page.locator('input[name="network"]')).to_have_value("coursera-shallow")
    expect(page.locator(".network-facts")).to_contain_text("A1")
    page.select_option("#target", "dW1")
    page.fill("#answer", "X.T @ dZ1 / m")
    page.locator("#answer").press("Enter")
    result = page.locator("#checker-result .verdict")
    expect(result).to_have_attribute("data-verdict", "invalid")
    expect(result.locator("mark")).to_have_text("X.T @ dZ1")
    shot("gradient-shape-error")
    page.fill("#answer", "dZ1 @ X.T / m")
    page.locator("#answer").press("Enter")
    expect(result).to_have_attribute("data-verdict", "correct")


def test_hostile_input_is_inert(page: Page) -> None:
    dialogs = _fail_on_dialog(page)
    page.goto("/checkers/expression?lang=en")
    page.fill("#reference", "x")
    page.fill("#definitions", "y = x")
    page.fill("#answer", "<img src=x onerror=alert(1)>")
    page.locator("#answer").press("Enter")
    expect(page.locator("#checker-result .verdict")).to_have_attribute("data-verdict", "invalid")
    page.goto("/checkers/expression?lang=en")
    page.locator('input[name="format"][value="latex"]').check()
    page.fill("#answer", r"\href{javascript:alert(1)}{x}")
    expect(page.locator("[data-preview]")).to_have_attribute("data-state", "error")
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0


def test_language_switch_is_remembered(page: Page, shot: Shot) -> None:
    page.goto("/")
    expect(page.locator(".site-nav")).to_contain_text("問題演習")
    page.click("text=English")
    expect(page.locator(".site-nav")).to_contain_text("Practice")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.click(".site-nav >> text=Checkers")
    expect(page.locator("h1")).to_have_text("Free checkers")
    shot("english")
    page.click("text=日本語")
    expect(page.locator("h1")).to_have_text("無料チェッカー")


KATEX_PROBE = """async ([first, second]) => {
  const math = await import('/static/js/math.js');
  const a = document.createElement('span');
  const b = document.createElement('span');
  const started = performance.now();
  const drewFirst = math.renderTex(first, a);
  const drewSecond = math.renderTex(second, b);
  return {
    drewFirst, drewSecond, ms: performance.now() - started,
    secondText: b.textContent, links: a.querySelectorAll('a').length + b.querySelectorAll('a').length,
  };
}"""


@pytest.mark.parametrize(
    ("first", "second", "drawn"),
    [
        (r"\gdef\x{PWNED}", r"\x", (True, False)),  # a macro never leaks into other math
        (r"\def\a{\a\a}\a", r"y^2", (False, True)),  # expansion bomb stops quickly
        (r"\href{javascript:alert(1)}{x}", r"\url{https://evil.example}", (True, True)),
        (r"\rule{1000em}{1000em}", r"x", (True, True)),
    ],
)
def test_katex_runs_untrusted_and_isolated(
    page: Page, first: str, second: str, drawn: tuple[bool, bool]
) -> None:
    page.goto("/checkers/")
    result = page.evaluate(KATEX_PROBE, [first, second])
    assert (result["drewFirst"], result["drewSecond"]) == drawn
    assert "PWNED" not in result["secondText"]
    assert result["links"] == 0
    assert result["ms"] < 500
