"""Every error kind: input → (code, span in the ORIGINAL text), plus message quality."""

import pytest

from derivations.errors import LearnerInputError
from derivations.limits import MAX_DEPTH, MAX_INPUT_CHARS
from derivations.parsing import parse_math
from derivations.vocabulary import Vocabulary

VOCAB = Vocabulary(frozenset({"x", "y", "a", "b"}))

ERRORS = [
    ("", "empty", (0, 0)),
    ("   ", "empty", (0, 3)),
    ("y =", "empty", (0, 3)),
    ("x" * (MAX_INPUT_CHARS + 1), "too_long", (MAX_INPUT_CHARS, MAX_INPUT_CHARS + 1)),
    ("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1), "too_deep", (MAX_DEPTH, MAX_DEPTH + 1)),
    ("-" * (MAX_DEPTH + 1) + "x", "too_deep", (MAX_DEPTH, MAX_DEPTH + 1)),
    ("*".join(["x"] * 1000), "too_complex", (0, 1999)),
    ("1" * 41, "number_too_large", (0, 41)),
    ("x + 1e101", "number_too_large", (4, 9)),
    ("1e10000", "number_too_large", (0, 7)),
    ("9^9^9", "power_too_large", (0, 5)),
    ("9**9**9**9", "power_too_large", (3, 10)),
    ("10^10^10", "power_too_large", (0, 8)),
    ("2^(2^64)", "power_too_large", (0, 8)),
    ("x^1000000", "power_too_large", (0, 9)),
    ("x^(-101)", "power_too_large", (0, 8)),
    ("(((9^64)^64)^64)^64", "power_too_large", (1, 12)),
    ("x + $", "bad_character", (4, 5)),
    ("x'", "bad_character", (1, 2)),
    ("f'(x) + 1", "bad_character", (1, 2)),
    ("x.y", "bad_character", (1, 2)),
    ("ｘ＋＄", "bad_character", (2, 3)),
    ("x\u202e+1", "bad_character", (1, 2)),
    ("x\u2066", "bad_character", (1, 2)),
    ("x\x00+1", "bad_character", (1, 2)),
    ("x\x07", "bad_character", (1, 2)),
    ("\u200bx + $", "bad_character", (5, 6)),
    ("(x + 1", "unbalanced_bracket", (0, 1)),
    ("x + 1)", "unbalanced_bracket", (5, 6)),
    ("(x + 1]", "unbalanced_bracket", (6, 7)),
    ("（ｘ＋１", "unbalanced_bracket", (0, 1)),
    ("2 + |x", "unbalanced_bracket", (4, 5)),
    ("½ + $", "bad_character", (4, 5)),
    ("x² $", "bad_character", (3, 4)),
    ("x +", "unexpected_token", (3, 3)),
    ("x + * y", "unexpected_token", (4, 5)),
    ("x 2", "unexpected_token", (2, 3)),
    ("(x+1) 2", "unexpected_token", (6, 7)),
    ("x, y", "unexpected_token", (1, 2)),
    ("x + 1 = 2", "unexpected_token", (6, 7)),
    ("x > 0", "unexpected_token", (2, 3)),
    ("1/2x", "ambiguous_division", (0, 4)),
    ("a/b c", "ambiguous_division", (0, 5)),
    ("z", "unknown_name", (0, 1)),
    ("x + xy", "unknown_name", (4, 6)),
    ("sigmoidd(x)", "unknown_name", (0, 8)),
    ("__import__", "unknown_name", (0, 10)),
    ("x_1_2", "unknown_name", (0, 5)),
    ("diff(x^2, x)", "forbidden_operator", (0, 4)),
    ("Derivative(x^2, x)", "forbidden_operator", (0, 10)),
    ("integrate(x, x)", "forbidden_operator", (0, 9)),
    ("d/dx(x^2)", "forbidden_operator", (0, 4)),
    ("2 d/dx x^2", "forbidden_operator", (2, 6)),
    ("∂x^2/∂x", "forbidden_operator", (0, 1)),
    ("2∇x", "forbidden_operator", (1, 2)),
    ("sin x", "function_needs_argument", (0, 3)),
    ("exp + 1", "function_needs_argument", (0, 3)),
    ("exp(x, y)", "wrong_arity", (0, 9)),
    ("max(x)", "wrong_arity", (0, 6)),
    ("exp()", "wrong_arity", (0, 5)),
    ("x if x else 1", "bad_condition", (5, 6)),
    ("1 if (x if x > 0 else 1) > 0 else 2", "bad_condition", (5, 28)),
    ("1 if x > 0", "unexpected_token", (10, 10)),
    ("1/0", "undefined", (0, 3)),
    ("x/(a-a)", "undefined", (0, 7)),
]


@pytest.mark.parametrize(("text", "code", "span"), ERRORS)
def test_error_code_and_span(text, code, span):
    with pytest.raises(LearnerInputError) as caught:
        parse_math(text, vocabulary=VOCAB)
    assert (caught.value.code, caught.value.span) == (code, span)
    assert caught.value.message("ja") != caught.value.message("en")


@pytest.mark.parametrize(
    ("text", "en_fragment", "ja_fragment"),
    [
        ("sigmoidd(x)", "Did you mean `sigmoid`?", "`sigmoid` のことですか"),
        ("xy", "write `x*y`", "`x*y`"),
        ("z", "Names you can use: a, b, x, y.", "使える名前: a, b, x, y"),
        ("diff(x, x)", "`diff` is not allowed", "`diff` は使えません"),
        ("(x]", "use `)`", "`)` を使ってください"),
        ("x\u202e", "U+202E", "U+202E"),
        ("\\frac{1}{x}", "choose the LaTeX input format", "LaTeX に切り替える"),
    ],
)
def test_messages_are_specific(text, en_fragment, ja_fragment):
    with pytest.raises(LearnerInputError) as caught:
        parse_math(text, vocabulary=VOCAB)
    assert en_fragment in caught.value.message("en")
    assert ja_fragment in caught.value.message("ja")


def test_message_falls_back_to_english():
    with pytest.raises(LearnerInputError) as caught:
        parse_math("", vocabulary=VOCAB)
    assert caught.value.message("fr") == caught.value.message("en")


def test_question_may_allow_diff():
    vocab = Vocabulary(frozenset({"x"}), forbid=frozenset())
    assert parse_math("diff(x^2, x)", vocabulary=vocab).names == frozenset({"x"})


def test_every_code_and_message_key_has_both_languages():
    from derivations.error_messages import HINTS, MESSAGES
    from derivations.errors import CODES

    for code in CODES:
        assert any(key == code or key.startswith(code + "_") for key in MESSAGES), code
    for key, templates in {**MESSAGES, **HINTS}.items():
        assert set(templates) == {"ja", "en"}, key
        assert templates["ja"] != templates["en"], key
    assert {code for _, code, _ in ERRORS} <= CODES


def test_long_quotes_are_shortened_in_messages():
    with pytest.raises(LearnerInputError) as caught:
        parse_math("a" * 1500, vocabulary=VOCAB)
    assert caught.value.span == (0, 1500)
    assert len(caught.value.message("en")) < 200
    assert "a" * 39 + "…" in caught.value.message("ja")
