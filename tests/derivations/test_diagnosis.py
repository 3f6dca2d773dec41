"""Every diagnosis rule names its mistake, and stays silent for right or unrelated answers."""

import re

import pytest

from derivations import check_expression
from derivations.mistakes import MISTAKES
from derivations.rules import generic, shapes, softmax

CANDIDATE_BUILDERS = [
    generic._squares_dropped,
    generic._inner_derivatives,
    softmax._diagonal_formulas,
    softmax._negated_squares,
    shapes.kink_atoms,
]

SIG = "sigmoid(x)*(1-sigmoid(x))"
S = "(exp(z1)+exp(z2)+exp(z3))"
SOFTMAX = {"y1": f"exp(z1)/{S}", "y2": f"exp(z2)/{S}"}
LEAKY = "Heaviside(x)+alpha*Heaviside(-x)"
BIAS = "w + alpha*v - lr*g"

# (code, wrong answer it must name, reference, definitions, variables, an unrelated wrong answer)
RULES = [
    ("input_for_output", "x*(1-x)", SIG, None, None, "x^3+7"),
    ("input_for_output", "1-x^2", "1-tanh(x)^2", None, None, "x^3+7"),
    ("tanh_missing_square", "1-tanh(x)", "1-tanh(x)^2", None, None, "tanh(x)^3"),
    ("tanh_square_sign", "1+tanh(x)^2", "1-tanh(x)^2", None, None, "2-tanh(x)^2"),
    ("relu_mask_wrong_tensor", "d*Heaviside(d)", "d*Heaviside(x)", None, None, "d*x"),
    ("leaky_relu_negative_branch", "Heaviside(x)", LEAKY, None, None, "alpha*x"),
    ("kink_branches_swapped", "alpha*Heaviside(x)+Heaviside(-x)", LEAKY, None, None, "alpha+x^2"),
    (
        "softmax_offdiag_sign",
        f"exp(z1)*exp(z2)/{S}^2",
        f"-exp(z1)*exp(z2)/{S}^2",
        None,
        None,
        f"exp(z3)/{S}",
    ),
    ("softmax_diagonal_only", "y1*(1-y2)", "-y1*y2", SOFTMAX, None, "y1+y2"),
    ("softmax_offdiag_on_diagonal", "-y1^2", "y1*(1-y1)", SOFTMAX, None, "y1+y2"),
    (
        "softmax_wrong_axis",
        "exp(a)/(exp(a)+exp(b)+exp(c)+exp(d))",
        "exp(a)/(exp(a)+exp(b))",
        None,
        ["a", "b", "c", "d"],
        "exp(c)/(exp(a)+exp(b))",
    ),
    (
        "softmax_shift_not_cancelled",
        f"exp(z1-m)/{S}",
        f"exp(z1)/{S}",
        None,
        ["z1", "z2", "z3", "m"],
        f"m*exp(z1)/{S}",
    ),
    ("cross_entropy_sign", "t/y - (1-t)/(1-y)", "-t/y + (1-t)/(1-y)", None, None, "t*y"),
    ("target_minus_output", "t - sigmoid(z)", "sigmoid(z) - t", None, None, "t*sigmoid(z)"),
    ("missing_target", "sigmoid(z)", "sigmoid(z) - t", None, None, "t^2"),
    ("ce_output_gradient_only", "-t1/y1", "y1 - t1", SOFTMAX, None, "t1^2*y1"),
    (
        "extra_activation_derivative",
        "sigmoid(z)*(1-sigmoid(z))*(sigmoid(z)-t)",
        "sigmoid(z)-t",
        None,
        None,
        "t^2",
    ),
    (
        "gradient_wrt_output",
        "(sigmoid(z)-t)/(sigmoid(z)*(1-sigmoid(z)))",
        "sigmoid(z)-t",
        None,
        None,
        "t^2",
    ),
    ("rounded_constant", "0.7978845608*x", "sqrt(2/pi)*x", None, None, "0.8*x"),
    ("rounded_constant", "0.333333333333333*x^2", "x^2/3", None, None, "0.33*x^2"),
    ("sign_flip", "-exp(-x)/(1+exp(-x))^2", SIG, None, None, "x^3+7"),
    (
        "missing_inner_derivative",
        "sigmoid(w*x+b)*(1-sigmoid(w*x+b))",
        "diff(sigmoid(w*x+b), w)",
        None,
        None,
        "w*x",
    ),
    ("missing_inner_derivative", "sech(x^2)^2", "diff(tanh(x^2), x)", None, None, "x^2"),
    ("constant_factor", "2*(w*x+b-t)*x", "(w*x+b-t)*x", None, None, "w+x"),
    ("constant_factor", "y - t", "(y - t)/m", None, None, "y*t*m"),
    (
        "missing_square",
        f"-exp(z1)*exp(z2)/{S}",
        f"-exp(z1)*exp(z2)/{S}^2",
        None,
        None,
        f"exp(z3)/{S}",
    ),
    (
        "missing_term",
        "x*sigmoid(x)*(1-sigmoid(x))",
        "sigmoid(x) + x*sigmoid(x)*(1-sigmoid(x))",
        None,
        None,
        "x^3",
    ),
    ("term_sign_flip", "w + alpha*v + lr*g", BIAS, None, None, "w*alpha"),
    (
        "swapped_variables",
        "x11*d12 + x12*d22",
        "x11*d12 + x21*d22",
        None,
        ["x11", "x12", "x21", "x22", "d12", "d22"],
        "x22*d12",
    ),
    ("swapped_variables", "(w*x+b-t)*w", "(w*x+b-t)*x", None, None, "w+x+b+t"),
    ("missing_factor", "w*x + b - t", "(w*x+b-t)*x", None, None, "w*x*t"),
]

RIGHT = [
    ("exp(-x)/(1+exp(-x))^2", SIG, None),
    ("sech(x)^2", "1-tanh(x)^2", None),
    ("-y1*y2", f"-exp(z1)*exp(z2)/{S}^2", SOFTMAX),
    ("alpha+(1-alpha)*Heaviside(x)", LEAKY, None),
    ("w - (lr*g - alpha*v)", BIAS, None),
]


@pytest.mark.parametrize(
    ("code", "answer", "reference", "definitions", "variables", "unrelated"), RULES
)
def test_rule_names_its_mistake(code, answer, reference, definitions, variables, unrelated) -> None:
    verdict = check_expression(answer, reference, definitions=definitions, variables=variables)
    assert verdict.verdict == "incorrect", verdict.message
    assert verdict.diagnosis is not None, verdict.message
    assert verdict.diagnosis["code"] == code
    assert verdict.diagnosis["messages"]["ja"]
    assert verdict.diagnosis["messages"]["en"]
    assert verdict.diagnosis["message"] in verdict.message


@pytest.mark.parametrize(
    ("code", "answer", "reference", "definitions", "variables", "unrelated"), RULES
)
def test_rule_ignores_unrelated_wrong_answers(
    code, answer, reference, definitions, variables, unrelated
) -> None:
    verdict = check_expression(unrelated, reference, definitions=definitions, variables=variables)
    assert verdict.verdict == "incorrect", verdict.message
    assert verdict.diagnosis is None or verdict.diagnosis["code"] != code


@pytest.mark.parametrize(("answer", "reference", "definitions"), RIGHT)
def test_right_answers_are_never_diagnosed(answer, reference, definitions) -> None:
    verdict = check_expression(answer, reference, definitions=definitions)
    assert verdict.verdict == "correct"
    assert verdict.diagnosis is None


def test_constant_factor_reports_the_factor() -> None:
    assert "2" in check_expression("2*(w*x+b-t)*x", "(w*x+b-t)*x").diagnosis["message"]
    assert "1/2" in check_expression("(w*x+b-t)*x/2", "(w*x+b-t)*x").diagnosis["message"]
    assert "multiplied by m:" in check_expression("y - t", "(y - t)/m").diagnosis["message"]


def test_every_registered_rule_is_tested() -> None:
    assert {row[0] for row in RULES} == set(MISTAKES)


def test_catalogue_covers_m1_to_m12_in_the_docs() -> None:
    import derivations.mistakes as module

    named = {int(n) for n in re.findall(r"\bM(\d+)\b", module.__doc__)}
    assert set(range(1, 13)) <= named  # M5 is documented as handled by the equivalence


def test_candidates_built_from_a_reference_are_reused_across_attempts() -> None:
    """Candidates depend on the reference only: the second wrong answer to the same
    question reuses them (the app checks many attempts per reference)."""
    reference = "sigmoid(3*x)^2 + 2*x"  # a square and an inner derivative 3
    first = check_expression("sigmoid(3*x) + 2*x", reference)
    before = {f.__name__: f.cache_info() for f in CANDIDATE_BUILDERS}
    second = check_expression("sigmoid(3*x) + 2*x + 1", reference)
    after = {f.__name__: f.cache_info() for f in CANDIDATE_BUILDERS}
    assert first.diagnosis["code"] == "missing_square"
    assert second.verdict == "incorrect"
    for name, info in after.items():
        assert info.misses == before[name].misses, name
    assert sum(info.hits for info in after.values()) > sum(i.hits for i in before.values())
