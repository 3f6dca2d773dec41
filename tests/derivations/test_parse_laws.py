"""Parser laws checked with Hypothesis.

1. The LaTeX echo is read back to the same expression:
   ``parse_latex(echo(parse_text(t))) == parse_text(t)`` (structural equality of
   our built SymPy, which is what a parser law needs). SymPy's automatic evaluation
   is not idempotent on its own printed forms (``Abs(12**x/x)`` prints as
   ``12^x |1/x|``, which evaluates to ``12**x/Abs(x)``; ``-1/(2(x+y))`` reads back
   as ``-1/(2x+2y)``), so when the trees differ the law compares them after
   ``doit()`` and ``expand()``, which still catches every misreading of precedence,
   sign, grouping or names.
2. On arbitrary text the parser raises nothing but ``LearnerInputError``, quickly.
"""

import time

import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from derivations.errors import LearnerInputError
from derivations.parsing import parse_math
from derivations.vocabulary import Vocabulary

NAMES = ("x", "y", "t", "y1", "w_ji", "beta1", "lr", "eta", "dy11")
VOCAB = Vocabulary(frozenset(NAMES))
NUMBERS = ("2", "3", "0.5", "1e-3", "12", "e", "pi")
FUNCTIONS = (
    "exp", "log", "sqrt", "sin", "cos", "tanh", "sinh", "sech", "sigmoid", "softplus",
    "relu", "abs", "Heaviside", "sign", "erf", "atan", "sec", "asinh", "coth",
)  # fmt: skip
TIME_BUDGET = 1.0


def _wrap(text: str) -> str:
    return f"({text})"


def _extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from("+-*/"), children).map(
            lambda p: f"{_wrap(p[0])} {p[1]} {_wrap(p[2])}"
        ),
        st.tuples(children, st.integers(-3, 4)).map(lambda p: f"{_wrap(p[0])}^({p[1]})"),
        st.tuples(children, st.sampled_from(NAMES)).map(lambda p: f"{_wrap(p[0])}^{p[1]}"),
        children.map(lambda c: f"-{_wrap(c)}"),
        st.tuples(st.sampled_from(FUNCTIONS), children).map(lambda p: f"{p[0]}({p[1]})"),
        st.tuples(st.sampled_from(("max", "min")), children, children).map(
            lambda p: f"{p[0]}({p[1]}, {p[2]})"
        ),
        st.tuples(children, children, st.sampled_from(("<", "<=", ">", ">=")), children).map(
            lambda p: f"({_wrap(p[0])} if {_wrap(p[1])} {p[2]} 0 else {_wrap(p[3])})"
        ),
        st.tuples(children, children).map(lambda p: f"{_wrap(p[0])} {_wrap(p[1])}"),
    )


EXPRESSIONS = st.recursive(st.sampled_from(NAMES + NUMBERS), _extend, max_leaves=8)


#: Functions SymPy introduces on its own (``|e^{f}|`` → ``e^{re(f)}``) that answers
#: cannot contain; the echo law is about expressions inside our grammar.
SYMPY_ONLY = (sympy.re, sympy.im, sympy.arg, sympy.atan2)


def _in_grammar(expr: sympy.Expr) -> bool:
    return not expr.has(*SYMPY_ONLY)


def _same(read_back: sympy.Expr, expr: sympy.Expr) -> bool:
    if read_back == expr:
        return True
    return sympy.expand(read_back.doit()) == sympy.expand(expr.doit())


def _readable(text: str) -> sympy.Expr:
    try:
        expr = parse_math(text, vocabulary=VOCAB).expr
    except LearnerInputError:
        assume(False)
        raise  # unreachable: assume(False) aborts the example
    assume(_in_grammar(expr))
    return expr


@settings(max_examples=300)
@given(EXPRESSIONS)
def test_latex_echo_reads_back_to_the_same_expression(text):
    expr = _readable(text)
    echoed = parse_math(text, vocabulary=VOCAB).latex
    assert _same(parse_math(echoed, format="latex", vocabulary=VOCAB).expr, expr), echoed


@settings(max_examples=100)
@given(EXPRESSIONS)
def test_echo_reads_back_without_a_declared_vocabulary(text):
    _readable(text)
    parsed = parse_math(text)
    assert _same(parse_math(parsed.latex, format="latex").expr, parsed.expr), parsed.latex


LATEX_LEAVES = (
    "x",
    "y",
    "t",
    "y_1",
    "w_{ji}",
    r"\beta_1",
    r"\eta",
    r"\mathrm{lr}",
    "2",
    "3",
    "0.5",
    "e",
    r"\pi",
)


def _latex_extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: rf"\frac{{{p[0]}}}{{{p[1]}}}"),
        children.map(lambda c: rf"\sqrt{{{c}}}"),
        children.map(lambda c: rf"\sqrt[3]{{{c}}}"),
        pair.map(lambda p: rf"\left({p[0]}\right)^{{{p[1]}}}"),
        pair.map(lambda p: rf"{{{p[0]}}} \cdot {{{p[1]}}}"),
        pair.map(lambda p: rf"\left({p[0]}\right) - \left({p[1]}\right)"),
        children.map(lambda c: rf"e^{{-{c}}}"),
        children.map(lambda c: rf"\tanh^{{2}}\left({c}\right)"),
        children.map(lambda c: rf"\sigma\left({c}\right)"),
        children.map(lambda c: rf"\left|{c}\right|"),
        children.map(lambda c: rf"\operatorname{{ReLU}}({c})"),
        pair.map(lambda p: rf"\max\left({p[0]}, {p[1]}\right)"),
        pair.map(lambda p: rf"\log\left({p[0]}\right) + \exp\left({p[1]}\right)"),
        pair.map(
            lambda p: (
                rf"\begin{{cases}} {p[0]} & x > 0 \\ {p[1]} & \text{{otherwise}} \end{{cases}}"
            )
        ),
    )


LATEX_EXPRESSIONS = st.recursive(st.sampled_from(LATEX_LEAVES), _latex_extend, max_leaves=6)


@settings(max_examples=200)
@given(LATEX_EXPRESSIONS)
def test_latex_input_echo_reads_back_to_the_same_expression(text):
    try:
        parsed = parse_math(text, format="latex", vocabulary=VOCAB)
    except LearnerInputError:
        assume(False)
        raise  # unreachable: assume(False) aborts the example
    assume(_in_grammar(parsed.expr))
    read_back = parse_math(parsed.latex, format="latex", vocabulary=VOCAB).expr
    assert _same(read_back, parsed.expr), parsed.latex


def _never_crashes(text: str, fmt: str) -> None:
    started = time.perf_counter()
    error = None
    try:
        parse_math(text, format=fmt, vocabulary=VOCAB)
    except LearnerInputError as caught:
        error = caught
    assert time.perf_counter() - started < TIME_BUDGET
    if error is not None:
        assert error.code
        assert error.message("ja")
        assert 0 <= error.span[0] <= error.span[1] <= len(text)


@settings(max_examples=300)
@given(st.text(max_size=300), st.sampled_from(["text", "latex"]))
def test_arbitrary_text_only_raises_learner_errors(text, fmt):
    _never_crashes(text, fmt)


MATHY = st.lists(
    st.sampled_from(
        list("0123456789.+-*/^()[]{}|&,<>= _xyteσπ²−×（）＋")
        + [
            "\\frac",
            "\\sqrt",
            "\\left(",
            "\\right)",
            "\\sigma",
            "\\cdot",
            "\\begin{cases}",
            "\\end{cases}",
            "\\\\",
            "\\text{if}",
            "\\le",
            "exp",
            "sigmoid",
            "if",
            "else",
            "and",
            "max",
            "e^",
            "\\partial",
            "d/dx",
            "**",
            "\\left.",
            "\\right.",
            "\\{",
        ]
    ),  # fmt: skip
    max_size=40,
).map("".join)


@settings(max_examples=500)
@given(MATHY, st.sampled_from(["text", "latex"]))
def test_math_like_noise_only_raises_learner_errors(text, fmt):
    _never_crashes(text, fmt)
