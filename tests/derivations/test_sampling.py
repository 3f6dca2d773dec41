"""Numeric screening: seeded points, kinks, domains, float64 vs 30-digit checks."""

import numpy as np
import pytest
import sympy

from derivations.numeric import NotEvaluable, evaluate_float, evaluate_mp, prepare
from derivations.sampling import (
    KINK_MARGIN,
    MIN_POINTS,
    format_point,
    mp_recheck,
    screen,
    seed_for,
    values_agree,
)

x, y = sympy.symbols("x y", real=True)
p = sympy.Symbol("p", positive=True)


def test_seed_depends_only_on_inputs() -> None:
    assert seed_for("a", 1) == seed_for("a", 1)
    assert seed_for("a", 1) != seed_for("a", 2)


def test_same_seed_same_points_and_verdict() -> None:
    first = screen(x**2, x * x + 1, [x], seed=7)
    second = screen(x**2, x * x + 1, [x], seed=7)
    assert first.counterexample == second.counterexample is not None


def test_mismatch_reports_point_and_both_values() -> None:
    result = screen(x * (1 - x), x - x**2 + 1, [x], seed=1)
    assert result.outcome == "mismatch"
    ce = result.counterexample
    assert set(ce) == {"point", "answer_value", "reference_value"}
    assert ce["reference_value"] - ce["answer_value"] == pytest.approx(1.0)


def test_agreement_counts_enough_points() -> None:
    result = screen(sympy.tanh(x) ** 2, 1 - sympy.sech(x) ** 2, [x], seed=3)
    assert result.outcome == "agree"
    assert result.sample.size >= MIN_POINTS


def test_points_near_kinks_are_never_used() -> None:
    result = screen(sympy.Heaviside(x - y), sympy.Heaviside(x - y), [x, y], seed=5)
    gaps = np.abs(result.sample.env[x] - result.sample.env[y])
    assert np.all(gaps > KINK_MARGIN)


def test_positive_symbols_are_sampled_positive() -> None:
    result = screen(sympy.sqrt(p) ** 2, p, [p], seed=2)
    assert np.all(result.sample.env[p] > 0)
    assert result.outcome == "agree"


def test_disjoint_domains_are_weak_evidence() -> None:
    result = screen(sympy.sqrt(x - 100), sympy.sqrt(-x - 100), [x], seed=4)
    assert result.outcome == "weak"


def test_overflowing_values_are_compared_with_mpmath() -> None:
    a = sympy.Symbol("a", real=True)
    assert screen((x - a) ** 600, (a - x) ** 600, [x, a], seed=6).outcome == "agree"
    assert screen((x - a) ** 600, (x - a) ** 599, [x, a], seed=6).outcome == "mismatch"


def test_near_tie_is_found_only_at_30_digits() -> None:
    nearly = sympy.Rational(333333333333333, 10**15) * x**2
    result = screen(nearly, x**2 / 3, [x], seed=8)
    assert result.outcome == "agree"  # float64 cannot see a 1e-15 relative difference
    agreed, counterexample = mp_recheck(nearly, x**2 / 3, result.sample)
    assert counterexample is not None
    assert counterexample["answer_value"] != counterexample["reference_value"]


def test_wrong_constant_cannot_hide_behind_large_terms() -> None:
    result = screen(sympy.exp(40 * x) + 1, sympy.exp(40 * x), [x], seed=9)
    assert result.outcome == "mismatch"


def test_values_agree_needs_half_of_the_points() -> None:
    known = np.arange(1.0, 11.0)
    assert values_agree(known, known * (1 + 1e-12))
    assert not values_agree(known, known + 1e-3)
    assert not values_agree(known, np.where(known > 2, np.nan, known))


def test_format_point_shows_enough_digits_to_differ() -> None:
    shown = format_point({x: 0.5}, 0.1234567891, 0.1234567899)
    assert shown["point"] == {"x": 0.5}
    assert shown["answer_value"] != shown["reference_value"]


def test_prepare_makes_decimals_exact() -> None:
    assert prepare(sympy.Float("0.044715") * 3) == sympy.Rational(134145, 10**6)


def test_evaluation_is_real_valued() -> None:
    values = evaluate_float(sympy.sqrt(x) + sympy.log(x), {x: np.array([-1.0, 4.0])}).values
    assert np.isnan(values[0])
    assert values[1] == pytest.approx(2 + np.log(4))
    assert evaluate_mp(sympy.sqrt(x), {x: -1.0}) is None


def test_unknown_functions_cannot_be_evaluated() -> None:
    f = sympy.Function("f")
    with pytest.raises(NotEvaluable):
        evaluate_float(f(x), {x: np.array([1.0])})
