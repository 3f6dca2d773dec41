"""QA defects of the practice pages, each shown wrong and right over HTTP."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

Send = Callable[..., TestResponse]


@pytest.fixture
def send(client: FlaskClient, form_token: Callable[[str], str]) -> Send:
    """``send(question_id, answer, seed=0, lang="en")``: post that question's form."""

    def post(question_id: str, answer: str, seed: int = 0, lang: str = "en") -> TestResponse:
        path = f"/practice/q/{question_id}?seed={seed}&lang={lang}"
        data = {"csrf_token": form_token(path), "seed": str(seed), "answer": answer}
        return client.post(path, data=data)

    return post


def verdict_of(html: str) -> str:
    marker = 'data-verdict="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.mark.parametrize(
    ("question_id", "final_only", "chain"),
    [
        (
            "act-steps-sigmoid",
            "sigmoid(x)*(1-sigmoid(x))",
            "exp(-x)/(1+exp(-x))^2\nsigmoid(x)*(1-sigmoid(x))",
        ),
        ("loss-steps-softmax-ce", "y_2 - 1", None),
    ],
)
@pytest.mark.parametrize(
    ("lang", "words"), [("en", "at least 2 steps"), ("ja", "少なくとも 2 ステップ")]
)
def test_steps_question_needs_a_derivation_not_the_final_answer_alone(
    send: Send, question_id: str, final_only: str, chain: str | None, lang: str, words: str
) -> None:
    html = send(question_id, final_only, lang=lang).get_data(as_text=True)
    assert verdict_of(html) == "invalid"
    assert words in html
    if chain is not None:
        html = send(question_id, chain, lang=lang).get_data(as_text=True)
        assert verdict_of(html) == "correct"
        assert words not in html


def network_facts(html: str) -> str:
    start = html.index('<section class="network-facts"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(
    ("question_id", "banned", "shortcut", "right"),
    [
        ("act-grad-relu-da2-two-steps", "dz2", "dz2 * (a2 > 0)", "(da3 @ W3.T) * (a2 > 0)"),
        ("cr-grad-zt-da1-two-steps", "dz1", "dz1 * z1 * (1 - z1)", None),
        ("bp-zt-dz1-expanded", "da2", "da2 @ W2.T", "(y - t) @ W2.T / N"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_question_forbidden_name_is_invalid_and_not_listed_as_usable(
    client: FlaskClient,
    send: Send,
    question_id: str,
    banned: str,
    shortcut: str,
    right: str | None,
    lang: str,
) -> None:
    page = client.get(f"/practice/q/{question_id}?seed=0&lang={lang}").get_data(as_text=True)
    assert f"<code>{banned}</code>" not in network_facts(page)
    html = send(question_id, shortcut, lang=lang).get_data(as_text=True)
    assert verdict_of(html) == "invalid"
    assert f"`{banned}`" in html or f"<code>{banned}</code>" in html
    if right is not None:
        assert verdict_of(send(question_id, right, lang=lang).get_data(as_text=True)) == "correct"


def test_forbidden_names_leave_other_questions_alone(client: FlaskClient) -> None:
    """The same preset and target without ``forbid_names`` still lists and accepts ``dz2``."""
    page = client.get("/checkers/gradient?network=relu-three-layer&target=da2&lang=en")
    assert "<code>dz2</code>" in network_facts(page.get_data(as_text=True))


BROKEN_SECOND = "exp(-x)/(1+exp(-x))^2\nexp(x)\nsigmoid(x)*(1-sigmoid(x))"


@pytest.mark.parametrize(
    ("lang", "header", "broken_line", "zero_based"),
    [
        ("ja", "ステップ 2 で", "— ステップ 2 は", "ステップ 0"),
        ("en", "breaks at step 2", "— Step 2 ", "Step 0"),
    ],
)
def test_step_numbers_on_the_page_count_from_one_like_the_list(
    send: Send, lang: str, header: str, broken_line: str, zero_based: str
) -> None:
    html = send("act-steps-sigmoid", BROKEN_SECOND, lang=lang).get_data(as_text=True)
    assert verdict_of(html) == "incorrect"
    message = html[html.index('class="verdict-message"') :]
    assert header in message[: message.index("</p>")]
    broken = html[html.index('aria-current="step"') :]
    assert broken_line in broken[: broken.index("</li>")]
    assert zero_based not in html


def test_api_step_messages_count_from_one_and_first_broken_stays_an_index(
    client: FlaskClient,
) -> None:
    response = client.post(
        "/api/v1/check/steps?lang=en",
        json={"steps": ["x**2 + 2*x + 1", "(x + 1)**2", "x**2"]},
    )
    result = response.get_json()
    assert result["first_broken"] == 2
    assert result["steps"][2]["message"].startswith("Step 3 ")
    assert "step 2" in result["steps"][2]["message"]
    assert "step 3" in result["message"]
