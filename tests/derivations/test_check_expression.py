"""check_expression end to end: right and wrong answers for every DL function, text and LaTeX."""

import json

import pytest

from derivations import Verdict, check_expression

SIG = "sigmoid(x)*(1-sigmoid(x))"
SOFTMAX_1 = "exp(z1)/(exp(z1)+exp(z2)+exp(z3))"
GELU_TANH = (
    "0.5*(1+tanh(sqrt(2/pi)*(x+0.044715*x**3)))"
    " + 0.5*x*(1-tanh(sqrt(2/pi)*(x+0.044715*x**3))**2)*sqrt(2/pi)*(1+3*0.044715*x**2)"
)
ADAM = (
    "w - lr*((beta1*m + (1-beta1)*g)/(1-beta1**t))"
    "/(sqrt((beta2*v + (1-beta2)*g**2)/(1-beta2**t)) + eps)"
)

# (answer, reference, definitions, expected verdict)
TEXT_CASES = [
    # sigmoid'
    ("exp(-x)/(1+exp(-x))^2", SIG, None, "correct"),
    ("1/(2+exp(x)+exp(-x))", SIG, None, "correct"),
    ("σ(x)(1−σ(x))", SIG, None, "correct"),
    ("y*(1-y)", "diff(sigmoid(x), x)", {"y": "sigmoid(x)"}, "correct"),
    ("x*(1-x)", SIG, None, "incorrect"),
    ("sigmoid(x)*(1+sigmoid(x))", SIG, None, "incorrect"),
    ("exp(-x)/(1+exp(-x))", SIG, None, "incorrect"),
    # tanh'
    ("sech(x)^2", "diff(tanh(x), x)", None, "correct"),
    ("4/(exp(x)+exp(-x))^2", "1-tanh(x)^2", None, "correct"),
    ("1-tanh(x)", "1-tanh(x)^2", None, "incorrect"),
    ("1+tanh(x)^2", "1-tanh(x)^2", None, "incorrect"),
    # softmax
    (f"{SOFTMAX_1}*(1-{SOFTMAX_1})", f"diff({SOFTMAX_1}, z1)", None, "correct"),
    (
        "-y1*y2",
        f"diff({SOFTMAX_1}, z2)",
        ["y1=" + SOFTMAX_1, "y2=exp(z2)/(exp(z1)+exp(z2)+exp(z3))"],
        "correct",
    ),
    (
        "y1*y2",
        f"diff({SOFTMAX_1}, z2)",
        ["y1=" + SOFTMAX_1, "y2=exp(z2)/(exp(z1)+exp(z2)+exp(z3))"],
        "incorrect",
    ),
    # ReLU and leaky ReLU (any value at the kink is fine)
    ("Heaviside(x)", "diff(relu(x), x)", None, "correct"),
    ("step(x)", "1 if x > 0 else 0", None, "correct"),
    ("1 if x >= 0 else 0", "diff(relu(x), x)", None, "correct"),
    ("x if x > 0 else alpha*x", "max(0, x) + alpha*min(0, x)", None, "correct"),
    ("(1+sign(x))/2", "Heaviside(x)", None, "correct"),
    ("Heaviside(-x)", "Heaviside(x)", None, "incorrect"),
    ("alpha + (1-alpha)*Heaviside(x)", "Heaviside(x) + alpha*Heaviside(-x)", None, "correct"),
    ("Heaviside(x)", "Heaviside(x) + alpha*Heaviside(-x)", None, "incorrect"),
    ("max(0, x) + alpha*min(0, x)", "Heaviside(x)*x + alpha*Heaviside(-x)*x", None, "correct"),
    # softplus
    ("sigmoid(x)", "diff(softplus(x), x)", None, "correct"),
    ("(1+tanh(x/2))/2", "diff(log(1+exp(x)), x)", None, "correct"),
    ("log(1+exp(x))", "diff(softplus(x), x)", None, "incorrect"),
    # swish
    ("sigmoid(x)*(1+x*(1-sigmoid(x)))", "diff(x*sigmoid(x), x)", None, "correct"),
    ("x*sigmoid(x)*(1-sigmoid(x))", "diff(x*sigmoid(x), x)", None, "incorrect"),
    # GELU (tanh approximation, decimals typed differently; exact erf form)
    (GELU_TANH.replace("3*0.044715", "0.134145"), GELU_TANH, None, "correct"),
    (
        "erfc(-x/sqrt(2))/2 + x*exp(-x^2/2)/sqrt(2*pi)",
        "diff(x*(1+erf(x/sqrt(2)))/2, x)",
        None,
        "correct",
    ),
    ("(1+erf(x/sqrt(2)))/2", "diff(x*(1+erf(x/sqrt(2)))/2, x)", None, "incorrect"),
    # cross-entropy, BCE, MSE
    (
        "y1 - t1",
        f"diff(-t1*log({SOFTMAX_1}) - t2*log(exp(z2)/(exp(z1)+exp(z2)+exp(z3))) - (1-t1-t2)*log(exp(z3)/(exp(z1)+exp(z2)+exp(z3))), z1)",
        {"y1": SOFTMAX_1},
        "correct",
    ),
    ("t1 - y1", "y1 - t1", {"y1": SOFTMAX_1}, "incorrect"),
    ("-t1/y1", "y1 - t1", {"y1": SOFTMAX_1}, "incorrect"),
    ("sigmoid(z) - t", "diff(-t*log(sigmoid(z)) - (1-t)*log(1-sigmoid(z)), z)", None, "correct"),
    ("t - sigmoid(z)", "diff(-t*log(sigmoid(z)) - (1-t)*log(1-sigmoid(z)), z)", None, "incorrect"),
    ("(y-t)/(y*(1-y))", "diff(-t*log(y) - (1-t)*log(1-y), y)", None, "correct"),
    ("(w*x+b-t)*x", "diff((w*x+b-t)^2/2, w)", None, "correct"),
    ("2*(w*x+b-t)*x", "diff((w*x+b-t)^2/2, w)", None, "incorrect"),
    # Adam
    (ADAM.replace("(1-beta1)*g", "g - beta1*g"), ADAM, None, "correct"),
    (ADAM.replace("g**2", "g"), ADAM, None, "incorrect"),
]

LATEX_CASES = [
    (r"\frac{e^{-x}}{(1+e^{-x})^2}", SIG, None, "correct"),
    (r"\sigma(x)\left(1-\sigma(x)\right)", SIG, None, "correct"),
    (r"x(1-x)", SIG, None, "incorrect"),
    (r"\operatorname{sech}^2(x)", "1-tanh(x)^2", None, "correct"),
    (r"1-\tanh x", "1-tanh(x)^2", None, "incorrect"),
    (r"\begin{cases} 1 & x > 0 \\ 0 & x \leq 0 \end{cases}", "diff(relu(x), x)", None, "correct"),
    (
        r"\begin{cases} 1 & x > 0 \\ \alpha & \text{otherwise} \end{cases}",
        "Heaviside(x) + alpha*Heaviside(-x)",
        None,
        "correct",
    ),
    (
        r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}",
        "Heaviside(x) + alpha*Heaviside(-x)",
        None,
        "incorrect",
    ),
    (
        r"\frac{e^{z_1}}{e^{z_1}+e^{z_2}+e^{z_3}} - t_1",
        SOFTMAX_1.replace("z", "z_") + " - t_1",
        None,
        "correct",
    ),
    (r"\frac{1}{m}(a - y)", "(a-y)/m", None, "correct"),
    (r"(a - y)", "(a-y)/m", None, "incorrect"),
]


def _check(answer, reference, definitions, fmt="text") -> Verdict:
    return check_expression(answer, reference, format=fmt, definitions=definitions)


@pytest.mark.parametrize(("answer", "reference", "definitions", "expected"), TEXT_CASES)
def test_text_answers(answer, reference, definitions, expected) -> None:
    verdict = _check(answer, reference, definitions)
    assert verdict.verdict == expected, verdict.message
    if expected == "incorrect":
        assert verdict.counterexample is not None


@pytest.mark.parametrize(("answer", "reference", "definitions", "expected"), LATEX_CASES)
def test_latex_answers(answer, reference, definitions, expected) -> None:
    verdict = _check(answer, reference, definitions, "latex")
    assert verdict.verdict == expected, verdict.message


def test_to_dict_is_json_safe_with_the_contract_keys() -> None:
    data = check_expression("x*(1-x)", SIG).to_dict("ja")
    assert set(data) == {
        "verdict",
        "message",
        "answer_latex",
        "counterexample",
        "diagnosis",
        "method",
        "span",
    }
    assert set(data["diagnosis"]) == {"code", "message"}
    assert set(data["counterexample"]) == {"point", "answer_value", "reference_value"}
    assert json.loads(json.dumps(data)) == data
    assert data["message"] != check_expression("x*(1-x)", SIG).to_dict("en")["message"]


def test_correct_says_how_it_was_decided(patient_worker) -> None:
    proved = check_expression("sech(x)^2", "1-tanh(x)^2")
    assert proved.method == "symbolic"
    assert "symbolic" in proved.message
    sampled = check_expression("erfc(-x/sqrt(2))/2", "(1+erf(x/sqrt(2)))/2")
    assert sampled.verdict == "correct"
    assert sampled.method in ("symbolic", "numeric")


def test_numeric_policy_is_stated() -> None:
    verdict = check_expression("sqrt(a)/sqrt(b)", "sqrt(a/b)")
    assert verdict.verdict == "correct"
    assert verdict.method == "numeric"
    assert "random points" in verdict.message


def test_unreadable_answer_is_invalid_with_a_span() -> None:
    verdict = check_expression("sigmoid(x", SIG)
    assert verdict.verdict == "invalid"
    assert verdict.answer_latex is None
    assert verdict.span is not None
    assert verdict.messages["ja"]


def test_names_outside_the_reference_are_invalid() -> None:
    assert check_expression("q*(1-q)", SIG).verdict == "invalid"
    assert check_expression("q", "x", variables=["x", "q"]).verdict == "incorrect"


def test_diff_is_forbidden_in_answers_unless_allowed() -> None:
    assert check_expression("diff(sigmoid(x), x)", SIG).verdict == "invalid"
    assert check_expression("diff(sigmoid(x), x)", SIG, forbid=()).verdict == "correct"


def test_definitions_as_strings_or_mapping() -> None:
    by_list = check_expression("y*(1-y)", SIG, definitions=["y = sigmoid(x)"])
    by_map = check_expression("y*(1-y)", SIG, definitions={"y": "sigmoid(x)"})
    assert by_list.verdict == by_map.verdict == "correct"


@pytest.mark.parametrize(
    ("reference", "definitions"),
    [("sigmoid(x", None), ("x", ["y"]), ("y", {"y": "z", "z": "y"})],
)
def test_broken_reference_side_is_an_invalid_verdict(reference, definitions) -> None:
    verdict = check_expression("x", reference, definitions=definitions)
    assert verdict.verdict == "invalid"
    assert "reference" in verdict.message


def test_undetermined_when_domains_do_not_meet() -> None:
    verdict = check_expression("sqrt(x-100)", "sqrt(-x-100)")
    assert verdict.verdict == "undetermined"
    assert verdict.messages["ja"]


def test_same_check_gives_the_same_counterexample() -> None:
    first = check_expression("x*(1-x)", SIG).counterexample
    assert check_expression("x*(1-x)", SIG).counterexample == first


@pytest.mark.parametrize(("answer", "fmt"), [("x", "markdown"), (None, "text"), (3, "text")])
def test_malformed_calls_are_invalid_not_errors(answer, fmt) -> None:
    verdict = check_expression(answer, "x", format=fmt)
    assert verdict.verdict == "invalid"
    assert verdict.messages["ja"]


def test_a_difference_too_narrow_to_sample_is_still_found() -> None:
    verdict = check_expression("x + step(x - 0.001)*step(0.002 - x)", "x")
    assert verdict.verdict == "incorrect"
    assert 0.001 < verdict.counterexample["point"]["x"] < 0.002


SOFTMAX_DEFS = {f"y{i}": f"exp(z{i})/(exp(z1)+exp(z2)+exp(z3))" for i in (1, 2, 3)}
CE = "diff(-(t1*log(y1) + t2*log(y2) + (1-t1-t2)*log(y3)), z1)"


@pytest.mark.parametrize(
    ("answer", "reference", "definitions", "expected"),
    [
        ("y*(1-y)", "diff(y, x)", {"y": "sigmoid(x)"}, "correct"),
        ("y", "diff(y, x)", {"y": "sigmoid(x)"}, "incorrect"),
        ("y1 - t1", CE, SOFTMAX_DEFS, "correct"),
        ("t1 - y1", CE, SOFTMAX_DEFS, "incorrect"),
        ("y1*(1-y1)", "diff(y1, z1)", SOFTMAX_DEFS, "correct"),
        ("-y1*y2", "diff(y1, z2)", SOFTMAX_DEFS, "correct"),
        ("y1*y2", "diff(y1, z2)", SOFTMAX_DEFS, "incorrect"),
    ],
)
def test_reference_may_differentiate_defined_names(
    answer, reference, definitions, expected
) -> None:
    assert check_expression(answer, reference, definitions=definitions).verdict == expected
