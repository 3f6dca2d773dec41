"""The learning aids in Chromium: each figure is drawn (pixels on its canvas), a control
change redraws it with new numbers, a bad value shows the server's message."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quizapp.bank.loader import load_bank
from quizapp.config import DEFAULTS

BANK = load_bank(DEFAULTS["QUESTION_BANK_DIR"])
pytestmark = pytest.mark.browser
Shot = Callable[[str], Path]

# Painted pixels of every canvas inside the figure, and a checksum that changes when the
# drawing changes (uPlot draws on canvases too).
CANVAS_STATS = """
(figure) => {
  let painted = 0, checksum = 0;
  for (const canvas of figure.querySelectorAll("canvas")) {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    for (let k = 0; k < data.length; k += 4) {
      if (data[k + 3] > 0) painted++;
      checksum = (checksum * 31 + data[k] + 7 * data[k + 1] + 13 * data[k + 2]) % 1000000007;
    }
  }
  return { painted, checksum };
}
"""


def _drawn(page: Page, draws: int = 1) -> dict[str, int]:
    """Wait for the figure's ``draws``-th drawing; its canvas statistics."""
    figure = page.locator("#aid-figure")
    expect(figure).to_have_attribute("data-state", "drawn")
    expect(figure).to_have_attribute("data-draws", str(draws))
    return figure.evaluate(CANVAS_STATS)


def test_activation_explorer_draws_and_redraws(page: Page, shot: Shot) -> None:
    page.goto("/aids/activation-explorer?lang=en")
    first = _drawn(page)
    assert first["painted"] > 5000
    expect(page.locator("#aid-figure .uplot")).to_be_visible()
    expect(page.locator("#aid-caption")).to_contain_text("0.25")  # sigmoid's largest slope
    expect(page.locator('[data-field="alpha"]')).to_be_hidden()
    shot("sigmoid")

    page.select_option("#aid-function", "leaky_relu")
    second = _drawn(page, 2)
    assert second["checksum"] != first["checksum"]
    expect(page.locator("#aid-caption")).to_contain_text("x = 0")
    alpha = page.locator("#aid-alpha")
    expect(alpha).to_be_visible()
    alpha.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")  # α 0.1 → 0.3
    expect(page.locator('output[for="aid-alpha"]')).to_have_text("0.3")
    expect(page.locator("#aid-figure")).to_have_attribute("data-draws", re.compile(r"^[3-9]$"))
    expect(page).to_have_url(re.compile(r"alpha=0\.3"))
    third = page.locator("#aid-figure").evaluate(CANVAS_STATS)
    assert third["checksum"] != second["checksum"]
    shot("leaky-relu")


def test_loss_surface_draws_the_map_and_the_path(page: Page, shot: Shot) -> None:
    page.goto("/aids/sigmoid-loss-surface?lang=en")
    first = _drawn(page)
    canvas = page.locator("#aid-canvas")
    size = canvas.evaluate("c => c.width * c.height")
    assert first["painted"] > 0.8 * size  # the heat map fills the plot area
    readout = page.locator("#aid-step-readout")
    expect(readout).to_contain_text("step 60 of 60")
    shot("bce")
    end_loss = float(page.locator("#aid-figure").get_attribute("data-loss") or "nan")
    page.locator("#aid-step").focus()
    page.keyboard.press("Home")
    expect(readout).to_contain_text("step 0 of 60")
    start_loss = float(page.locator("#aid-figure").get_attribute("data-loss") or "nan")
    assert end_loss < start_loss

    canvas.click(position={"x": 46 + 502 * 0.75, "y": 12 + 448 * 0.75})  # w = 3, b = -3
    expect(page.locator("#aid-w0")).to_have_value(re.compile(r"^3(\.0)?$"))
    expect(page.locator("#aid-b0")).to_have_value(re.compile(r"^-3(\.0)?$"))
    clicked = _drawn(page, 2)
    assert clicked["checksum"] != first["checksum"]
    first = clicked

    page.select_option("#aid-loss", "mse")
    second = _drawn(page, 3)
    assert second["checksum"] != first["checksum"]
    page.fill("#aid-lr", "2")
    third = _drawn(page, 4)
    assert third["checksum"] != second["checksum"]
    shot("mse")

    page.fill("#aid-lr", "99")
    problem = page.locator("#aid-problem")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("between 0.001 and 20")
    expect(page.locator("#aid-figure")).to_have_attribute("data-state", "error")


def test_finite_difference_error_plot(page: Page, shot: Shot) -> None:
    page.goto("/aids/finite-difference-error?lang=en")
    first = _drawn(page)
    assert first["painted"] > 5000
    facts = page.locator("#aid-facts dd")
    slopes = [float(facts.nth(k).inner_text()) for k in (0, 1)]
    assert slopes[0] == pytest.approx(1.0, abs=0.05)
    assert slopes[1] == pytest.approx(2.0, abs=0.05)
    shot("sin")
    page.select_option("#aid-function", "sigmoid")
    second = _drawn(page, 2)
    assert second["checksum"] != first["checksum"]
    page.locator("#aid-x0").focus()
    page.keyboard.press("End")  # x0 = 5
    expect(page.locator("#aid-caption")).to_contain_text("f′(5)")
    shot("sigmoid")


@pytest.mark.parametrize(
    ("aid", "selector", "text"),
    [
        ("activation-explorer", "#aid-caption", "の最大値"),
        ("sigmoid-loss-surface", "#aid-step-readout", "ステップ 60 / 60"),
        ("finite-difference-error", "#aid-facts", "前進差分の傾き"),
    ],
    ids=["activation-explorer", "sigmoid-loss-surface", "finite-difference-error"],
)
def test_aid_in_japanese(page: Page, shot: Shot, aid: str, selector: str, text: str) -> None:
    page.goto(f"/aids/{aid}?lang=ja")
    assert _drawn(page)["painted"] > 5000
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator(selector)).to_contain_text(text)
    shot("ja")


def test_question_links_to_its_aid(page: Page) -> None:
    question = next(q for q in BANK.questions.values() if q.raw.get("aid"))
    page.goto(f"/practice/q/{question.id}?seed=2&lang=en")
    page.click(".aid-link a")
    expect(page).to_have_url(re.compile(rf"/aids/{question.raw['aid']}"))
    assert _drawn(page)["painted"] > 5000


@pytest.mark.parametrize(
    "aid", ["activation-explorer", "sigmoid-loss-surface", "finite-difference-error"]
)
def test_aid_fits_a_phone(page: Page, aid: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"/aids/{aid}?lang=ja")
    _drawn(page)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
