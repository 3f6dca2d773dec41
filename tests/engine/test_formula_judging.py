"""Formula-judging tables: right and wrong formulas for every target of both presets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import PRESETS, FormulaRequestError, check_formula

Z = "zerotsuku-two-layer"
C = "coursera-shallow"

# (network, target, answer): each must be judged correct.
CORRECT = [
    (Z, "da2", "(y - t) / N"),
    (Z, "da2", "(y - t) / batch_size"),
    (Z, "da2", "da2 = (y - t)/N"),
    (Z, "da2", "np.multiply(y - t, 1/N)"),
    (Z, "da2", "(softmax(a2) - t) / N"),
    (Z, "dW2", "z1.T @ da2"),
    (Z, "dW2", "np.dot(z1.T, da2)"),
    (Z, "dW2", "np.matmul(z1.T, da2)"),
    (Z, "dW2", "z1.T @ ((y - t) / N)"),
    (Z, "db2", "np.sum(da2, axis=0)"),
    (Z, "db2", "da2.sum(axis=0)"),
    (Z, "db2", "np.sum(da2, 0)"),
    (Z, "db2", "np.mean(y - t, axis=0)"),
    (Z, "dz1", "da2 @ W2.T"),
    (Z, "dz1", "np.dot(da2, W2.T)"),
    (Z, "dz1", "(W2 @ da2.T).T"),
    (Z, "da1", "dz1 * z1 * (1 - z1)"),
    (Z, "da1", "dz1 * sigmoid(a1) * (1 - sigmoid(a1))"),
    (Z, "da1", "np.multiply(dz1, z1 * (1 - z1))"),
    (Z, "da1", "(da2 @ W2.T) * z1 * (1 - z1)"),
    (Z, "da1", "dz1 * np.exp(-a1) / (1 + np.exp(-a1))**2"),
    (Z, "dW1", "x.T @ da1"),
    (Z, "dW1", "np.dot(x.T, da1)"),
    (Z, "dW1", "(da1.T @ x).T"),
    (Z, "dW1", "dW1 = x.T @ (dz1 * z1 * (1 - z1))"),
    (Z, "db1", "np.sum(da1, axis=0)"),
    (Z, "db1", "da1.sum(axis=0)"),
    (Z, "db1", "np.sum(da1, axis=(0,))"),
    (C, "dZ2", "A2 - Y"),
    (C, "dZ2", "sigmoid(Z2) - Y"),
    (C, "dW2", "dZ2 @ A1.T / m"),
    (C, "dW2", "np.dot(dZ2, A1.T) / m"),
    (C, "dW2", "1/m * np.dot(dZ2, A1.T)"),
    (C, "dW2", "(1 / m) * dZ2 @ A1.T"),
    (C, "db2", "np.sum(dZ2, axis=1, keepdims=True) / m"),
    (C, "db2", "dZ2.sum(axis=1, keepdims=True) / m"),
    (C, "db2", "np.mean(dZ2, axis=1, keepdims=True)"),
    (C, "dA1", "W2.T @ dZ2"),
    (C, "dA1", "np.dot(W2.T, dZ2)"),
    (C, "dA1", "W2.T @ (A2 - Y)"),
    (C, "dZ1", "dA1 * (1 - A1**2)"),
    (C, "dZ1", "dA1 * (1 - np.power(A1, 2))"),
    (C, "dZ1", "dA1 * (1 - np.tanh(Z1)**2)"),
    (C, "dZ1", "np.multiply(W2.T @ dZ2, 1 - A1 * A1)"),
    (C, "dW1", "dZ1 @ X.T / m"),
    (C, "dW1", "np.dot(dZ1, X.T) / m"),
    (C, "db1", "np.sum(dZ1, axis=1, keepdims=True) / m"),
    (C, "db1", "np.sum(dZ1, axis=-1, keepdims=True) / m"),
    (C, "db1", "np.mean(dZ1, axis=1, keepdims=True)"),
    ("relu-three-layer", "da2", "dz2 * (a2 > 0)"),
    ("relu-three-layer", "da2", "np.where(a2 > 0, dz2, 0)"),
    ("relu-three-layer", "da2", "dz2 * (z2 > 0)"),
]

# (network, target, answer, diagnosis code or None): each must be judged incorrect.
INCORRECT = [
    (Z, "da2", "y - t", "missing_batch_mean"),
    (Z, "da2", "(t - y) / N", "sign_flipped"),
    (Z, "da2", "(y - t) / N / N", "extra_batch_mean"),
    (Z, "da2", "(y - t).T / N", "transposed"),
    (Z, "da2", "(a2 - t) / N", "input_instead_of_output"),
    (Z, "dW2", "da2.T @ z1", "transposed"),
    (Z, "dW2", "z1.T @ da2 / N", "extra_batch_mean"),
    (Z, "dW2", "a1.T @ da2", "input_instead_of_output"),
    (Z, "dW2", "z1.T @ a2", "forward_instead_of_gradient"),
    (Z, "db2", "da2", "bias_not_summed"),
    (Z, "db2", "np.sum(da2, axis=1)", "summed_wrong_axis"),
    (Z, "db2", "np.sum(da2, axis=0, keepdims=True)", "keepdims"),
    (Z, "db2", "np.mean(da2, axis=0)", "extra_batch_mean"),
    (Z, "dz1", "W2 @ da2.T", "transposed"),
    (Z, "dz1", "-da2 @ W2.T", "sign_flipped"),
    (Z, "dz1", "a2 @ W2.T", "forward_instead_of_gradient"),
    (Z, "da1", "dz1 * a1 * (1 - a1)", "input_instead_of_output"),
    (Z, "da1", "dz1 * (1 - z1)", None),
    (Z, "dW1", "da1.T @ x", "transposed"),
    (Z, "dW1", "x.T @ da1 / N", "extra_batch_mean"),
    (Z, "dW1", "np.dot(x.T, da1) * 2", "constant_factor"),
    (Z, "dW1", "x.T @ dz1", "activation_derivative_skipped"),
    (Z, "db1", "np.sum(dz1, axis=0)", "activation_derivative_skipped"),
    (Z, "dW2", "z1.T @ (y - t)", "missing_batch_mean"),
    (Z, "da2", "t - y", "constant_factor"),
    (Z, "db1", "da1", "bias_not_summed"),
    (Z, "db1", "np.sum(da1, axis=1)", "summed_wrong_axis"),
    (Z, "db1", "np.sum(da1)", "summed_wrong_axis"),
    (Z, "db1", "np.sum(da1, axis=0, keepdims=True)", "keepdims"),
    (C, "dZ2", "Y - A2", "sign_flipped"),
    (C, "dZ2", "(A2 - Y) / m", "extra_batch_mean"),
    (C, "dZ2", "Z2 - Y", "input_instead_of_output"),
    (C, "dW2", "dZ2 @ A1.T", "missing_batch_mean"),
    (C, "dW2", "np.dot(dZ2, A1.T)", "missing_batch_mean"),
    (C, "dW2", "A1 @ dZ2.T / m", "transposed"),
    (C, "dW2", "dZ2 @ Z1.T / m", "input_instead_of_output"),
    (C, "db2", "np.sum(dZ2, axis=1, keepdims=True)", "missing_batch_mean"),
    (C, "db2", "dZ2 / m", "bias_not_summed"),
    (C, "db2", "np.sum(dZ2) / m", "keepdims"),
    (C, "dA1", "dZ2.T @ W2", "transposed"),
    (C, "dA1", "W2.T @ dZ2 / m", "extra_batch_mean"),
    (C, "dA1", "W2.T @ Z2", "forward_instead_of_gradient"),
    (C, "dZ1", "dA1 * (1 - A1)", "tanh_without_square"),
    (C, "dZ1", "dA1 * (1 - Z1**2)", "input_instead_of_output"),
    (C, "dZ1", "dA1 * (1 - A1**2) / m", "extra_batch_mean"),
    (C, "dZ1", "-dA1 * (1 - A1**2)", "sign_flipped"),
    (C, "dW1", "dZ1 @ X.T", "missing_batch_mean"),
    (C, "dW1", "X @ dZ1.T / m", "transposed"),
    (C, "dW1", "X @ dZ1.T", "transposed"),
    (C, "dW1", "dA1 @ X.T / m", "activation_derivative_skipped"),
    (C, "db1", "np.sum(dZ1, axis=0, keepdims=True) / m", "summed_wrong_axis"),
    (C, "db1", "np.sum(dZ1, axis=1) / m", "keepdims"),
    (C, "db1", "dZ1 / m", "bias_not_summed"),
    (C, "db1", "np.sum(dZ1, axis=1, keepdims=True)", "missing_batch_mean"),
]

# (network, target, answer, reason, fragments the English message must contain)
SHAPE_INVALID = [
    (C, "dA1", "W2 @ dZ2", "matmul", ["`W2 @ dZ2`", "(1, 4) @ (1, 5)", "(4, 5)", "`W2.T`"]),
    (C, "dW2", "dZ2 @ A1 / m", "matmul", ["(1, 5) @ (4, 5)", "`A1.T`"]),
    (C, "dW1", "X.T @ dZ1 / m", "matmul", ["(5, 3) @ (4, 5)", "`dZ1 @ X.T`"]),
    (C, "dW1", "dZ1 @ X / m", "matmul", ["(4, 5) @ (3, 5)", "`X.T`"]),
    (Z, "dW2", "z1 @ da2", "matmul", ["(7, 4) @ (7, 3)", "(4, 3)", "`z1.T`"]),
    (Z, "dz1", "da2 @ W2", "matmul", ["(7, 3) @ (4, 3)", "`W2.T`"]),
    (Z, "dW1", "x @ da1", "matmul", ["(7, 5) @ (7, 4)", "`x.T`"]),
    (Z, "da1", "dz1 @ (z1 * (1 - z1))", "matmul", ["(7, 4) @ (7, 4)", "(7, 4)"]),
    (Z, "da1", "dz1 * z1.T", "broadcast", ["(7, 4) and (4, 7)", "`z1`"]),
    (C, "dZ2", "A2 @ 2", "matmul_scalar", ["scalar"]),
]


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


TARGETS = [(name, target) for name in (Z, C) for target in PRESETS[name].targets]


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


BATCH = {Z: "N", C: "m"}


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
