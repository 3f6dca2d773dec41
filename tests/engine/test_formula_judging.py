"""Formula judging over the tables of ``formula_cases``: every target of every preset."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import PRESETS, FormulaRequestError, check_formula
from tests.engine.formula_cases import CORRECT, INCORRECT, SHAPE_INVALID, C, R, Z


def _method_spelling(answer: str) -> bool:
    """``.sum(...)``/``.mean(...)`` called as a method, not through ``np.``."""
    plain = answer.replace("np.sum(", "").replace("np.mean(", "")
    return ".sum(" in plain or ".mean(" in plain


@pytest.mark.parametrize(
    ("network", "target"), [(name, target) for name in PRESETS for target in PRESETS[name].targets]
)
def test_tables_cover_every_target_of_every_preset(network: str, target: str) -> None:
    right = [a for n, t, a in CORRECT if (n, t) == (network, target)]
    wrong = [a for n, t, a, _ in INCORRECT if (n, t) == (network, target)]
    assert any("np." in answer for answer in right), "no right formula spelled with np."
    assert wrong, "no wrong formula"
    if "np.sum(" in PRESETS[network].reference_formulas[target]:
        assert any(_method_spelling(answer) for answer in right), "no .sum()/.mean() spelling"


@pytest.mark.parametrize(("network", "target", "answer"), CORRECT)
def test_right_formulas_are_correct(network: str, target: str, answer: str) -> None:
    verdict = check_formula(network, target, answer, seed=7)
    assert verdict.verdict == "correct", verdict.message
    assert verdict.relative_error < 1e-8
    assert verdict.diagnosis is None
    assert verdict.answer_shape == verdict.target_shape == PRESETS[network].target_shapes[target]


@pytest.mark.parametrize(("network", "target", "answer", "code"), INCORRECT)
def test_wrong_formulas_are_incorrect_with_named_mistake(
    network: str, target: str, answer: str, code: str | None
) -> None:
    verdict = check_formula(network, target, answer, seed=7)
    assert verdict.verdict == "incorrect", verdict.message
    assert (verdict.diagnosis or {}).get("code") == code, verdict.message
    assert verdict.relative_error > 1e-3
    if verdict.diagnosis:
        assert verdict.diagnosis["messages"]["en"] in verdict.messages["en"]
        assert verdict.diagnosis["messages"]["ja"] in verdict.messages["ja"]


@pytest.mark.parametrize(("network", "target", "answer", "reason", "fragments"), SHAPE_INVALID)
def test_operator_shape_mismatch_names_shapes_and_hint(
    network: str, target: str, answer: str, reason: str, fragments: list[str]
) -> None:
    verdict = check_formula(network, target, answer, lang="en")
    assert verdict.verdict == "invalid"
    assert verdict.reason == reason
    for fragment in fragments:
        assert fragment in verdict.message
    start, end = verdict.span
    assert 0 <= start < end <= len(answer)


def test_wrong_final_shape_reports_both_shapes() -> None:
    verdict = check_formula(Z, "db1", "np.sum(da1, axis=0, keepdims=True)", lang="en")
    assert (verdict.answer_shape, verdict.target_shape) == ((1, 4), (4,))
    assert "(1, 4)" in verdict.message
    assert "(4,)" in verdict.message
    ja = verdict.to_dict("ja")["message"]
    assert "(1, 4)" in ja
    assert "形状" in ja


def test_upstream_rule_and_left_side() -> None:
    not_upstream = check_formula(Z, "da1", "dW1 * 0")
    assert (not_upstream.verdict, not_upstream.reason) == ("invalid", "not_upstream")
    assert check_formula(Z, "da2", "da2").reason == "not_upstream"
    wrong_left = check_formula(C, "dW1", "dW2 = dZ1 @ X.T / m", lang="en")
    assert (wrong_left.reason, wrong_left.span) == ("wrong_left_side", (0, 3))
    assert "`dW2`" in wrong_left.message
    assert "`dW1`" in wrong_left.message


def test_seed_none_is_reproducible_and_seeds_change_draws() -> None:
    first = check_formula(C, "dW1", "dZ1 @ X.T")
    assert first.relative_error == check_formula(C, "dW1", "dZ1 @ X.T").relative_error
    other = check_formula(C, "dW1", "dZ1 @ X.T + W1", seed=1).relative_error
    assert other != check_formula(C, "dW1", "dZ1 @ X.T + W1", seed=2).relative_error


def test_verdict_to_dict_is_json_safe() -> None:
    import json

    for answer in ("x.T @ da1", "x.T @ np.log(-da1*da1)", "x @ da1", "x[0]"):
        data = check_formula(Z, "dW1", answer).to_dict("ja")
        assert json.loads(json.dumps(data, allow_nan=False)) == data
        assert set(data["messages"]) == {"ja", "en"}


def test_non_finite_answer_is_incorrect_not_correct() -> None:
    verdict = check_formula(Z, "dW1", "x.T @ da1 + np.log(W1 - W1)")
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis["code"] == "non_finite"
    assert verdict.to_dict()["relative_error"] is None
    badly_shaped = check_formula(Z, "db1", "np.log(-da1 * da1)", lang="en")
    assert badly_shaped.diagnosis["code"] == "non_finite"
    assert "has shape (7, 4)" in badly_shaped.message


TARGETS = [(name, target) for name in (Z, C, R) for target in PRESETS[name].targets]


@settings(max_examples=30)
@given(case=st.sampled_from(TARGETS), seed=st.integers(0, 2**32 - 1))
def test_reference_formulas_are_correct_and_their_negation_is_a_sign_flip(
    case: tuple[str, str], seed: int
) -> None:
    network, target = case
    reference = PRESETS[network].reference_formulas[target]
    assert check_formula(network, target, reference, seed=seed).verdict == "correct"
    flipped = check_formula(network, target, f"-({reference})", seed=seed)
    assert flipped.diagnosis["code"] == "sign_flipped"


BATCH = {Z: "N", C: "m", R: "N"}


@settings(max_examples=30)
@given(case=st.sampled_from(TARGETS), seed=st.integers(0, 2**32 - 1))
def test_batch_scaling_and_transposing_the_reference_are_named(
    case: tuple[str, str], seed: int
) -> None:
    network, target = case
    reference = PRESETS[network].reference_formulas[target]
    batch = BATCH[network]
    times = check_formula(network, target, f"({reference}) * {batch}", seed=seed)
    assert times.diagnosis["code"] == "missing_batch_mean"
    divided = check_formula(network, target, f"({reference}) / {batch}", seed=seed)
    assert divided.diagnosis["code"] == "extra_batch_mean"
    shape = PRESETS[network].target_shapes[target]
    transposed = check_formula(network, target, f"({reference}).T", seed=seed)
    if shape[::-1] == shape:
        assert transposed.verdict == "correct"
    else:
        assert (transposed.verdict, transposed.diagnosis["code"]) == ("incorrect", "transposed")


@pytest.mark.parametrize(
    ("network", "target", "answer", "lang"),
    [
        ("nope", "dW1", "x", "en"),
        (Z, "dW9", "x", "en"),
        (Z, "dW1", None, "en"),
        (Z, "dW1", "x.T @ da1", "fr"),
    ],
)
def test_bad_requests_raise_with_both_languages(network, target, answer, lang) -> None:
    with pytest.raises(FormulaRequestError) as caught:
        check_formula(network, target, answer, lang=lang)
    assert set(caught.value.messages) == {"ja", "en"}


@pytest.mark.parametrize(
    ("network", "answer", "right", "number", "name"),
    [
        (Z, "(y - t) / 7", "(y - t) / N", "7", "N"),
        (C, "dZ1 @ X.T / 5", "dZ1 @ X.T / m", "5", "m"),
    ],
)
def test_batch_size_typed_as_number_is_caught(
    network: str, answer: str, right: str, number: str, name: str
) -> None:
    target = "da2" if network == Z else "dW1"
    assert check_formula(network, target, right).verdict == "correct"
    verdict = check_formula(network, target, answer)
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis["code"] == "hard_coded_batch_size"
    for lang in ("en", "ja"):
        text = verdict.diagnosis["messages"][lang]
        assert number in text
        assert f"`{name}`" in text


def test_factor_with_batch_power_is_given_at_the_usual_batch() -> None:
    verdict = check_formula(Z, "da2", "t - y", lang="en")
    assert verdict.diagnosis["code"] == "constant_factor"
    assert "about -7:" in verdict.message
