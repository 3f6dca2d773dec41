"""check_array_expression: one NumPy-dialect expression against another (code blanks)."""

import pytest

from engine import FormulaRequestError, check_array_expression

ROWS = {"x": (4, 3)}
SOFTMAX = "np.exp(x - x.max(axis=1, keepdims=True)) / np.sum(np.exp(x - x.max(axis=1, keepdims=True)), axis=1, keepdims=True)"


@pytest.mark.parametrize(
    ("answer", "reference", "shapes"),
    [
        ("softmax(x)", SOFTMAX, ROWS),
        ("np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)", SOFTMAX, ROWS),
        (
            "np.exp(x - np.max(x, axis=1, keepdims=True))",
            "np.exp(x - x.max(axis=1, keepdims=True))",
            ROWS,
        ),
        ("1 / (1 + np.exp(-x))", "sigmoid(x)", ROWS),
        ("np.maximum(x, 0)", "x * (x > 0)", ROWS),
        (
            "-np.sum(t * np.log(y + 1e-7)) / 4",
            "-np.sum(t * np.log(y + 1e-7)) / 4",
            {"y": (4, 3), "t": (4, 3)},
        ),
        ("np.sqrt(v * v)", "np.abs(v)", {"v": (5,)}),
        ("dout * (1 - out) * out", "dout * out * (1.0 - out)", {"dout": (2, 3), "out": (2, 3)}),
        (
            "np.exp(x - np.amax(x, axis=1, keepdims=True))",
            "np.exp(x - x.max(axis=1, keepdims=True))",
            ROWS,
        ),
        ("np.transpose(x)", "x.T", ROWS),
        ("x.transpose().dot(x)", "x.T @ x", ROWS),
        ("(x > 0).astype(float) * x", "np.maximum(x, 0)", ROWS),
        ("x.sum(axis=0) / x.shape[0]", "np.mean(x, axis=0)", ROWS),
    ],
)
def test_equivalent_expressions_are_correct(answer: str, reference: str, shapes: dict) -> None:
    verdict = check_array_expression(answer, reference, shapes=shapes, seed=3)
    assert verdict.verdict == "correct", verdict.message
    assert verdict.messages["ja"].startswith("正解")


@pytest.mark.parametrize(
    ("answer", "reference", "shapes", "code"),
    [
        ("np.exp(x) / np.exp(x).sum(axis=0, keepdims=True)", SOFTMAX, ROWS, "summed_wrong_axis"),
        ("np.exp(x) / np.sum(np.exp(x))", SOFTMAX, ROWS, "summed_wrong_axis"),
        (
            "np.exp(x) / np.exp(x).sum(axis=1)",
            "np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)",
            {"x": (3, 3)},
            "missing_keepdims",
        ),
        ("np.sqrt(v) ** 2", "v", {"v": (5,)}, "non_finite"),
        ("-sigmoid(x)", "sigmoid(x)", ROWS, "sign_flipped"),
        ("2 * x.T", "x.T", ROWS, "constant_factor"),
        ("x", "x.T", ROWS, "transposed"),
        ("np.sum(x, axis=0, keepdims=True)", "np.sum(x, axis=0)", ROWS, "keepdims"),
        ("sigmoid(x) * (1 - x)", "sigmoid(x) * (1 - sigmoid(x))", ROWS, None),
        ("np.amax(x, axis=0)", "np.max(x, axis=1)", ROWS, "summed_wrong_axis"),
        ("np.transpose(x)", "x", ROWS, "transposed"),
        ("(x < 0).astype(float) * x", "np.maximum(x, 0)", ROWS, None),
        ("x.sum(axis=0) / x.shape[1]", "np.mean(x, axis=0)", ROWS, "constant_factor"),
    ],
)
def test_wrong_expressions_are_incorrect(
    answer: str, reference: str, shapes: dict, code: str | None
) -> None:
    verdict = check_array_expression(answer, reference, shapes=shapes, seed=3)
    assert verdict.verdict == "incorrect", verdict.message
    assert (verdict.diagnosis or {}).get("code") == code


def test_log_and_sqrt_names_are_drawn_positive() -> None:
    verdict = check_array_expression("np.log(p) * 2", "np.log(p ** 2)", shapes={"p": (6,)})
    assert verdict.verdict == "correct"


def test_answer_problems_are_invalid_but_reference_problems_raise() -> None:
    assert check_array_expression("x[0]", "x", shapes=ROWS).reason == "forbidden"
    assert check_array_expression("x @ x", "x", shapes=ROWS).reason == "matmul"
    with pytest.raises(FormulaRequestError):
        check_array_expression("x", "x[0]", shapes=ROWS)
    with pytest.raises(FormulaRequestError):
        check_array_expression("x", "np.log(x - x)", shapes=ROWS)


def test_shape_error_names_the_reference_shape_in_a_full_sentence() -> None:
    shapes = {"X": (5, 3), "dZ1": (5, 4)}
    verdict = check_array_expression("X @ dZ1", "X.T @ dZ1", shapes=shapes, lang="en")
    assert verdict.reason == "matmul"
    assert "differ). The reference has shape (3, 4). Did you mean `X.T`?" in verdict.message
    assert "模範解答 の形状は (3, 4) です" in verdict.messages["ja"]
