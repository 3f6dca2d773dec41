"""check_steps: each step against the one before, the first broken step, the final answer."""

import json

import pytest

from derivations import check_steps

CHAIN = [
    "diff(x^2*sigmoid(x), x)",
    "2*x*sigmoid(x) + x^2*sigmoid(x)*(1-sigmoid(x))",
    "x*sigmoid(x)*(2 + x - x*sigmoid(x))",
]


def test_a_sound_chain_ends_at_the_reference() -> None:
    report = check_steps(CHAIN, reference="diff(x^2*sigmoid(x), x)")
    assert [s.status for s in report.steps] == ["equivalent"] * 3
    assert report.first_broken is None
    assert report.final_ok is True


def test_first_broken_step_has_a_counterexample() -> None:
    steps = [*CHAIN[:2], "2*x*sigmoid(x)", "2*x/(1+exp(-x))"]
    report = check_steps(steps, reference=CHAIN[0])
    assert report.first_broken == 2
    assert report.steps[2].status == "not_equivalent"
    assert report.steps[2].counterexample is not None
    assert report.steps[3].status == "equivalent"  # judged against step 2, not the start
    assert report.final_ok is False


def test_consistent_steps_with_a_wrong_result() -> None:
    report = check_steps(["x^2", "x*x"], reference="2*x")
    assert report.first_broken is None
    assert report.final_ok is False
    assert "result" in report.message


def test_unreadable_step_is_invalid_and_the_chain_goes_on() -> None:
    report = check_steps(["x^2 + 2*x", "x*(x+2", "x*(x+2)"])
    assert [s.status for s in report.steps] == ["equivalent", "invalid", "equivalent"]
    assert report.steps[1].span is not None
    assert report.first_broken == 1
    assert report.final_ok is None


def test_start_is_compared_with_the_first_step() -> None:
    report = check_steps(["2*x + 1"], start="diff(x^2, x)")
    assert report.steps[0].status == "not_equivalent"
    assert report.first_broken == 0


def test_definitions_and_latex_steps() -> None:
    report = check_steps(
        [r"\sigma(x)(1-\sigma(x))", r"y(1-y)"],
        format="latex",
        definitions={"y": "sigmoid(x)"},
        reference="diff(sigmoid(x), x)",
    )
    assert report.final_ok is True
    assert report.first_broken is None


def test_to_dict_is_json_safe_in_both_languages() -> None:
    report = check_steps(["x^2", "2*x"])
    for lang in ("ja", "en"):
        data = report.to_dict(lang)
        assert json.loads(json.dumps(data)) == data
        assert set(data) == {"steps", "first_broken", "final_ok", "message"}
        assert data["steps"][1]["status"] == "not_equivalent"
    assert report.to_dict("ja")["message"] != report.to_dict("en")["message"]


def test_broken_reference_is_reported_not_raised() -> None:
    report = check_steps(["x"], reference="x +")
    assert report.steps == ()
    assert "reference" in report.message


def test_malformed_calls_are_reported() -> None:
    assert check_steps("x^2", format="text").steps == ()
    assert "format" in check_steps(["x"], format="rtf").message


@pytest.mark.parametrize(
    ("steps", "fmt"),
    [
        (["diff(x^2, x)", "= 2*x", "=2x"], "text"),
        (["diff(x^2, x)", "＝ 2*x", "  ＝２ｘ"], "text"),
        (["x^2 + x^2", r"&= 2x^{2}", r"& = 2 x^2"], "latex"),
    ],
)
def test_continued_lines_may_start_with_an_equals_sign(steps: list[str], fmt: str) -> None:
    report = check_steps(steps, format=fmt)
    assert [s.status for s in report.steps] == ["equivalent"] * len(steps)
    assert [s.text for s in report.steps] == steps  # echoed as typed


@pytest.mark.parametrize(
    ("steps", "broken"),
    [
        (["diff(x^2, x)", "= 2*x", "= x"], 2),  # a wrong continued line is still caught
        (["x^2", "== x*x"], 1),  # '==' is not a continuation: unreadable, not skipped
        (["x^2", "=> x*x"], 1),
    ],
)
def test_continuation_prefix_does_not_hide_mistakes(steps: list[str], broken: int) -> None:
    assert check_steps(steps).first_broken == broken


def test_error_span_points_into_the_line_as_typed() -> None:
    report = check_steps(["x^2", "  = x*(x+2"])
    step = report.steps[1]
    assert step.status == "invalid"
    assert step.span is not None
    assert step.span[0] >= len("  = ")
    assert step.span[1] <= len("  = x*(x+2")
