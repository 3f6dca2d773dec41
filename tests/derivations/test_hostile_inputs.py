"""Hostile inputs (reference/hostile-inputs.md §5 A–C, the parsing part).

Every case must end in ``LearnerInputError`` with the expected code, quickly, and
without any side effect: an audit hook records process, file, socket, exec and
compile events while the parser runs, and a canary file must never appear.
"""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from derivations.errors import LearnerInputError
from derivations.parsing import parse_math
from derivations.vocabulary import Vocabulary

VOCAB = Vocabulary(frozenset({"x", "y", "X"}))
BUDGET_SECONDS = 1.0  # coarse on purpose; precise timing belongs in the benchmarks
WATCHED_EVENTS = (
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "subprocess.Popen",
    "open",
    "socket.",
    "exec",
    "compile",
    "ctypes.",
    "os.remove",
    "os.rename",
)
_events: list[str] = []
_armed = [False]


def _audit(event: str, args: tuple) -> None:
    if _armed[0] and event.startswith(WATCHED_EVENTS):
        _events.append(event)


sys.addaudithook(_audit)


def _parse_watched(text: str, fmt: str = "text") -> LearnerInputError:
    parse_math("sigmoid(x) + x^2 if x > 0 else 0", vocabulary=VOCAB)  # warm lazy imports
    parse_math(r"\frac{1}{x} + \begin{cases} x & x > 0 \\ 0 & x \le 0 \end{cases}", format="latex")
    _events.clear()
    _armed[0] = True
    started = time.perf_counter()
    try:
        parse_math(text, format=fmt, vocabulary=VOCAB)
    except LearnerInputError as error:
        caught = error
    else:
        caught = None
    finally:
        _armed[0] = False
    elapsed = time.perf_counter() - started
    assert caught is not None, f"{text[:60]!r} was accepted"
    assert _events == []
    assert elapsed < BUDGET_SECONDS
    assert caught.message("en")
    assert caught.message("ja")
    return caught


CANARY_PAYLOADS = [
    "__import__('os').system('touch {canary}')",
    '__import__("os").system("touch {canary}")',
    "exec(\"open('{canary}', 'w')\")",
    "open('{canary}', 'w').write('x')",
    "(lambda: __import__('os').system('touch {canary}'))()",
    r"\input{{{canary}}}",
    r"\immediate\write18{{touch {canary}}}",
]


@pytest.mark.parametrize("template", CANARY_PAYLOADS)
@pytest.mark.parametrize("fmt", ["text", "latex"])
def test_code_is_never_executed(template, fmt, tmp_path):
    canary = tmp_path / "canary"
    _parse_watched(template.format(canary=canary), fmt)
    assert not canary.exists()


CODE_EXECUTION = [
    # A1-A6: code through math text
    ("__import__('os').system('id')", "bad_character"),
    ("__import__", "unknown_name"),
    ("().__class__.__base__.__subclasses__()", "bad_character"),
    ("x.__class__", "bad_character"),
    ("(lambda: 1)()", "bad_character"),
    ("lambda", "unknown_name"),
    ("[x for x in range(10**9)]", "unknown_name"),
    ("{x:1}", "bad_character"),
    ("x if x else 1", "bad_condition"),
    ('f"{x.__class__}"', "bad_character"),
    ('"{0.__class__}".format(x)', "bad_character"),
    ("'a'*10**9", "bad_character"),
    ("x._private", "bad_character"),
    ("x.__dict__", "bad_character"),
    ("X.ctypes", "bad_character"),
    ("X.tofile('f')", "bad_character"),
    ("X.dump('f')", "bad_character"),
    ("eval(x)", "unknown_name"),
    ("exec(x)", "unknown_name"),
    ("open(x)", "unknown_name"),
    ("getattr(x, y)", "unknown_name"),
    ("globals()", "unknown_name"),
    ("vars(x)", "unknown_name"),
    ("compile(x)", "unknown_name"),
    ("breakpoint()", "unknown_name"),
    ("input()", "unknown_name"),
    ("help(x)", "unknown_name"),
    ("sympify(x)", "unknown_name"),
    ("Symbol(x)", "unknown_name"),
    ("x; import os", "bad_character"),
    ("x # comment", "bad_character"),
    ("x @ y", "bad_character"),
    ("x == y", "unexpected_token"),
    # A7-A8: unicode tricks
    ("__ｉｍｐｏｒｔ__('os')", "bad_character"),
    ("__ｉｍｐｏｒｔ__", "unknown_name"),
    ("x\u202e+1", "bad_character"),
    ("x\u2067", "bad_character"),
    ("x\x00+1", "bad_character"),
    ("x\ud800", "bad_character"),
    ("x\ue000", "bad_character"),
    ("x\u2028y", "bad_character"),
    # A10: an undeclared variable
    ("z", "unknown_name"),
    # C34: undefined values typed literally
    ("1/0", "undefined"),
    ("1/(x-x)", "undefined"),
    ("zoo", "unknown_name"),
    ("oo - oo", "unknown_name"),
    ("nan", "unknown_name"),
    # C37, C39: NumPy-isms are not math
    ("np.ones(10**12)", "bad_character"),
    ("X[:,None,None]", "bad_character"),
    ("np.linalg.matrix_power(X, 10**9)", "bad_character"),
]


@pytest.mark.parametrize(("text", "code"), CODE_EXECUTION)
def test_code_execution_attempts_are_invalid(text, code):
    assert _parse_watched(text).code == code


RESOURCE_EXHAUSTION = [
    # B11-B22
    ("x" * 100_000, "too_long"),
    ("(" * 5000 + "x" + ")" * 5000, "too_long"),
    ("(" * 41 + "x" + ")" * 41, "too_deep"),
    ("-" * 100_000 + "4", "too_long"),
    ("-" * 41 + "4", "too_deep"),
    ("x" + "^x" * 41, "too_deep"),
    ("9" * 100_000, "too_long"),
    ("9" * 1000, "number_too_large"),
    ("1e10000", "number_too_large"),
    ("9**9**9**9", "power_too_large"),
    ("(((9**64)**64)**64)**64", "power_too_large"),
    ("((9**9)**9999)**9999", "power_too_large"),
    ("3999999**3999999", "power_too_large"),
    ("factorial(10**9)", "unknown_name"),
    ("factorial(3*10**7)", "unknown_name"),
    ("gamma(10**8)", "unknown_name"),
    ("x!", "bad_character"),
    ("expand((x+1)**20000)", "power_too_large"),
    ("(x+1)**20000", "power_too_large"),
    ("(x-y)**59999", "power_too_large"),
    ("2**(2**40)", "power_too_large"),
    ("2^(2^64)", "power_too_large"),
    ("10^10^10", "power_too_large"),
    ("x^1000000", "power_too_large"),
    ("(" + "1" * 5000 + "j!", "too_long"),
    ("(" + "1" * 500 + "j!", "bad_character"),
    ("1" * 500 + "j", "number_too_large"),
    ("9^99 * 9^99 * 9^99 * 9^99 * 9^99 * 9^99 * 9^99 * 9^99 * 9^99 * 9^99", "number_too_large"),
]


@pytest.mark.parametrize(("text", "code"), RESOURCE_EXHAUSTION, ids=lambda v: str(v)[:40])
def test_resource_exhaustion_is_refused_statically(text, code):
    assert _parse_watched(text).code == code


LATEX_HOSTILE = [
    # A9, C28-C31
    (r"\mathit{foo bar}", "unknown_latex_command"),
    (r"x_{a(b)}", "bad_subscript"),
    (r"x_{a*(b*c(1))}", "bad_subscript"),
    (r"\operatorname{__import__}(x)", "unknown_name"),
    (r"\operatorname{foo bar}", "unknown_name"),
    (r"x -", "unexpected_token"),
    (r"\frac{1}{", "unbalanced_bracket"),
    (r"\frac{" * 200 + "1" + "}{2}" * 200, "too_long"),
    (r"\frac{" * 41 + "1" + "}{2}" * 41, "too_deep"),
    ("(" * 2000 + "x" + ")" * 2000, "too_long"),
    ("{" * 45 + "x" + "}" * 45, "too_deep"),
    (r"9^{9^{9}}", "power_too_large"),
    (r"\input{/etc/passwd}", "unknown_latex_command"),
    (r"\write18{id}", "unknown_latex_command"),
    (r"\href{javascript:alert(1)}{x}", "unknown_latex_command"),
    (r"\includegraphics{x.png}", "unknown_latex_command"),
    (r"\htmlClass{x}{y}", "unknown_latex_command"),
    (r"\def\a{\a\a}\a", "unknown_latex_command"),
    (r"\edef\a{x}", "unknown_latex_command"),
    (r"\gdef\x{\text{pwned}}", "unknown_latex_command"),
    (r"\rule{1e6em}{1e6em}", "unknown_latex_command"),
    (r"\url{http://example.com}", "unknown_latex_command"),
    ("<img src=x onerror=alert(1)>", "unexpected_token"),
    ("</script><script>alert(1)</script>", "unexpected_token"),
    ("\\", "unknown_latex_command"),
]


@pytest.mark.parametrize(("text", "code"), LATEX_HOSTILE, ids=lambda v: str(v)[:40])
def test_latex_hostile_inputs(text, code):
    assert _parse_watched(text, "latex").code == code


@pytest.mark.parametrize("fmt", ["text", "latex"])
def test_100_kb_input_is_refused_before_any_work(fmt):
    text = "(" * 100_000
    started = time.perf_counter()
    with pytest.raises(LearnerInputError) as caught:
        parse_math(text, format=fmt)
    assert time.perf_counter() - started < 0.05 * 20  # generous: 50 ms target, 1 s bound
    assert caught.value.code == "too_long"
    assert caught.value.span == (2000, 100_000)


def test_fullwidth_function_names_are_accepted():
    assert str(parse_math("ｅｘｐ(x)", vocabulary=VOCAB).expr) == "exp(x)"


def test_echo_never_contains_markup_from_names():
    # Names are validated identifiers, so the echo cannot carry HTML (hostile §D51).
    parsed = parse_math(r"x_{1} + \mathrm{lr}", format="latex")
    assert "<" not in parsed.latex
    with pytest.raises(ValueError):
        VOCAB.symbol("<img src=x onerror=alert(1)>")
    with pytest.raises(ValueError):
        Vocabulary(frozenset({'__import__("os")'}))


@pytest.mark.parametrize(
    ("text", "fmt", "echo"),
    [
        # C25-C27: correct answers must not be refused by the defences above
        (
            "sigmoid(x)*(1-sigmoid(x))",
            "text",
            r"\sigma\left(x\right) \cdot \left(1 - \sigma\left(x\right)\right)",
        ),
        (
            "exp(-x)/(1+exp(-x))^2",
            "text",
            r"\frac{\exp\left(- x\right)}{\left(1 + \exp\left(- x\right)\right)^{2}}",
        ),
        ("e^x/(1+e^x)**2", "text", r"\frac{e^{x}}{\left(1 + e^{x}\right)^{2}}"),
        ("1/(2+2*cosh(x))", "text", r"\frac{1}{2 + 2 \cosh\left(x\right)}"),
        ("x^2", "text", "x^{2}"),
        (r"\frac{e^{-x}}{(1+e^{-x})^2}", "latex", r"\frac{e^{- x}}{\left(1 + e^{- x}\right)^{2}}"),
    ],
)
def test_benign_answers_pass_the_defences(text, fmt, echo):
    assert parse_math(text, format=fmt, vocabulary=VOCAB).latex == echo


def test_sympy_module_loaded_lazily_on_cancelling_terms_is_loaded_at_import():
    """``1/(x-x)`` must not pay SymPy's one-off lazy import (25-80 ms) inside a check."""
    probe = "import sys, derivations; print('sympy.tensor.tensor' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "True"
