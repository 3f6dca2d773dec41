"""LaTeX readings and LaTeX-specific errors (code + span in the text as typed)."""

import pytest
import sympy

from derivations.errors import LearnerInputError
from derivations.functions import sigmoid, softplus
from derivations.parsing import parse_math
from derivations.vocabulary import Vocabulary

x, y, a, b = (sympy.Symbol(name, real=True) for name in "xyab")
x1, w_ji, beta1, eps, sigma_var = (
    sympy.Symbol(name, real=True) for name in ("x1", "w_ji", "beta1", "eps", "sigma")
)
VOCAB = Vocabulary(frozenset({"x", "y", "a", "b", "x1", "w_ji", "beta1", "eps", "sigma", "alpha"}))
SIG = 1 / (1 + sympy.exp(-x))

READINGS = [
    (r"\frac{1}{1+e^{-x}}", SIG),
    (r"\dfrac{e^{-x}}{(1+e^{-x})^2}", sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2),
    (r"\tfrac{1}{2}x", x / 2),
    (r"\frac12 x", x / 2),
    (r"\frac{x}{y}", x / y),
    (r"e^{x}", sympy.exp(x)),
    (r"e^x", sympy.exp(x)),
    (r"e^-x", sympy.exp(-x)),
    (r"\exp(-x)", sympy.exp(-x)),
    (r"\exp\left(-x\right)", sympy.exp(-x)),
    (r"\log x", sympy.log(x)),
    (r"\ln(x)", sympy.log(x)),
    (r"\log{\left(x \right)}", sympy.log(x)),
    (r"\sqrt{x}", sympy.sqrt(x)),
    (r"\sqrt[3]{x}", sympy.cbrt(x)),
    (r"\tanh(x)", sympy.tanh(x)),
    (r"1 - \tanh^2(x)", 1 - sympy.tanh(x) ** 2),
    (r"1-\tanh^{2}{\left(x \right)}", 1 - sympy.tanh(x) ** 2),
    (r"1 - \tanh^2 x", 1 - sympy.tanh(x) ** 2),
    (r"\sinh x + \cosh x", sympy.sinh(x) + sympy.cosh(x)),
    (r"\arctan x + \sec^2 x + \coth(x)", sympy.atan(x) + sympy.sec(x) ** 2 + sympy.coth(x)),
    (r"\operatorname{arsinh}(x)", sympy.asinh(x)),
    (r"\sin 2x", sympy.sin(2 * x)),
    (r"\sin x \cos x", sympy.sin(x) * sympy.cos(x)),
    (r"\sigma(x)", sigmoid(x)),
    (r"\sigma\left(x\right)\left(1-\sigma\left(x\right)\right)", sigmoid(x) * (1 - sigmoid(x))),
    (r"\sigma", sigma_var),
    (r"\sigma x", sigma_var * x),
    (r"\alpha", sympy.Symbol("alpha", real=True)),
    (r"\beta_1", beta1),
    (r"\beta_{1}", beta1),
    (r"\epsilon + \varepsilon", 2 * eps),
    (r"x \cdot y", x * y),
    (r"x \times y", x * y),
    (r"x \div y", x / y),
    (r"\left( x + 1 \right)^2", (x + 1) ** 2),
    (r"\left[ x + 1 \right] \left\{ x - 1 \right\}", (x + 1) * (x - 1)),
    (r"\max(0, x)", sympy.Max(0, x)),
    (r"\max\{0, x\}", sympy.Max(0, x)),
    (r"\min\left(x, 0\right)", sympy.Min(x, 0)),
    (r"\operatorname{ReLU}(x)", sympy.Max(0, x)),
    (r"\mathrm{ReLU}(x)", sympy.Max(0, x)),
    (r"\text{relu}(x)", sympy.Max(0, x)),
    (r"\operatorname{softplus}\left(x\right)", softplus(x)),
    (r"x_1", x1),
    (r"x_{1}", x1),
    (r"w_{ji}", w_ji),
    (r"x^2", x**2),
    (r"x^{10}", x**10),
    (r"xy", x * y),
    (r"2^{x} 2^{y}", 2**x * 2**y),
    (r"x^{2} 3", 3 * x**2),
    (r"2xy", 2 * x * y),
    (r"|x|", sympy.Abs(x)),
    (r"\left|x - 1\right|", sympy.Abs(x - 1)),
    (
        r"\left\vert x \right\vert + \lvert y \rvert + \vert x \vert",
        2 * sympy.Abs(x) + sympy.Abs(y),
    ),
    (r"\left\lbrack x+1 \right\rbrack^2 \lbrace y \rbrace", (x + 1) ** 2 * y),
    (r"\quad x \, + \; y \! - \: 1", x + y - 1),
    (r"$x^2$", x**2),
    (r"\pi x", sympy.pi * x),
    (r"σ(x)", sigmoid(x)),
    ("\\frac{１}{２}ｘ", x / 2),
    ("¥frac{1}{2}", sympy.S.Half),
    # MathLive output style
    (r"\frac{1}{1+\exponentialE^{-x}}", SIG),
    (r"\mleft(x+1\mright)^2", (x + 1) ** 2),
    (r"\bigl(x\bigr) \Bigl[y\Bigr]", x * y),
    (r"2x\sin\left(x\right)+x^2\cos\left(x\right)", 2 * x * sympy.sin(x) + x**2 * sympy.cos(x)),
    (r"\frac{e^{-x}}{\left(1+e^{-x}\right)^2}", sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2),
    # cases
    (
        r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}",
        sympy.Piecewise((x, x > 0), (0, True)),
    ),
    (
        r"\begin{cases} 1 & (x \leqq 0) \\ 0 & (x > 0) \end{cases}",
        sympy.Piecewise((1, x <= 0), (0, x > 0)),
    ),
    (
        r"\begin{cases} x & x \le 0 \\ 0 & x \geq 0 \end{cases}",
        sympy.Piecewise((x, x <= 0), (0, x >= 0)),
    ),
    (
        r"\begin{cases} x & \text{if } x>0 \\ a x & \text{otherwise} \end{cases}",
        sympy.Piecewise((x, x > 0), (a * x, True)),
    ),
    (
        r"\left\{\begin{array}{ll} x & x > 0 \\ 0 & x \leq 0 \end{array}\right.",
        sympy.Piecewise((x, x > 0), (0, x <= 0)),
    ),
    (
        r"\begin{cases} x, & x \geq 0, \\ 0, & \text{otherwise} \end{cases}",
        sympy.Piecewise((x, x >= 0), (0, True)),
    ),
    (
        r"\begin{cases} 1 & x > 0 \text{のとき} \\ 0 & \text{それ以外} \end{cases}",
        sympy.Piecewise((1, x > 0), (0, True)),
    ),
    (
        r"\begin{cases} x & \text{for}\: x > 0 \\0 & \text{otherwise} \end{cases}",
        sympy.Piecewise((x, x > 0), (0, True)),
    ),
    (
        r"\begin{cases} 1 & 0 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
        sympy.Piecewise((1, (x > 0) & (x < 1)), (0, True)),
    ),
    (
        r"\begin{cases} 1 & x > 1 \vee x < 0 \\ 0 & \text{otherwise} \end{cases}",
        sympy.Piecewise((1, (x > 1) | (x < 0)), (0, True)),
    ),
    (
        r"\begin{cases} 1 & \left(x > 0 \wedge y > 0\right) \vee x < -1 \\ 0 & \text{otherwise} \end{cases}",
        sympy.Piecewise((1, ((x > 0) & (y > 0)) | (x < -1)), (0, True)),
    ),
    # dropped heads
    (r"f(x) = x^2", x**2),
    (r"h(x)=2x", 2 * x),
    (r"y = 2x", 2 * x),
    (r"\frac{dy}{dx} = 2x", 2 * x),
    (r"\frac{\partial y}{\partial x} = 2x", 2 * x),
    (r"f\left(x\right) = x", x),
    (r"f'(x) = x", x),
    (r"f^{\prime}(x) = x", x),
    (r"y^\prime = x", x),
    (r"\frac{∂y}{∂x} = x", x),
]


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_latex_reading(text, expected):
    assert parse_math(text, format="latex", vocabulary=VOCAB).expr == expected


def test_letter_runs_stay_whole_when_declared():
    vocab = Vocabulary(frozenset({"lr", "g", "dy11"}))
    lr, g, dy11 = (sympy.Symbol(name, real=True) for name in ("lr", "g", "dy11"))
    assert parse_math(r"lr \cdot g", format="latex", vocabulary=vocab).expr == lr * g
    assert parse_math(r"dy_{11}", format="latex", vocabulary=vocab).expr == dy11


ERRORS = [
    (r"\input{/etc/passwd}", "unknown_latex_command", (0, 6)),
    (r"x + \def\a{\a\a}\a", "unknown_latex_command", (4, 8)),
    (r"\mathbf{x}", "unknown_latex_command", (0, 7)),
    (r"\write18{id}", "unknown_latex_command", (0, 6)),
    (r"\href{javascript:alert(1)}{x}", "unknown_latex_command", (0, 5)),
    (r"\includegraphics{x}", "unknown_latex_command", (0, 16)),
    (r"\htmlClass{a}{x}", "unknown_latex_command", (0, 10)),
    (r"\begin{matrix} x \end{matrix}", "unknown_latex_command", (0, 14)),
    (r"\frac{1}{", "unbalanced_bracket", (8, 9)),
    (r"\left( x", "unbalanced_bracket", (0, 6)),
    (r"x -", "unexpected_token", (3, 3)),
    (r"x^23", "unexpected_token", (3, 4)),
    (r"\sigma'(x)", "bad_character", (6, 7)),
    (r"x^{\prime}", "bad_character", (1, 10)),
    (r"2 3", "unexpected_token", (2, 3)),
    (r"9^{9^{9}}", "power_too_large", (0, 9)),
    (r"\frac{d}{dx} x^2", "forbidden_operator", (0, 12)),
    (r"\partial x", "forbidden_operator", (0, 8)),
    (r"\int x", "forbidden_operator", (0, 4)),
    (r"x_{a(b)}", "bad_subscript", (1, 8)),
    (r"\operatorname{__import__}(x)", "unknown_name", (0, 25)),
    (r"\mathrm{foo bar}", "unknown_name", (0, 16)),
    (r"\sigmoidd(x)", "unknown_latex_command", (0, 9)),
    (r"z", "unknown_name", (0, 1)),
    (r"\frac{1}{2} \frac{" + "{" * 50, "too_deep", (57, 58)),
    (r"x + 1 = y", "unexpected_token", (6, 7)),
    (r"x ≤ 1", "unexpected_token", (2, 3)),
    (r"\begin{cases} x & x \end{cases}", "bad_condition", (18, 19)),
    (r"\exp", "unexpected_token", (4, 4)),
    (r"exp + 1", "function_needs_argument", (0, 3)),
    ("x\u202e", "bad_character", (1, 2)),
    ("x @ y", "bad_character", (2, 3)),
    (r"\text x", "bad_latex", (0, 6)),
    (r"\left x \right)", "bad_latex", (0, 5)),
    (r"\left\langle x", "bad_latex", (0, 5)),
    (r"\begin{cases} \end{cases}", "unexpected_token", (14, 25)),
    (r"\begin{cases} x & x>0 \end{array}", "unexpected_token", (22, 33)),
    (r"\sqrt", "unexpected_token", (5, 5)),
    (r"x_", "bad_subscript", (1, 2)),
    (r"x_{}", "bad_subscript", (1, 4)),
]


@pytest.mark.parametrize(("text", "code", "span"), ERRORS)
def test_latex_error(text, code, span):
    with pytest.raises(LearnerInputError) as caught:
        parse_math(text, format="latex", vocabulary=VOCAB)
    assert (caught.value.code, caught.value.span) == (code, span)
    assert caught.value.message("ja") != caught.value.message("en")


def test_layer_indices_are_part_of_the_name():
    vocab = Vocabulary(frozenset({"a2", "W1_ij", "x", "z1"}))
    a2, w1_ij, z1 = (sympy.Symbol(name, real=True) for name in ("a2", "W1_ij", "z1"))
    assert parse_math(r"a^{(2)}(1-a^{(2)})", format="latex", vocabulary=vocab).expr == a2 * (1 - a2)
    assert parse_math(r"W^{(1)}_{ij} x", format="latex", vocabulary=vocab).expr == w1_ij * x
    assert parse_math(r"W_{ij}^{(1)}", format="latex", vocabulary=vocab).expr == w1_ij
    assert parse_math(r"\sigma(z^{(1)})", format="latex", vocabulary=vocab).expr == sigmoid(z1)
    with pytest.raises(LearnerInputError) as caught:
        parse_math(r"x^{(2)}", format="latex", vocabulary=vocab)
    assert (caught.value.code, caught.value.span) == ("unknown_name", (0, 7))
