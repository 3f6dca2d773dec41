"""Kinks far from 0 (a cap at 6, a clip at ±4) are sampled on both sides.

The random rounds stay within a few units of 0; without kink witnesses these wrong
answers were accepted as 'agreed numerically'.
"""

import pytest

from derivations import check_expression

RELU6_PRIME = "diff(min(max(0, x), 6), x)"
CLIP4_PRIME = "diff(min(max(x, -4), 4), x)"

CASES = [
    # (answer, reference, expected verdict)
    ("Heaviside(x)", RELU6_PRIME, "incorrect"),  # forgot the cap at 6
    ("1 if x > 0 else 0", RELU6_PRIME, "incorrect"),
    ("1", CLIP4_PRIME, "incorrect"),  # forgot the clip
    ("x", "min(max(x, -6), 6)", "incorrect"),
    ("relu(x - 20) + 1", "relu(x - 30) + 1", "incorrect"),  # kinks outside the random range
    ("Heaviside(x)*Heaviside(6 - x)", RELU6_PRIME, "correct"),
    ("1 if x > 0 and x < 6 else 0", RELU6_PRIME, "correct"),
    ("1 if abs(x) < 4 else 0", CLIP4_PRIME, "correct"),
    ("max(x, -6) - max(x - 6, 0)", "min(max(x, -6), 6)", "correct"),
]


@pytest.mark.parametrize(("answer", "reference", "expected"), CASES)
def test_far_kinks_decide_the_verdict(answer: str, reference: str, expected: str) -> None:
    verdict = check_expression(answer, reference, variables=["x"])
    assert verdict.verdict == expected, verdict.message
    if expected == "incorrect":
        point = verdict.counterexample["point"]["x"]
        assert abs(point) > 3  # found beyond the random rounds' usual range
