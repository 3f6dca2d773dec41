"""The free checker pages over HTTP: forms, results, form problems, escaping."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

Post = Callable[..., TestResponse]


@pytest.fixture
def post(client: FlaskClient, form_token: Callable[[str], str]) -> Post:
    """``post(checker, lang="en", **fields)``: submit a checker form with its CSRF token."""

    def send(checker: str, lang: str = "en", **fields: str) -> TestResponse:
        path = f"/checkers/{checker}?lang={lang}"
        return client.post(path, data={"csrf_token": form_token(path), **fields})

    return send


def _result(response: TestResponse) -> str:
    html = response.get_data(as_text=True)
    return html.split('id="checker-result"', 1)[1]


@pytest.mark.parametrize(
    "path", ["/checkers/", "/checkers/expression", "/checkers/steps", "/checkers/gradient"]
)
def test_checker_pages_render_with_labelled_fields(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for field_id in re.findall(r'<(?:input|textarea|select) id="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id


@pytest.mark.parametrize(
    ("network", "target", "names"),
    [
        ("zerotsuku-two-layer", "dW1", ["x", "W1", "a1", "N"]),
        ("coursera-shallow", "dW1", ["X", "W1", "Z1", "m"]),
    ],
)
def test_gradient_page_shows_the_networks_names_and_shapes(
    client: FlaskClient, network: str, target: str, names: list[str]
) -> None:
    html = client.get(f"/checkers/gradient?network={network}&target={target}").get_data(
        as_text=True
    )
    for name in names:
        assert f"<td><code>{name}</code></td>" in html
    assert f'<option value="{target}" selected>' in html
    assert f'name="network" value="{network}"' in html


def test_unknown_network_falls_back_to_the_first_preset(client: FlaskClient) -> None:
    html = client.get("/checkers/gradient?network=nope").get_data(as_text=True)
    assert 'name="network" value="zerotsuku-two-layer"' in html


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("dZ1 @ X.T / m", "correct"),
        ("dZ1 @ X.T", "incorrect"),
        ("X.T @ dZ1 / m", "invalid"),
    ],
)
def test_gradient_checker_judges_the_formula(post: Post, answer: str, verdict: str) -> None:
    response = post("gradient", network="coursera-shallow", target="dW1", answer=answer)
    assert response.status_code == 200
    assert f'data-verdict="{verdict}"' in _result(response)


def test_gradient_checker_highlights_the_broken_span(post: Post) -> None:
    result = _result(
        post("gradient", network="coursera-shallow", target="dW1", answer="X.T @ dZ1 / m")
    )
    assert '<code class="error-span"><mark>' in result


@pytest.mark.parametrize(
    ("checker", "fields", "problem"),
    [
        ("expression", {"answer": "y", "reference": ""}, "Fill in both"),
        ("expression", {"answer": "y", "reference": "x", "definitions": "y sigmoid(x)"}, "line 1"),
        (
            "expression",
            {"answer": "y", "reference": "x", "definitions": "y=x\ny=x"},
            "defined twice",
        ),
        ("expression", {"answer": "y", "reference": "x", "variables": "x, 2b"}, "2b"),
        ("steps", {"steps": "x**2"}, "at least two lines"),
        ("steps", {"steps": "\n".join(["x"] * 31)}, "at most 30"),
        ("gradient", {"network": "nope", "target": "dW1", "answer": "x"}, "preset networks"),
        (
            "gradient",
            {"network": "coursera-shallow", "target": "dW9", "answer": "x"},
            "gradient of this network",
        ),
        (
            "gradient",
            {"network": "coursera-shallow", "target": "dW1", "answer": " "},
            "Type the formula",
        ),
        (
            "gradient",
            {"network": "coursera-shallow", "target": "dW1", "answer": "x" * 2001},
            "too long",
        ),
    ],
)
def test_unreadable_forms_are_explained_with_422(
    post: Post, checker: str, fields: dict[str, str], problem: str
) -> None:
    response = post(checker, **fields)
    assert response.status_code == 422
    assert problem in _result(response)
    assert 'id="form-problems"' in _result(response)


def test_form_problems_are_in_japanese_by_default(post: Post) -> None:
    result = _result(post("steps", lang="ja", steps="x"))
    assert "最低2行" in result


@pytest.mark.parametrize(
    ("checker", "fields"),
    [
        (
            "gradient",
            {"network": "coursera-shallow", "target": "dW1", "answer": "<script>alert(1)</script>"},
        ),
        (
            "expression",
            {"answer": "y", "reference": "x", "definitions": '"><img src=x onerror=alert(1)>'},
        ),
        ("steps", {"steps": "<svg onload=alert(1)>", "definitions": "<b>=1"}),
    ],
)
def test_learner_text_is_rendered_inert(post: Post, checker: str, fields: dict[str, str]) -> None:
    html = post(checker, **fields).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<svg onload" not in html
    assert "&lt;" in html


def test_steps_checker_highlights_the_first_broken_step(post: Post) -> None:
    steps = "diff(x**2*sin(x), x)\n2*x*sin(x) + x**2*cos(x)\n2*x*sin(x) - x**2*cos(x)"
    result = _result(post("steps", steps=steps))
    assert 'data-verdict="incorrect"' in result
    items = re.findall(r'<li class="(\w+)"', result)
    assert items == ["ok", "ok", "broken"]
    assert 'aria-current="step"' in result
    assert 'class="counterexample"' in result


def test_steps_checker_accepts_a_sound_derivation(post: Post) -> None:
    steps = "diff(x**2*sin(x), x)\n2*x*sin(x) + x**2*cos(x)"
    result = _result(post("steps", steps=steps))
    assert re.findall(r'<li class="(\w+)"', result) == ["ok", "ok"]
    assert "broken" not in result
