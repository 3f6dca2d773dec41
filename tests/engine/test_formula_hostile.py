"""Hostile formula inputs (hostile-inputs.md §5 A, B, C.35–C.39): each is refused as
``invalid`` with the construct named and its span, fast, and nothing is executed."""

import builtins
import sys
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import FormulaVerdict, check_array_expression, check_formula

C = "coursera-shallow"
BUDGET_SECONDS = 0.25  # per input, generous for a shared 2-core machine


def _balanced_sum(levels: int) -> str:
    """``((X+X)+(X+X))...`` with 2**levels leaves: many nodes, shallow nesting."""
    return "X" if levels == 0 else f"({_balanced_sum(levels - 1)}+{_balanced_sum(levels - 1)})"


# (answer, reason, fragment the English message must contain)
HOSTILE = [
    ("__import__('os').system('id')", "private_name", "`__import__`"),
    ("().__class__.__base__.__subclasses__()", "private_name", "`__class__`"),
    ("X.__class__", "private_name", "`__class__`"),
    ("X._private", "private_name", "`_private`"),
    ("X.__dict__", "private_name", "`__dict__`"),
    ("__ｉｍｐｏｒｔ__('os')", "private_name", "`__import__`"),
    ("(lambda: 1)()", "forbidden", "lambda"),
    ("[x for x in range(10**9)]", "forbidden", "comprehensions"),
    ("{x: 1}", "forbidden", "dicts"),
    ("X if X else 1", "forbidden", "conditional expressions"),
    ('f"{X}"', "forbidden", "f-strings"),
    ('"{0.__class__}".format(X)', "forbidden", "`.format()`"),
    ("'{0}'.format(X)", "forbidden", "`.format()`"),
    ("'a'*10**9", "forbidden", "text strings"),
    ("b'x'", "forbidden", "byte strings"),
    ("X.ctypes", "forbidden", "`.ctypes`"),
    ("X.tofile('f')", "forbidden", "`.tofile()`"),
    ("X.dump('f')", "forbidden", "`.dump()`"),
    ("X.T.view(dZ1)", "forbidden", "`.view()`"),
    ("X.shape[10**9]", "bad_shape_index", "`.shape[...]`"),
    ("X.shape[1000000000]", "bad_shape_index", "`.shape[...]`"),
    ("X.shape[Y]", "bad_shape_index", "`.shape[...]`"),
    ("X.shape[0:1]", "bad_shape_index", "`.shape[...]`"),
    ("X.shape[True]", "bad_shape_index", "`.shape[...]`"),
    ("X.shape[2]", "shape_index_range", "no .shape[2]"),
    ("X.shape[-3]", "shape_index_range", "no .shape[-3]"),
    ("m.shape[0]", "shape_index_range", "0 dimension(s)"),
    ("foo.shape[0]", "unknown_name", "`foo`"),
    ("X.shape.__class__", "private_name", "`__class__`"),
    ("X.shape[0].__class__", "private_name", "`__class__`"),
    ("X.shape", "forbidden", "`.shape`"),
    ("X.T.shape[0]", "forbidden", "indexing"),
    ("np.shape(X)[0]", "forbidden", "indexing"),
    ("X.astype(int)", "bad_astype", "float"),
    ("X.astype(np.float32)", "bad_astype", "float"),
    ("X.astype(float, copy=False)", "bad_astype", "float"),
    ("X.astype(X)", "bad_astype", "float"),
    ("X.astype", "forbidden", "`.astype`"),
    ("np.transpose(X, (1, 0))", "argument_count", "`np.transpose`"),
    ("np.transpose(X, axes=(1, 0))", "no_keywords", "`axes=`"),
    ("X.dot()", "argument_count", "`np.dot`"),
    ("np.amax(0, Z1)", "max_of_two", "np.maximum"),
    ("eval('1')", "unknown_function", "`eval`"),
    ("exec('1')", "unknown_function", "`exec`"),
    ("open('/etc/passwd')", "unknown_function", "`open`"),
    ("getattr(X, 'T')", "unknown_function", "`getattr`"),
    ("globals()", "unknown_function", "`globals`"),
    ("vars()", "unknown_function", "`vars`"),
    ("compile('1', '', 'eval')", "unknown_function", "`compile`"),
    ("breakpoint()", "unknown_function", "`breakpoint`"),
    ("input()", "unknown_function", "`input`"),
    ("help()", "unknown_function", "`help`"),
    ("exp(1000*X)", "unknown_function", "`np.exp(...)`"),
    ("np.ones(10**12)", "unknown_function", "`np.ones`"),
    ("np.sigmoid(Z1)", "unknown_function", "`sigmoid(...)`"),
    ("np.zeros((10**5, 10**5))", "unknown_function", "`np.zeros`"),
    ("np.load('x.npy')", "unknown_function", "`np.load`"),
    ("numpy.load('x.npy')", "unknown_function", "`np.load`"),
    ("np.linalg.matrix_power(X, 10**9)", "unknown_function", "`np.linalg.matrix_power`"),
    ("np.kron(X, X)", "unknown_function", "`np.kron`"),
    ("np.einsum('ij->ji', X)", "unknown_function", "`np.einsum`"),
    ("X[:, None, None] * X[None, :, None]", "forbidden", "indexing"),
    ("dZ1[0]", "forbidden", "indexing"),
    ("(Y := X)", "forbidden", "assignment expressions"),
    ("np.sum(*X)", "forbidden", "*arguments"),
    ("np.sum(X, out=X)", "bad_keyword", "`out=`"),
    ("np.sum(X, **{})", "bad_keyword", "`**=`"),
    ("np.exp(X, axis=0)", "no_keywords", "`axis=`"),
    ("np.sum(X, axis=5)", "axis_range", "axis=5"),
    ("np.sum(X, axis=(0, 0))", "bad_axis", "axis"),
    ("np.sum(X, axis='0')", "bad_axis", "axis"),
    ("np.sum(X, keepdims=1)", "bad_keepdims", "keepdims"),
    ("np.maximum(X)", "argument_count", "`np.maximum`"),
    ("X ^ 2", "forbidden", "write ** for powers"),
    ("X // 2", "forbidden", "`//`"),
    ("not X", "forbidden", "`not`"),
    ("X and Y", "forbidden", "and / or"),
    ("0 < X < 1", "forbidden", "chained comparisons"),
    ("X is Y", "forbidden", "`is`"),
    ("1j * X", "forbidden", "complex numbers"),
    ("True * X", "forbidden", "True/False"),
    ("None", "forbidden", "None"),
    ("...", "forbidden", "..."),
    ("await X", "forbidden", "`await`"),
    ("np", "function_not_called", "`np`"),
    ("np.exp", "function_not_called", "`np.exp`"),
    ("sigmoid", "function_not_called", "`sigmoid`"),
    ("foo @ X.T", "unknown_name", "`foo`"),
    ("9**9**9**9", "exponent_not_number", "exponent"),
    ("2**(2**40)", "exponent_too_large", "exponent"),
    ("X ** Y", "exponent_not_number", "exponent"),
    ("(((9**64)**64)**64)**64", "exponent_too_large", "exponent"),
    ("3999999**3999999", "number_too_large", "too large"),
    ("X**3999999", "number_too_large", "too large"),
    ("A1**1000", "exponent_too_large", "exponent"),
    ("np.power(A1, 1000)", "exponent_too_large", "exponent"),
    ("1e400 * X", "number_too_large", "too large"),
    ("9" * 999, "number_too_large", "too large"),
    ("x" * 100_000, "too_long", "100000 characters"),
    ("-" * 100_000 + "4", "too_long", "too long"),
    ("(" * 5000 + "X" + ")" * 5000, "too_long", "too long"),
    ("(" * 400 + "X" + ")" * 400, "syntax", "position"),
    ("-" * 500 + "X", "too_deep", "nested"),
    (_balanced_sum(7), "too_many_nodes", "too many parts"),
    ("X\x00+1", "bad_character", "U+0000"),
    ("X\ud800", "bad_character", "U+D800"),
    ("X\u202e+1", "bad_character", "U+202E"),
    ("X\u200d", "bad_character", "U+200D"),
    ("import os", "syntax", "position"),
    ("\\frac{1}{m} dZ1 X^\\top", "latex", "LaTeX"),
    ("np.max(0, Z1)", "max_of_two", "np.maximum"),
    ("X; import os", "syntax", "position"),
    ("X\nimport os", "syntax", "position"),
    ("(X", "unbalanced", "`(`"),
    ("X)", "unbalanced", "`)`"),
    ("", "empty", "empty"),
    ("dW1 =", "empty", "empty"),
]


@pytest.fixture
def canary(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A builtin that records every call: if any learner text were executed, it would fire."""
    calls: list[str] = []
    monkeypatch.setattr(builtins, "canary", lambda *a: calls.append("called"), raising=False)
    return calls


_EVENTS: list[str] = []
_RECORDING: list[bool] = [False]


def _audit(event: str, args: tuple) -> None:
    if _RECORDING[0]:
        _EVENTS.append(event)


sys.addaudithook(_audit)


def _recording(judge: Callable[[], FormulaVerdict]) -> tuple[FormulaVerdict, float]:
    """Run ``judge`` with the audit events recorded; the verdict and the seconds taken."""
    _EVENTS.clear()
    _RECORDING[0] = True
    try:
        started = time.perf_counter()
        verdict = judge()
        return verdict, time.perf_counter() - started
    finally:
        _RECORDING[0] = False


def _judge_recording(answer: str) -> tuple[FormulaVerdict, float]:
    return _recording(lambda: check_formula(C, "dW1", answer, lang="en"))


@pytest.mark.parametrize(("answer", "reason", "fragment"), HOSTILE, ids=lambda v: repr(v)[:40])
def test_hostile_input_is_invalid_named_and_fast(answer: str, reason: str, fragment: str) -> None:
    verdict, seconds = _judge_recording(answer)
    assert verdict.verdict == "invalid", verdict.message
    assert verdict.reason == reason, verdict.message
    assert fragment in verdict.message
    assert verdict.messages["ja"]
    assert seconds < BUDGET_SECONDS
    # ast.parse raises the "compile" audit event; nothing else (no exec, open, os.system,
    # subprocess, socket, import) may happen while judging learner text.
    assert set(_EVENTS) <= {"compile"}
    if verdict.span is not None:
        start, end = verdict.span
        assert 0 <= start < end <= len(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "canary()",
        "(lambda: canary())()",
        "[canary() for _ in X]",
        "np.sum(canary())",
        "X.T @ canary()",
        "dZ1 @ X.T / m + 0 * canary()",
        "getattr(X, 'T')(canary())",
    ],
)
def test_canary_is_never_called(answer: str, canary: list[str]) -> None:
    verdict, _ = _judge_recording(answer)
    assert verdict.verdict == "invalid"
    assert canary == []


@pytest.mark.parametrize(
    ("answer", "span_text"),
    [
        ("dZ1 @ X.T / m + foo", "foo"),
        ("dZ1 @ X.T / m + X.tofile('f')", "X.tofile"),
        ("dZ1 @ X[0]", "X[0]"),
        ("ｄＺ１ @ Ｘ.Ｔ / m + ｆｏｏ", "ｆｏｏ"),
        ("dZ1 @ X.T\n / m + np.load('f')", "np.load"),
    ],
)
def test_span_points_at_the_construct_in_the_original_text(answer: str, span_text: str) -> None:
    verdict = check_formula(C, "dW1", answer)
    start, end = verdict.span
    assert answer[start:end] == span_text


def test_full_width_ime_input_is_read_as_ascii() -> None:
    assert check_formula(C, "dW1", "ｄＺ１　＠　Ｘ．Ｔ　／　ｍ").verdict == "correct"
    assert check_formula(C, "dZ1", "dA1 × (1 − A1**2)").verdict == "correct"
    assert check_formula(C, "dZ1", "dA1\u00a0*\u3000(1 - A1**2)").verdict == "correct"


def test_overflow_is_never_correct() -> None:
    verdict = check_formula(C, "dW1", "dZ1 @ X.T / m + 0 * np.exp(1000 * W1)")
    assert verdict.verdict == "incorrect"
    assert verdict.diagnosis["code"] == "non_finite"


def test_broadcast_blow_up_is_refused_before_allocating() -> None:
    shapes = {"u": (2000, 1), "v": (1, 2000)}
    verdict = check_array_expression("u * v", "u + 0", shapes=shapes)
    assert (verdict.verdict, verdict.reason) == ("invalid", "too_big")
    assert "(2000, 2000)" in verdict.message
    work = check_array_expression("a @ a @ a", "a", shapes={"a": (1000, 1000)})
    assert work.reason == "too_big"


FORMULA_CHARACTERS = "XYZAWdbm12.()[]{}+-*/@^%<>=!,:;_ '\"\\TnpsumaxkeyTrue\n\t（ｘ）−×"


@settings(max_examples=300)
@given(text=st.text(alphabet=FORMULA_CHARACTERS, max_size=120) | st.text(max_size=60))
def test_any_text_gets_a_verdict_never_an_exception(text: str) -> None:
    started = time.perf_counter()
    verdict = check_formula(C, "dW1", text)
    assert verdict.verdict in {"correct", "incorrect", "invalid"}
    assert set(verdict.messages) == {"ja", "en"}
    assert time.perf_counter() - started < BUDGET_SECONDS


# hostile-inputs.md §5 C.35–C.39 as written there: a rows-layout dW1 with X (m, n) = (5, 3),
# judged through check_array_expression (the code-blank entry point; the preset entry point
# meets the same texts in HOSTILE above).
PLAN_SHAPES = {"X": (5, 3), "dZ1": (5, 4), "A1": (5, 4), "m": ()}
PLAN_REFERENCE = "X.T @ (dZ1 * (1 - A1**2)) / m"

# (plan item, answer, verdict, reason or diagnosis code, fragments of the English message)
PLAN_C35_C39 = [
    ("C.35", PLAN_REFERENCE, "correct", None, ["Correct"]),
    ("C.35", "np.dot(X.T, dZ1 * (1 - A1**2)) / m", "correct", None, ["Correct"]),
    ("C.35", "(dZ1*(1-A1**2)).T @ X / m", "incorrect", "transposed", ["(4, 3)", "(3, 4)"]),
    ("C.36", "X @ dZ1", "invalid", "matmul", ["(5, 3) @ (5, 4)", "`X.T`"]),
    ("C.37", "np.ones(10**12)", "invalid", "unknown_function", ["`np.ones`"]),
    ("C.37", "np.zeros((10**5, 10**5))", "invalid", "unknown_function", ["`np.zeros`"]),
    ("C.37", "X[:, None, None] * X[None, :, None]", "invalid", "forbidden", ["indexing"]),
    ("C.38", "A1**1000", "invalid", "exponent_too_large", ["exponent"]),
    ("C.38", "exp(1000 * X)", "invalid", "unknown_function", ["`np.exp(...)`"]),
    ("C.38", "X.T @ (dZ1 * np.exp(1000 * A1)) / m", "incorrect", "non_finite", ["inf or nan"]),
    ("C.39", "np.linalg.matrix_power(X, 10**9)", "invalid", "unknown_function", ["matrix_power"]),
    ("C.39", "np.kron(X, X)", "invalid", "unknown_function", ["`np.kron`"]),
    ("C.39", "np.einsum('ij->ji', X)", "invalid", "unknown_function", ["`np.einsum`"]),
]


@pytest.mark.parametrize(("item", "answer", "verdict", "code", "fragments"), PLAN_C35_C39)
def test_test_plan_items_c35_to_c39(
    item: str, answer: str, verdict: str, code: str | None, fragments: list[str]
) -> None:
    judged, _ = _recording(
        lambda: check_array_expression(answer, PLAN_REFERENCE, shapes=PLAN_SHAPES, lang="en")
    )
    assert judged.verdict == verdict, (item, judged.message)
    assert (judged.reason or (judged.diagnosis or {}).get("code")) == code, item
    assert all(fragment in judged.message for fragment in fragments), judged.message
    assert set(_EVENTS) <= {"compile"}
