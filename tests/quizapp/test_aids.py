"""Learning aids over the real app: the JSON numbers checked against independent
recomputations (numerical differences, closed forms), bad parameters, pages in ja and en."""

from __future__ import annotations

import json
import math
import re

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp import aid_data
from quizapp.bank.loader import load_bank
from quizapp.config import DEFAULTS, PACKAGE_DIR

AIDS = ("activation-explorer", "sigmoid-loss-surface", "finite-difference-error")
TITLES = {
    "activation-explorer": ("活性化関数エクスプローラ", "Activation function explorer"),
    "sigmoid-loss-surface": ("シグモイドニューロンの損失曲面", "Loss surface of a sigmoid neuron"),
    "finite-difference-error": ("数値微分の誤差", "Error of numerical differentiation"),
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# The dataset of the neuron, written out again so the test does not trust the module.
DATA_X = (-2.0, -1.0, -0.5, 0.5, 1.0, 1.5, 2.5)
DATA_T = (0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0)


def _json(client: FlaskClient, url: str, status: int = 200) -> dict:
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


# --- activation explorer -------------------------------------------------------------

ACTIVATION_CASES = [
    ("sigmoid", ""),
    ("tanh", ""),
    ("relu", ""),
    ("leaky_relu", "&alpha=0.2"),
    ("elu", "&alpha=1.3"),
    ("softplus", ""),
    ("swish", "&beta=1.7"),
    ("gelu", ""),
    ("identity", ""),
    ("step", ""),
]


@pytest.mark.parametrize(("name", "extra"), ACTIVATION_CASES)
@pytest.mark.parametrize("x", [-3.0, -0.7, 0.4, 2.5])
def test_activation_derivative_matches_central_difference(
    client: FlaskClient, name: str, extra: str, x: float
) -> None:
    """With x range [x − h, x + h] the ends are f(x ± h) and the middle point is f'(x)."""
    h = 1e-4
    data = _json(
        client, f"/aids/activation-explorer/data?function={name}{extra}&x_min={x - h}&x_max={x + h}"
    )
    middle = len(data["x"]) // 2
    assert data["x"][middle] == pytest.approx(x, abs=1e-12)
    numerical = (data["f"][-1] - data["f"][0]) / (2 * h)
    assert data["df"][middle] == pytest.approx(numerical, rel=1e-6, abs=1e-7)


@pytest.mark.parametrize(
    ("name", "extra", "x", "f", "df"),
    [
        ("sigmoid", "", 0.0, 0.5, 0.25),
        ("tanh", "", 0.0, 0.0, 1.0),
        ("leaky_relu", "&alpha=0.05", -2.0, -0.1, 0.05),
        ("elu", "&alpha=2", -1.0, 2 * (math.exp(-1) - 1), 2 * math.exp(-1)),
        ("softplus", "", 0.0, math.log(2), 0.5),
        ("swish", "&beta=1", 1.0, 1 / (1 + math.exp(-1)), None),
        ("gelu", "", 1.0, 0.5 * (1 + math.erf(1 / math.sqrt(2))), None),
    ],
)
def test_activation_values_match_closed_forms(
    client: FlaskClient, name: str, extra: str, x: float, f: float, df: float | None
) -> None:
    data = _json(
        client, f"/aids/activation-explorer/data?function={name}{extra}&x_min={x - 1}&x_max={x + 1}"
    )
    middle = len(data["x"]) // 2
    assert data["f"][middle] == pytest.approx(f, rel=1e-10, abs=1e-12)
    if df is not None:
        assert data["df"][middle] == pytest.approx(df, rel=1e-10)


def test_sigmoid_slope_peaks_at_a_quarter(client: FlaskClient) -> None:
    data = _json(client, "/aids/activation-explorer/data?function=sigmoid&x_min=-6&x_max=6")
    assert data["max_abs_df"] == pytest.approx(0.25)
    assert max(data["df"]) == pytest.approx(0.25)


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "step"])
def test_kink_has_no_derivative(client: FlaskClient, name: str) -> None:
    data = _json(client, f"/aids/activation-explorer/data?function={name}&x_min=-2&x_max=2")
    zero = data["x"].index(0.0)
    assert data["kinks"] == [0.0]
    assert data["df"][zero] is None
    assert None not in data["df"][:zero] + data["df"][zero + 1 :]


def test_parameters_not_used_by_the_function_are_not_echoed(client: FlaskClient) -> None:
    data = _json(client, "/aids/activation-explorer/data?function=tanh&alpha=0.5")
    assert data["params"] == {}
    data = _json(client, "/aids/activation-explorer/data?function=elu&alpha=0.5")
    assert data["params"] == {"alpha": 0.5}


# --- finite differences ---------------------------------------------------------------

EXACT = {
    "sin": (math.sin, math.cos),
    "exp": (math.exp, math.exp),
    "sigmoid": (
        lambda x: 1 / (1 + math.exp(-x)),
        lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2,
    ),
}


@pytest.mark.parametrize("function", sorted(EXACT))
@pytest.mark.parametrize("x0", [1.0, -0.6, 2.2])
def test_difference_errors_have_the_textbook_slopes(
    client: FlaskClient, function: str, x0: float
) -> None:
    data = _json(client, f"/aids/finite-difference-error/data?function={function}&x0={x0}")
    assert data["slopes"]["forward"] == pytest.approx(1.0, abs=0.05)
    assert data["slopes"]["central"] == pytest.approx(2.0, abs=0.05)
    assert data["slopes"]["forward_rounding"] < -0.7  # rounding error grows like 1/h
    assert 1e-10 <= data["best"]["forward"]["h"] <= 1e-6
    assert 1e-7 <= data["best"]["central"]["h"] <= 1e-3
    assert data["best"]["central"]["error"] < data["best"]["forward"]["error"]


@pytest.mark.parametrize("function", sorted(EXACT))
def test_difference_errors_equal_an_independent_recomputation(
    client: FlaskClient, function: str
) -> None:
    x0 = 0.8
    f, df = EXACT[function]
    data = _json(client, f"/aids/finite-difference-error/data?function={function}&x0={x0}")
    assert data["derivative"] == pytest.approx(df(x0), rel=1e-14)
    assert data["h"][0] == pytest.approx(1e-16)
    assert data["h"][-1] == 1.0
    for k in (100, 140, 160):  # h = 1e-6, 1e-2, 1: truncation dominates
        h = data["h"][k]
        forward = abs((f(x0 + h) - f(x0)) / h - df(x0))
        central = abs((f(x0 + h) - f(x0 - h)) / (2 * h) - df(x0))
        assert data["forward"][k] == pytest.approx(forward, rel=1e-6, abs=1e-15)
        assert data["central"][k] == pytest.approx(central, rel=1e-6, abs=1e-15)
    # h = 1e-14: only rounding noise is left (its exact digits depend on the libm), of
    # size about ε |f(x0)| / h
    noise = 2.2e-16 * abs(f(x0)) / data["h"][20]
    for kind in ("forward", "central"):
        assert noise / 100 < data[kind][20] < noise * 100


def test_sin_at_zero_has_no_first_order_guide(client: FlaskClient) -> None:
    """f''(0) = 0 for sin: the O(h) term vanishes, the forward difference is O(h²) there."""
    data = _json(client, "/aids/finite-difference-error/data?function=sin&x0=0")
    assert data["guides"]["order1"] is None
    assert data["slopes"]["forward"] == pytest.approx(2.0, abs=0.05)


# --- loss surface ---------------------------------------------------------------------


def _loss(loss: str, w: float, b: float) -> float:
    total = 0.0
    for x, t in zip(DATA_X, DATA_T, strict=True):
        z = w * x + b
        if loss == "bce":
            total += math.log1p(math.exp(-abs(z))) + max(z, 0.0) - t * z
        else:
            total += 0.5 * (1 / (1 + math.exp(-z)) - t) ** 2
    return total / len(DATA_X)


@pytest.mark.parametrize("loss", ["bce", "mse"])
@pytest.mark.parametrize(("w0", "b0"), [(-4.0, 5.0), (3.0, -2.5), (0.0, 0.0)])
def test_gradient_descent_path_goes_downhill_with_exact_gradients(
    client: FlaskClient, loss: str, w0: float, b0: float
) -> None:
    lr, steps = 0.1, 40
    data = _json(
        client,
        f"/aids/sigmoid-loss-surface/data?loss={loss}&w0={w0}&b0={b0}&lr={lr}&steps={steps}",
    )
    path = data["path"]
    assert len(path) == steps + 1
    assert (path[0]["w"], path[0]["b"]) == (w0, b0)
    losses = [p["loss"] for p in path]
    assert all(b <= a + 1e-15 for a, b in zip(losses, losses[1:], strict=False))
    assert losses[-1] < losses[0]
    for before, after in zip(path, path[1:], strict=False):
        assert after["w"] == pytest.approx(before["w"] - lr * before["dw"], rel=1e-12, abs=1e-12)
    h = 1e-5
    for point in path[::10]:
        w, b = point["w"], point["b"]
        assert point["loss"] == pytest.approx(_loss(loss, w, b), rel=1e-12)
        dw = (_loss(loss, w + h, b) - _loss(loss, w - h, b)) / (2 * h)
        db = (_loss(loss, w, b + h) - _loss(loss, w, b - h)) / (2 * h)
        assert point["dw"] == pytest.approx(dw, rel=1e-6, abs=1e-9)
        assert point["db"] == pytest.approx(db, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("loss", ["bce", "mse"])
def test_loss_grid_matches_the_loss_and_levels_are_inside(client: FlaskClient, loss: str) -> None:
    data = _json(client, f"/aids/sigmoid-loss-surface/data?loss={loss}")
    grid = data["loss"]
    assert len(grid) == len(data["bs"])
    assert len(grid[0]) == len(data["ws"])
    for i, j in [(0, 0), (10, 70), (40, 40), (80, 3)]:
        expected = _loss(loss, data["ws"][j], data["bs"][i])
        assert grid[i][j] == pytest.approx(expected, rel=1e-7)
    assert data["min"] == pytest.approx(min(min(row) for row in grid), rel=1e-7)
    assert all(data["min"] < level < data["max"] for level in data["levels"])
    assert data["levels"] == sorted(data["levels"])


def test_too_large_learning_rate_stops_when_the_path_diverges(client: FlaskClient) -> None:
    data = _json(client, "/aids/sigmoid-loss-surface/data?loss=bce&lr=20&steps=300&w0=6&b0=6")
    losses = [p["loss"] for p in data["path"]]
    assert all(math.isfinite(value) for value in losses)
    json.dumps(data, allow_nan=False)  # strict JSON: no NaN or Infinity


# --- bad parameters -------------------------------------------------------------------

BAD = [
    ("activation-explorer", "function=cube", "function"),
    ("activation-explorer", "alpha=abc", "alpha"),
    ("activation-explorer", "alpha=5", "alpha"),
    ("activation-explorer", "beta=nan", "beta"),
    ("activation-explorer", "x_min=3&x_max=1", "x_min"),
    ("activation-explorer", "x_min=2&x_max=2", "x_min"),
    ("sigmoid-loss-surface", "lr=0", "lr"),
    ("sigmoid-loss-surface", "steps=1.5", "steps"),
    ("sigmoid-loss-surface", "steps=1000", "steps"),
    ("sigmoid-loss-surface", "loss=cross_entropy", "loss"),
    ("sigmoid-loss-surface", "w0=inf", "w0"),
    ("finite-difference-error", "function=tan", "function"),
    ("finite-difference-error", "x0=1e9", "x0"),
    ("finite-difference-error", "x0=" + "1" * 100, "x0"),
]


@pytest.mark.parametrize(("aid", "query", "field"), BAD)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bad_parameter_answers_400_json(
    client: FlaskClient, aid: str, query: str, field: str, lang: str
) -> None:
    body = _json(client, f"/aids/{aid}/data?{query}&lang={lang}", status=400)
    error = body["error"]
    assert error["code"] == "invalid_parameter"
    assert error["field"] == field
    assert bool(JAPANESE.search(error["message"])) == (lang == "ja")


def test_unknown_aid_is_404(client: FlaskClient) -> None:
    assert client.get("/aids/no-such-aid").status_code == 404
    assert client.get("/aids/no-such-aid/data").status_code == 404


# --- pages ----------------------------------------------------------------------------

BANK = load_bank(DEFAULTS["QUESTION_BANK_DIR"])


@pytest.mark.parametrize("aid", AIDS)
@pytest.mark.parametrize(("lang", "index"), [("ja", 0), ("en", 1)])
def test_page_renders_in_each_language(
    client: FlaskClient, aid: str, lang: str, index: int
) -> None:
    response = client.get(f"/aids/{aid}?lang={lang}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"<h1>{TITLES[aid][index]}</h1>" in page
    assert f'src="/static/js/aids/{aid}.js"' in page
    strings = re.search(r'id="aid-strings">(.*?)</script>', page, re.DOTALL)
    assert strings
    assert json.loads(strings.group(1))["error"]
    assert bool(JAPANESE.search(json.loads(strings.group(1))["error"])) == (lang == "ja")
    assert "<script>" not in page  # no inline scripts (CSP script-src 'self')
    related = [q.id for q in BANK.questions.values() if q.raw.get("aid") == aid]
    for question_id in related:
        assert f"/practice/q/{question_id}" in page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_index_lists_the_three_aids(client: FlaskClient, lang: str) -> None:
    page = client.get(f"/aids/?lang={lang}").get_data(as_text=True)
    for aid in AIDS:
        assert f'href="/aids/{aid}"' in page
        assert TITLES[aid][0 if lang == "ja" else 1] in page


def test_page_with_a_bad_query_shows_the_problem_and_the_defaults(client: FlaskClient) -> None:
    page = client.get("/aids/sigmoid-loss-surface?lang=en&lr=abc").get_data(as_text=True)
    assert "learning rate η must be a number." in page
    assert 'id="aid-lr" name="lr" type="number" min="0.001" max="20.0"' in page
    assert 'value="0.5"' in page


def test_page_keeps_valid_query_values(client: FlaskClient) -> None:
    page = client.get("/aids/activation-explorer?function=elu&alpha=1.5").get_data(as_text=True)
    assert '<option value="elu" selected>' in page
    assert 'value="1.5"' in page


@pytest.mark.parametrize("aid", AIDS)
@pytest.mark.parametrize(("lang", "index"), [("ja", 0), ("en", 1)])
def test_question_with_an_aid_links_to_it(
    client: FlaskClient, aid: str, lang: str, index: int
) -> None:
    question = next(q for q in BANK.questions.values() if q.raw.get("aid") == aid)
    page = client.get(f"/practice/q/{question.id}?seed=1&lang={lang}").get_data(as_text=True)
    assert f'<p class="aid-link"><a href="/aids/{aid}">' in page
    assert TITLES[aid][index] in page


def test_question_without_an_aid_has_no_link(client: FlaskClient) -> None:
    question = next(q for q in BANK.questions.values() if not q.raw.get("aid"))
    page = client.get(f"/practice/q/{question.id}?seed=1").get_data(as_text=True)
    assert "aid-link" not in page


# --- laws (straight on the seam module) -----------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(sorted(set(aid_data.ACTIVATIONS) - {"step"})),
    x=st.floats(-8, 8).filter(lambda v: abs(v) > 1e-3),
    alpha=st.floats(0.0, 2.0),
    beta=st.floats(0.1, 5.0),
)
def test_law_activation_derivative_is_the_slope_of_f(
    name: str, x: float, alpha: float, beta: float
) -> None:
    h = 1e-6
    data = aid_data.activation_curves(name, {"alpha": alpha, "beta": beta}, x - h, x + h, 3)
    numerical = (data["f"][2] - data["f"][0]) / (2 * h)
    assert data["df"][1] == pytest.approx(numerical, rel=1e-4, abs=1e-5)


@settings(max_examples=25, deadline=None)
@given(
    loss=st.sampled_from(aid_data.LOSS_NAMES),
    w0=st.floats(-6, 6),
    b0=st.floats(-6, 6),
)
def test_law_small_steps_never_increase_the_loss(loss: str, w0: float, b0: float) -> None:
    path = aid_data.loss_surface(loss, w0, b0, lr=0.05, steps=30, grid=3)["path"]
    losses = [point["loss"] for point in path]
    assert all(b <= a + 1e-12 for a, b in zip(losses, losses[1:], strict=False))


def test_every_aid_string_has_a_japanese_translation() -> None:
    catalog_path = PACKAGE_DIR / "aids/translations/ja/LC_MESSAGES/messages.po"
    with catalog_path.open("rb") as handle:
        catalog = read_po(handle)
    methods = [("**.py", "python"), ("**.html", "jinja2")]
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = {
        message if isinstance(message, str) else message[0]
        for folder in ("aids", "templates/aids")
        for *_where, message, _comments, _context in extract_from_dir(
            PACKAGE_DIR / folder, methods, keywords=keywords
        )
    }
    assert len(found) > 80
    untranslated = sorted(m for m in found if not (catalog.get(m) and catalog.get(m).string))
    assert untranslated == []
