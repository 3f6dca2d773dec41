"""QA defects of the practice pages, each shown wrong and right over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

import quizapp
from quizapp.bank.loader import Question, load_bank

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
    assert words in between(html, '<article class="verdict', "</article>")
    if chain is not None:
        html = send(question_id, chain, lang=lang).get_data(as_text=True)
        assert verdict_of(html) == "correct"
        assert words not in between(html, '<article class="verdict', "</article>")


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "Write at least 2 steps"), ("ja", "少なくとも 2 ステップ")]
)
def test_steps_page_says_how_many_steps_before_answering(
    client: FlaskClient, lang: str, words: str
) -> None:
    html = client.get(f"/practice/q/act-steps-sigmoid?seed=0&lang={lang}").get_data(as_text=True)
    assert 'data-min-steps="2"' in html
    assert words in html
    other = client.get(f"/practice/q/act-relu-deriv?seed=0&lang={lang}").get_data(as_text=True)
    assert "data-min-steps" not in other


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


def page_text(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


@pytest.mark.parametrize(
    ("lang", "tag", "other_language_tag"),
    [("en", "activation functions", "活性化関数"), ("ja", "活性化関数", "activation functions")],
)
def test_question_tags_follow_the_page_language(
    client: FlaskClient, lang: str, tag: str, other_language_tag: str
) -> None:
    html = page_text(client, f"/practice/q/act-relu-deriv?seed=0&lang={lang}")
    tags = between(html, '<ul class="tags"', "</ul>")
    assert f"<li>{tag}</li>" in tags
    assert other_language_tag not in tags


@pytest.mark.parametrize(
    ("lang", "area", "other_language_area"),
    [
        ("en", "Mathematical foundations", "数学的基礎"),
        ("ja", "数学的基礎", "Mathematical foundations"),
    ],
)
def test_syllabus_areas_on_the_topic_list_follow_the_page_language(
    client: FlaskClient, lang: str, area: str, other_language_area: str
) -> None:
    html = page_text(client, f"/practice/?lang={lang}")
    cards = between(html, '<ul class="card-grid"', "</ul>")
    assert area in cards
    assert other_language_area not in cards


@pytest.mark.parametrize(
    ("path", "list_start"),
    [
        ("/practice/topic/activation", '<ol class="question-list"'),
        ("/aids/activation-explorer", '<ul class="question-list"'),
    ],
)
@pytest.mark.parametrize(
    ("lang", "title", "other_language"),
    [
        ("en", "Give the derivative of", "活性化関数"),
        ("ja", "を答えよ", "activation functions"),
    ],
)
def test_question_lists_show_titles_and_tags_in_the_page_language_not_ids(
    client: FlaskClient, path: str, list_start: str, lang: str, title: str, other_language: str
) -> None:
    listing = between(
        page_text(client, f"{path}?lang={lang}"),
        list_start,
        "</ul>" if "ul" in list_start else "</ol>",
    )
    assert 'data-question="act-relu-deriv"' in listing  # the id stays in the markup
    assert ">act-relu-deriv<" not in listing
    assert "<code>act-relu-deriv</code>" not in listing
    assert title in listing
    assert other_language not in listing


def _shown_code(html: str) -> str:
    diagnosis = between(html, '<p class="diagnosis"', "</p>")
    code = between(diagnosis, 'data-code="', '">')[len('data-code="') :]
    assert code
    assert f"({code})" not in html
    return code


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_diagnosis_code_is_data_not_text(
    send: Send,
    question_of: Callable[[str], Question],
    correct_key: Callable[[Question, int], str],
    lang: str,
) -> None:
    formula = send("bp-zt-db2", "np.sum(da2)", lang=lang).get_data(as_text=True)
    assert _shown_code(formula) == "summed_wrong_axis"
    choice = question_of("choice")
    wrong = next(key for key in "abcd" if key != correct_key(choice, 0))
    assert _shown_code(send(choice.id, wrong, lang=lang).get_data(as_text=True))


@pytest.mark.parametrize(
    ("lang", "own_words", "other_words"),
    [("ja", "使えません", "cannot be used"), ("en", "cannot be used", "使えません")],
)
@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/api/v1/check/expression", {"answer": "x", "reference": "f'(x)"}),
        ("/api/v1/check/steps", {"steps": ["x", "x"], "reference": "f'(x)"}),
    ],
)
def test_unreadable_reference_is_explained_in_one_language(
    client: FlaskClient, path: str, payload: dict, lang: str, own_words: str, other_words: str
) -> None:
    response = client.post(f"{path}?lang={lang}", json=payload)
    result = response.get_json()
    assert result["verdict"] == "invalid"
    assert own_words in result["message"]
    assert other_words not in result["message"]


def test_every_tag_of_the_bank_has_an_english_name() -> None:
    bank = load_bank(Path(quizapp.__file__).parent / "questions")
    tags = {tag for question in bank.questions.values() for tag in question.raw["tags"]}
    assert tags - bank.tag_names.keys() == set()
    assert bank.tag_name("活性化関数", "en") == "activation functions"
    assert bank.tag_name("活性化関数", "ja") == "活性化関数"
    assert bank.tag_name("no-such-tag", "en") == "no-such-tag"
