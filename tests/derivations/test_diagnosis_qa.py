"""QA cases: wrong answers whose diagnosis named the wrong mistake (or none).

Each row names the code that must be given now and the code QA saw before, which
must no longer be given (None: nothing was named before).
"""

import numpy as np
import pytest
import sympy

from derivations import check_expression
from derivations.mistakes import diagnose
from derivations.sampling import Sample

S3 = "(exp(a_1) + exp(a_2) + exp(a_3))"
SOFTMAX3 = {f"y_{k}": f"exp(a_{k})/{S3}" for k in (1, 2, 3)}
LOGITS = ["a_1", "a_2", "a_3"]
LEAKY = "diff(max(0.01*x, x), x)"

# (answer, reference, definitions, variables, right code, earlier wrong code)
CASES = [
    ("-tanh(x)^2", "diff(tanh(x), x)", None, None, "tanh_missing_square", "missing_term"),
    ("-tanh(x)**2", "diff(tanh(x), x)", None, None, "tanh_missing_square", "missing_term"),
    ("-w*tanh(w*x)^2", "diff(tanh(w*x), x)", None, None, "tanh_missing_square", "missing_term"),
    ("1 if x>0 else 0", LEAKY, None, None, "leaky_relu_negative_branch", "missing_term"),
    ("1 if x>0 else 0.1", LEAKY, None, None, "leaky_relu_negative_branch", "missing_factor"),
    ("Heaviside(x)", LEAKY, None, None, "leaky_relu_negative_branch", "missing_term"),
    # loss-softmax-ce-logit (c = j = 2): dL/da_2 = y_2 - 1
    ("1 - y_2", f"exp(a_2)/{S3} - 1", SOFTMAX3, LOGITS, "sign_flip", "softmax_offdiag_sign"),
    ("y_2*(1 - y_2)", f"exp(a_2)/{S3} - 1", SOFTMAX3, LOGITS, None, "softmax_diagonal_only"),
    # c != j: dL/da_2 = y_2
    ("y_2*(1 - y_2)", f"exp(a_2)/{S3}", SOFTMAX3, LOGITS, None, "softmax_diagonal_only"),
    ("-y_2^2", f"exp(a_2)/{S3}", SOFTMAX3, LOGITS, None, "softmax_offdiag_on_diagonal"),
    # a real Jacobian entry keeps its softmax diagnoses
    ("y_1*(1 - y_2)", "-y_1*y_2", SOFTMAX3, LOGITS, "softmax_diagonal_only", None),
    ("y_1*y_2", "-y_1*y_2", SOFTMAX3, LOGITS, "softmax_offdiag_sign", None),
    ("-y_1^2", "y_1*(1 - y_1)", SOFTMAX3, LOGITS, "softmax_offdiag_on_diagonal", None),
    # M13: sigmoid + BCE, an extra y(1 - y) on the logit gradient
    ("(y-t)*y*(1-y)", "y - t", {"y": "sigmoid(a)"}, None, "extra_activation_derivative", None),
    (
        "(y-t)*y*(1-y)",
        "sigmoid(a) - t",
        {"y": "sigmoid(a)"},
        None,
        "extra_activation_derivative",
        None,
    ),
]


@pytest.mark.parametrize(("answer", "reference", "definitions", "variables", "code", "old"), CASES)
def test_qa_answer_gets_the_right_diagnosis(
    answer, reference, definitions, variables, code, old
) -> None:
    verdict = check_expression(answer, reference, definitions=definitions, variables=variables)
    assert verdict.verdict == "incorrect", verdict.message
    named = verdict.diagnosis["code"] if verdict.diagnosis else None
    assert named == code, verdict.message
    assert old is None or named != old


def test_missing_leading_one_is_said_in_both_languages() -> None:
    messages = check_expression("-tanh(x)^2", "diff(tanh(x), x)").diagnosis["messages"]
    assert "leading 1" in messages["en"]
    assert "先頭の 1" in messages["ja"]
    assert "product rule" not in messages["en"]


def test_numeric_leaky_slope_is_named_and_right_leaky_answers_pass() -> None:
    assert "1/100" in check_expression("Heaviside(x)", LEAKY).diagnosis["messages"]["ja"]
    assert check_expression("1 if x>0 else 0.01", LEAKY).verdict == "correct"


@pytest.mark.parametrize(
    ("answer", "reference"),
    [
        ("0.01 if x>0 else 0", "Heaviside(x)"),  # plain ReLU: no leaky slope to name
        ("2 if x>0 else 0.01", LEAKY),  # the positive side is wrong too
    ],
)
def test_negative_slope_rule_needs_a_leaky_reference_and_a_right_positive_side(
    answer, reference
) -> None:
    verdict = check_expression(answer, reference)
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis is None or verdict.diagnosis["code"] != "leaky_relu_negative_branch"


def test_missing_factor_names_the_factor_that_is_missing_even_where_a_mask_is_zero() -> None:
    """Where Heaviside(x) is 0 the reference divided by it is undefined; those points must
    still count, or Heaviside(x) is named for the answer Heaviside(x)."""
    x = sympy.Symbol("x")
    reference = sympy.Heaviside(x) * sympy.Heaviside(6 - x)
    xs = np.array([-2.5, -1.7, -0.6, 0.8, 1.9, 2.6, 3.3, 4.4, 5.1])  # none beyond 6
    answer_values = np.where(xs > 0, 1.0, 0.0)
    reference_values = np.where((xs > 0) & (xs < 6), 1.0, 0.0)
    sample = Sample({x: xs}, answer_values, reference_values, np.ones_like(xs))
    found = diagnose(sympy.Heaviside(x), reference, sample, [x])
    assert found["code"] == "missing_factor"
    assert "Heaviside(6 - x)" in found["message"]
    assert "Heaviside(x)." not in found["message"]


@pytest.mark.parametrize(
    ("answer", "factor"), [("Heaviside(x)", "Heaviside(6 - x)"), ("Heaviside(6-x)", "Heaviside(x)")]
)
def test_missing_mask_factor_from_the_checker(answer, factor) -> None:
    verdict = check_expression(answer, "Heaviside(x)*Heaviside(6-x)")
    assert verdict.diagnosis["code"] == "missing_factor"
    assert verdict.diagnosis["message"] == f"A factor is missing: {factor}."
