"""A free derivation chain (no reference): judged on its links alone, through the steps
checker page and ``POST /api/v1/check/steps``, right chains as hard as wrong ones."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.extensions import db
from quizapp.verdicts import steps_verdict

SOUND = [
    ["(x+1)**2", "x**2 + 2*x + 1", "x*(x + 2) + 1"],
    ["sin(x)**2 + cos(x)**2", "1"],
    ["diff(x**3, x)", "3*x**2"],
    ["exp(log(x)) * 2", "2*x"],
]
BROKEN = [
    # (chain, index of the first broken step)
    (["(x+1)**2", "x**2 + x + 1", "x*(x + 1) + 1"], 1),
    (["(x+1)**2", "x**2 + 2*x + 1", "x**2 + 2*x"], 2),
    (["diff(x**3, x)", "3*x**2", "3*x"], 2),
    (["sin(x)**2 + cos(x)**2", "0", "0"], 1),
]
CHAIN_OK = {
    "en": "Every step follows from the previous one.",
    "ja": "どのステップも直前の式から正しく導かれています。",
}


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """The app with a generous grading deadline: a cold checker on a busy machine must not
    turn these verdicts into ``undetermined`` (the deadline has its own tests)."""
    application = make_app(GRADING_DEADLINE_S=30.0)
    with application.app_context():
        db.create_all()
    return application


def _api(client: FlaskClient, steps: list[str], lang: str = "en") -> dict:
    response = client.post(
        "/api/v1/check/steps", json={"steps": steps}, headers={"Accept-Language": lang}
    )
    assert response.status_code == 200
    return response.get_json()


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("steps", SOUND)
def test_api_sound_free_chain_is_correct(client: FlaskClient, steps: list[str], lang: str) -> None:
    result = _api(client, steps, lang)
    assert result["verdict"] == "correct"
    assert result["message"] == CHAIN_OK[lang]
    assert result["first_broken"] is None
    assert [step["status"] for step in result["steps"]] == ["equivalent"] * len(steps)


@pytest.mark.parametrize(("steps", "broken"), BROKEN)
def test_api_broken_free_chain_names_the_first_broken_step(
    client: FlaskClient, steps: list[str], broken: int
) -> None:
    result = _api(client, steps)
    assert result["verdict"] == "incorrect"
    assert result["first_broken"] == broken
    assert result["steps"][broken]["status"] == "not_equivalent"
    assert result["steps"][broken]["counterexample"]
    assert result["message"] != CHAIN_OK["en"]


def test_api_single_line_without_start_has_nothing_to_compare(client: FlaskClient) -> None:
    result = _api(client, ["x**2"])
    assert result["verdict"] == "undetermined"
    assert "two or more lines" in result["message"]


@pytest.mark.parametrize(("start", "verdict"), [("(x+1)**2", "correct"), ("(x-1)**2", "incorrect")])
def test_api_single_line_is_compared_with_the_start(
    client: FlaskClient, start: str, verdict: str
) -> None:
    response = client.post("/api/v1/check/steps", json={"steps": ["x**2+2*x+1"], "start": start})
    assert response.get_json()["verdict"] == verdict


def test_api_invalid_line_in_a_free_chain_is_invalid(client: FlaskClient) -> None:
    assert _api(client, ["x**2", "x**", "x**2"])["verdict"] == "invalid"


@pytest.mark.parametrize(
    ("statuses", "first_broken", "anchored", "final_ok", "expected"),
    [
        (["equivalent", "equivalent"], None, False, None, "correct"),
        (["equivalent", "undetermined"], None, False, None, "undetermined"),
        (["equivalent", "undetermined", "not_equivalent"], 2, False, None, "incorrect"),
        (["equivalent", "equivalent"], None, True, None, "undetermined"),
        (["equivalent", "equivalent"], None, True, True, "correct"),
        (["equivalent", "equivalent"], None, True, False, "incorrect"),
        (["equivalent", "invalid"], 1, False, None, "invalid"),
    ],
)
def test_steps_verdict_rules(
    statuses: list[str],
    first_broken: int | None,
    anchored: bool,
    final_ok: bool | None,
    expected: str,
) -> None:
    report = {
        "steps": [{"status": status} for status in statuses],
        "first_broken": first_broken,
        "final_ok": final_ok,
    }
    assert steps_verdict(report, anchored=anchored) == expected


@pytest.fixture
def post_steps(client: FlaskClient, form_token: Callable[[str], str]) -> Callable[..., str]:
    """``post_steps(lines, lang)``: the steps checker page's result block."""

    def send(lines: list[str], lang: str = "en") -> str:
        path = f"/checkers/steps?lang={lang}"
        data = {"csrf_token": form_token(path), "steps": "\n".join(lines)}
        response = client.post(path, data=data)
        assert response.status_code == 200
        return response.get_data(as_text=True).split('id="checker-result"', 1)[1]

    return send


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("steps", SOUND)
def test_page_sound_free_chain_is_correct(
    post_steps: Callable[..., str], steps: list[str], lang: str
) -> None:
    result = post_steps(steps, lang)
    assert 'data-verdict="correct"' in result
    assert CHAIN_OK[lang] in result
    assert re.findall(r'<li class="(\w+)"', result) == ["ok"] * len(steps)
    assert "We could not decide" not in result
    assert "判定できませんでした" not in result


@pytest.mark.parametrize(("steps", "broken"), BROKEN)
def test_page_broken_free_chain_highlights_the_first_broken_step(
    post_steps: Callable[..., str], steps: list[str], broken: int
) -> None:
    result = post_steps(steps)
    assert 'data-verdict="incorrect"' in result
    items = re.findall(r'<li class="(\w+)"', result)
    assert items.index("broken") == broken
    assert items[:broken] == ["ok"] * broken
    assert CHAIN_OK["en"] not in result
    assert 'class="counterexample"' in result
