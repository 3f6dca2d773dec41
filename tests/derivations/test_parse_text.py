"""Plain-text readings: input → the exact SymPy expression we must build."""

import pytest
import sympy

from derivations.functions import sigmoid, softplus
from derivations.parsing import parse_math
from derivations.vocabulary import Vocabulary

x, y, a, b, t = (sympy.Symbol(name, real=True) for name in "xyabt")
y1, w_ji, u_k, beta1, sigma, eta, lam, eps = (
    sympy.Symbol(name, real=True)
    for name in ("y1", "w_ji", "u_k", "beta1", "sigma", "eta", "lambda", "epsilon")
)
VOCAB = Vocabulary(
    frozenset(
        {"x", "y", "a", "b", "t", "y1", "w_ji", "u_k", "beta1", "sigma", "eta", "lambda", "epsilon"}
    )
)
HALF = sympy.S.Half

READINGS = [
    # operators and precedence
    ("x + y", x + y),
    ("x - y", x - y),
    ("x * y", x * y),
    ("x / y", x / y),
    ("x ^ 2", x**2),
    ("x ** 2", x**2),
    ("-x^2", -(x**2)),
    ("-(a+b)(x+y)", sympy.Mul(-1, a + b, x + y)),
    ("-a b", -a * b),
    ("(-x)^2", x**2),
    ("2^3^2", sympy.Integer(2) ** 9),
    ("x^-2", x**-2),
    ("e^-x", sympy.exp(-x)),
    ("e^{-x}", sympy.exp(-x)),
    ("a - -b", a + b),
    ("2*-x", -2 * x),
    ("+x", x),
    ("x/y/a", x / y / a),
    # implicit multiplication
    ("2x", 2 * x),
    ("2(x+1)", 2 * x + 2),
    ("(a+b)(a-b)", (a + b) * (a - b)),
    ("x y", x * y),
    ("2x^2", 2 * x**2),
    ("x(x+1)", x * (x + 1)),
    ("2 sigmoid(x)", 2 * sigmoid(x)),
    ("[x+1][x-1]", (x + 1) * (x - 1)),
    # numbers are exact
    ("0.1", sympy.Rational(1, 10)),
    ("0.1 + 0.2 - 0.3", sympy.Integer(0)),
    ("1e-3", sympy.Rational(1, 1000)),
    ("2.5E2", sympy.Integer(250)),
    (".5", HALF),
    ("3.", sympy.Integer(3)),
    ("0.044715x", sympy.Rational(44715, 10**6) * x),
    # constants
    ("e", sympy.E),
    ("pi", sympy.pi),
    ("π", sympy.pi),
    ("2πx", 2 * sympy.pi * x),
    ("exp(1)", sympy.E),
    # names
    ("y1", y1),
    ("y_1", y1),
    ("y_{1}", y1),
    ("w_ji", w_ji),
    ("w_{ji}", w_ji),
    ("u_{k}", u_k),
    ("beta1", beta1),
    ("β1", beta1),
    ("sigma", sigma),
    ("σ", sigma),
    ("eta", eta),
    ("η", eta),
    ("lambda", lam),
    ("λ", lam),
    ("eps", eps),
    ("ε", eps),
    ("epsilon", eps),
    # functions
    ("exp(x)", sympy.exp(x)),
    ("log(x)", sympy.log(x)),
    ("ln(x)", sympy.log(x)),
    ("sqrt(x)", sympy.sqrt(x)),
    ("sin(x) + cos(x) + tan(x)", sympy.sin(x) + sympy.cos(x) + sympy.tan(x)),
    ("sinh(x)*cosh(x)", sympy.sinh(x) * sympy.cosh(x)),
    ("tanh(x)", sympy.tanh(x)),
    ("sech(x)^2", sympy.sech(x) ** 2),
    ("tanh^2(x)", sympy.tanh(x) ** 2),
    ("sigmoid(x)", sigmoid(x)),
    ("sigma(x)", sigmoid(x)),
    ("σ(x)(1-σ(x))", sigmoid(x) * (1 - sigmoid(x))),
    ("relu(x)", sympy.Max(0, x)),
    ("ReLU(x)", sympy.Max(0, x)),
    ("softplus(x)", softplus(x)),
    ("max(x, 0)", sympy.Max(x, 0)),
    ("min(x, y, 0)", sympy.Min(x, y, 0)),
    ("abs(x)", sympy.Abs(x)),
    ("|x| + 2|x - 1|", sympy.Abs(x) + 2 * sympy.Abs(x - 1)),
    ("|x||y|", sympy.Abs(x) * sympy.Abs(y)),
    ("||x| - 1|", sympy.Abs(sympy.Abs(x) - 1)),
    ("Heaviside(x)", sympy.Heaviside(x)),
    ("step(x)", sympy.Heaviside(x)),
    ("sign(x)", sympy.sign(x)),
    ("erf(x) + erfc(x)", sympy.erf(x) + sympy.erfc(x)),
    ("sec(x) + csc(x) + cot(x)", sympy.sec(x) + sympy.csc(x) + sympy.cot(x)),
    ("coth(x) + csch(x)", sympy.coth(x) + sympy.csch(x)),
    ("arctan(x) + atan(y)", sympy.atan(x) + sympy.atan(y)),
    ("arcsin(x) + acos(x)", sympy.asin(x) + sympy.acos(x)),
    ("arsinh(x) + atanh(x) + acosh(x)", sympy.asinh(x) + sympy.atanh(x) + sympy.acosh(x)),
    ("exp[x]", sympy.exp(x)),
    # conditionals
    ("x if x > 0 else 0", sympy.Piecewise((x, x > 0), (0, True))),
    ("1 if x >= 0 else 0", sympy.Piecewise((1, x >= 0), (0, True))),
    (
        "x if x < 0 else 2x if x <= 1 else 3",
        sympy.Piecewise((x, x < 0), (2 * x, x <= 1), (3, True)),
    ),
    ("1 if 0 < x < 1 else 0", sympy.Piecewise((1, (x > 0) & (x < 1)), (0, True))),
    ("1 if x > 0 and y > 0 else 0", sympy.Piecewise((1, (x > 0) & (y > 0)), (0, True))),
    ("x if x ≥ 0 else a x", sympy.Piecewise((x, x >= 0), (a * x, True))),
    ("1 if x < 0 or x > 1 else 0", sympy.Piecewise((1, (x < 0) | (x > 1)), (0, True))),
    (
        "1 if (x > 0 and y > 0) or x < -1 else 0",
        sympy.Piecewise((1, ((x > 0) & (y > 0)) | (x < -1)), (0, True)),
    ),
    ("1 if ((x + 1)) > 0 else 0", sympy.Piecewise((1, x > -1), (0, True))),
    ("x if x ≦ 0 else 0", sympy.Piecewise((x, x <= 0), (0, True))),
    # dropped heads
    ("f(x) = x^2", x**2),
    ("h(x)=2x", 2 * x),
    ("y = 2x", 2 * x),
    ("dy/dx = 2x", 2 * x),
    ("d y / d x = 2x", 2 * x),
    ("∂y/∂x = 2x", 2 * x),
    ("f'(x) = 2x", 2 * x),
    ("y' = 2x", 2 * x),
    ("y'' = 2", sympy.Integer(2)),
    ("g(x, y) = x y", x * y),
    # IME input
    ("１／（１＋ｅｘｐ（－ｘ））", 1 / (1 + sympy.exp(-x))),
    ("x − y", x - y),
    ("x ‐ y", x - y),
    ("x × y", x * y),
    ("x · y", x * y),
    ("x ⋅ y", x * y),
    ("x ÷ y", x / y),
    ("x ＊ y", x * y),
    ("x＾2", x**2),
    ("x²", x**2),
    ("x⁻¹", 1 / x),
    ("½x", x / 2),
    ("x\u00a0+\u3000y", x + y),
    ("x\u200b+\u200dy\ufeff\u2060", x + y),
    ("ｓｉｇｍｏｉｄ（ｘ）", sigmoid(x)),
    ("［ｘ］", x),
]


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_reading(text, expected):
    assert parse_math(text, vocabulary=VOCAB).expr == expected


def test_names_and_echo():
    parsed = parse_math("2x + sigmoid(y1)", vocabulary=VOCAB)
    assert parsed.names == frozenset({"x", "y1"})
    assert parsed.latex == r"2 x + \sigma\left(y_{1}\right)"


def test_symbols_are_real():
    (symbol,) = parse_math("x", vocabulary=VOCAB).expr.free_symbols
    assert symbol.is_real


def test_e_is_a_variable_when_declared():
    vocab = Vocabulary(frozenset({"e", "x"}))
    assert parse_math("e x", vocabulary=vocab).expr == sympy.Symbol("e", real=True) * x


def test_any_name_without_declared_variables():
    assert parse_math("lr * g").expr == sympy.Symbol("lr", real=True) * sympy.Symbol("g", real=True)


def test_declared_spelling_is_used():
    vocab = Vocabulary(frozenset({"y_1", "eps"}))
    assert parse_math("y1 + epsilon", vocabulary=vocab).names == frozenset({"y_1", "eps"})


def test_definition_names_are_usable_and_expand():
    from derivations.parsing import expand_definitions

    vocab = Vocabulary(frozenset({"x"}), definitions={"y": "sigmoid(x)", "z": "2y"})
    parsed = parse_math("z*(1-y)", vocabulary=vocab)
    assert parsed.names == frozenset({"y", "z"})
    assert expand_definitions(parsed.expr, vocab) == 2 * sigmoid(x) * (1 - sigmoid(x))


def test_authoring_differentiates():
    parsed = parse_math("diff(sigmoid(x), x)", authoring=True)
    assert parsed.expr == sigmoid(x) * (1 - sigmoid(x))
    assert parse_math("diff(x^3, x, x)", authoring=True).expr == 6 * x


@pytest.mark.parametrize(
    ("text", "echo"),
    [
        ("relu(x)", r"\operatorname{ReLU}\left(x\right)"),
        ("max(x, y)", r"\max\left(x, y\right)"),
        ("step(x)", r"\operatorname{Heaviside}\left(x\right)"),
        ("softplus(x)", r"\operatorname{softplus}\left(x\right)"),
        ("sigmoid(x)^2", r"\left(\sigma\left(x\right)\right)^{2}"),
        ("exp(-x)/2", r"\frac{\exp\left(- x\right)}{2}"),
        ("e^(-x)/2", r"\frac{e^{- x}}{2}"),
        ("beta1 + w_ji + eta", r"\beta_{1} + w_{ji} + \eta"),  # the learner's order
        ("eta + beta1", r"\eta + \beta_{1}"),
        ("2x(1-x)", r"2 x \cdot \left(1 - x\right)"),  # implicit products made visible
        ("x*x", r"x \cdot x"),  # as typed, not simplified
        ("-x^2", r"- x^{2}"),
        ("(-x)^2", r"\left(- x\right)^{2}"),
        ("x - (y - 1)", r"x - \left(y - 1\right)"),
        ("(a/b)/t", r"\frac{\frac{a}{b}}{t}"),
        ("a/(b*t)", r"\frac{a}{b \cdot t}"),
        ("1e-3*x + 2.50", r"0.001 x + 2.50"),
        ("sqrt(x+1)", r"\sqrt{x + 1}"),
        ("abs(x)^2", r"\left(\left|x\right|\right)^{2}"),
        ("ln(x) + log(y)", r"\ln\left(x\right) + \log\left(y\right)"),
        ("sech(x)^2", r"\left(\operatorname{sech}\left(x\right)\right)^{2}"),
        ("max(x, 0)", r"\max\left(x, 0\right)"),
        (
            "1 if x >= 0 and x < 1 else 0",
            r"\begin{cases} 1 & \text{for}\: x \ge 0 \wedge x < 1 \\0 & \text{otherwise} \end{cases}",
        ),
        (
            "x if x > 0 else 0",
            r"\begin{cases} x & \text{for}\: x > 0 \\0 & \text{otherwise} \end{cases}",
        ),
    ],
)
def test_latex_echo(text, echo):
    assert parse_math(text, vocabulary=VOCAB).latex == echo


def test_exp_beyond_the_exponent_limit_is_echoed_readably():
    parsed = parse_math("exp(144)")
    assert parsed.latex == r"\exp\left(144\right)"
    assert parse_math(parsed.latex, format="latex").expr == parsed.expr


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("α", "alpha"),
        ("β", "beta"),
        ("γ", "gamma"),
        ("θ", "theta"),
        ("μ", "mu"),
        ("σ", "sigma"),
        ("Σ", "Sigma"),
        ("ϵ", "epsilon"),
        ("µ", "mu"),  # micro sign, NFKC
        ("η_t", "eta_t"),
        ("gamma", "gamma"),
    ],
)
def test_greek_letters_become_their_names(text, name):
    assert parse_math(text).expr == sympy.Symbol(name, real=True)
