"""Diagnosis rules that apply to any formula: sign, factor, missing term or factor."""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction

import numpy as np
import sympy

from derivations.mistakes import Context, MistakeRule
from derivations.rules.shapes import KINKS, factors, ordered, terms


def _relative_gap(a, r):
    return np.abs(a - r) / np.maximum(np.maximum(np.abs(a), np.abs(r)), 1e-300)


def _rounded_constant(ctx: Context) -> dict[str, str] | None:
    """Tiny differences everywhere, the counterexample included."""
    ce = ctx.counterexample
    if ce is None or ctx.sample.size == 0:
        return None
    witness = float(
        _relative_gap(np.float64(ce["answer_value"]), np.float64(ce["reference_value"]))
    )
    worst = max(float(np.max(_relative_gap(ctx.answer_values, ctx.reference_values))), witness)
    if worst < 1e-6:
        return {"digits": int(-np.log10(max(worst, 1e-16)))}
    return None


def _sign_flip(ctx: Context) -> dict[str, str] | None:
    return {} if ctx.answer_matches(-ctx.reference_values) else None


@functools.lru_cache(maxsize=128)
def _inner_derivatives(expr: sympy.Expr) -> tuple[sympy.Expr, ...]:
    found = []
    for application in expr.atoms(sympy.Function):
        for inner in application.args:
            if inner.is_Symbol or inner.is_number:
                continue
            for var in ordered(inner.free_symbols):
                slope = sympy.diff(inner, var)
                if slope not in (0, 1, -1):
                    found.append(slope)
    return tuple(sorted(set(found), key=sympy.default_sort_key))


def _without_in_one_term(ctx: Context, factor: sympy.Expr):
    """Values of the reference with ``factor`` divided out of all of it or of one term."""
    divisor = ctx.value(factor)
    yield ctx.reference_values / divisor
    parts = terms(ctx.reference)
    if len(parts) > 1:
        for part in parts:
            part_values = ctx.value(part)
            yield ctx.reference_values - part_values + part_values / divisor


def _missing_inner_derivative(ctx: Context) -> dict[str, str] | None:
    for slope in _inner_derivatives(ctx.reference):
        params = {"factor": slope}
        found = ctx.first_match((c, params) for c in _without_in_one_term(ctx, slope))
        if found is not None:
            return found
    return None


def _constant_ratio(ctx: Context) -> str | None:
    reference, answer = ctx.reference_values, ctx.answer_values
    usable = np.abs(reference) > 1e-9 * np.maximum(ctx.sample.scale, 1e-300)
    if np.sum(usable) < 4:
        return None
    ratios = answer[usable] / reference[usable]
    middle = float(np.median(ratios))
    if middle in (0.0, 1.0, -1.0) or not np.all(np.abs(ratios - middle) <= 1e-8 * abs(middle)):
        return None
    nice = Fraction(middle).limit_denominator(1000)
    return str(nice) if abs(float(nice) - middle) <= 1e-9 * abs(middle) else None


def _constant_factor(ctx: Context) -> dict[str, str] | None:
    number = _constant_ratio(ctx)
    if number is not None:
        return {"factor": number}
    factors_ = factors(ctx.reference)
    for factor in factors_:
        var = factor.base if factor.is_Pow and factor.exp == -1 else factor
        others = set().union(*(f.free_symbols for f in factors_ if f is not factor))
        if var.is_Symbol and var not in others:
            values = ctx.sample.env[var]
            candidates = (
                (ctx.reference_values * values, var),
                (ctx.reference_values / values, f"1/{var}"),
            )
            found = ctx.first_match((v, {"factor": label}) for v, label in candidates)
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=128)
def _squares_dropped(reference: sympy.Expr) -> tuple[tuple[sympy.Expr, dict], ...]:
    squares = [p for p in reference.atoms(sympy.Pow) if p.exp in (2, -2)]
    return tuple(
        (reference.xreplace({p: p.base ** (p.exp / 2)}), {"base": p.base}) for p in squares
    )


def _missing_square(ctx: Context) -> dict[str, str] | None:
    return ctx.first_match(_squares_dropped(ctx.reference))


def _term_changes(ctx: Context, times: int) -> dict[str, str] | None:
    """A term dropped or negated; kink pieces (Heaviside, Piecewise, ...) are left to the
    kink-aware rules, whose messages say which side of the kink is wrong."""
    parts = terms(ctx.reference)
    if len(parts) < 2:
        return None
    smooth = (p for p in parts if not p.has(*KINKS))
    changed = ((ctx.reference_values - times * ctx.value(p), {"term": p}) for p in smooth)
    return ctx.first_match(changed)


def _swapped_variables(ctx: Context) -> dict[str, str] | None:
    present = ordered(ctx.reference.free_symbols)
    extra = ordered(ctx.answer.free_symbols - ctx.reference.free_symbols)
    swaps = [({u: v, v: u}, u, v) for u, v in itertools.combinations(present, 2)]
    swaps += [({u: v}, u, v) for u in present for v in extra]
    return ctx.first_match((ctx.value(ctx.reference, m), {"a": u, "b": v}) for m, u, v in swaps)


def _missing_factor(ctx: Context) -> dict[str, str] | None:
    """The reference with one factor of one term left out.

    The candidate is the product of the other factors, not the reference divided by the
    factor: where a factor is 0 (a Heaviside mask) the quotient is undefined, and those
    points would silently stop counting, so a wrong factor could be named.
    """
    seen = set()
    for part in terms(ctx.reference):
        part_factors = factors(part)
        for index, factor in enumerate(part_factors):
            if not factor.free_symbols or factor in seen:
                continue
            seen.add(factor)
            rest = sympy.Mul(*part_factors[:index], *part_factors[index + 1 :])
            candidates = [ctx.reference_values - ctx.value(part) + ctx.value(rest)]
            if not np.any(ctx.value(factor) == 0):
                candidates.append(ctx.reference_values / ctx.value(factor))
            found = ctx.first_match((c, {"factor": factor}) for c in candidates)
            if found is not None:
                return found
    return None


RULES = [
    MistakeRule(
        "rounded_constant",
        {
            "en": "Your expression agrees with the right one to about {digits} significant "
            "digits only: a constant seems to be rounded (write it exactly, e.g. sqrt(2/pi) or 1/3).",
            "ja": "正しい式とは有効数字およそ {digits} 桁までしか一致しません。定数を丸めているようです"
            "（sqrt(2/pi) や 1/3 のように正確に書きましょう）。",
        },
        _rounded_constant,
    ),
    MistakeRule(
        "sign_flip",
        {
            "en": "Your expression is exactly the negative of the right one: check the signs.",
            "ja": "正しい式とちょうど符号が逆になっています。符号を確認しましょう。",
        },
        _sign_flip,
    ),
    MistakeRule(
        "missing_inner_derivative",
        {
            "en": "Chain rule: the derivative of the inner expression, {factor}, is missing.",
            "ja": "連鎖律：内側の式の微分 {factor} が掛かっていません。",
        },
        _missing_inner_derivative,
    ),
    MistakeRule(
        "constant_factor",
        {
            "en": "Your expression is the right one multiplied by {factor}: look for a lost or "
            "extra constant (1/2, 2, the batch size).",
            "ja": "正しい式の {factor} 倍になっています。係数（1/2、2、バッチサイズなど）の抜けや余分を確認しましょう。",
        },
        _constant_factor,
    ),
    MistakeRule(
        "missing_square",
        {
            "en": "A square is missing: {base} should be squared.",
            "ja": "2 乗が抜けています。{base} を 2 乗する必要があります。",
        },
        _missing_square,
    ),
    MistakeRule(
        "missing_term",
        {
            "en": "One term is missing: {term} (product rule or a forgotten path?).",
            "ja": "項が 1 つ足りません：{term}（積の微分や経路の足し忘れ？）。",
        },
        lambda ctx: _term_changes(ctx, 1),
    ),
    MistakeRule(
        "term_sign_flip",
        {
            "en": "One term has the wrong sign: {term}.",
            "ja": "1 つの項の符号が逆です：{term}。",
        },
        lambda ctx: _term_changes(ctx, 2),
    ),
    MistakeRule(
        "swapped_variables",
        {
            "en": "Your expression would be right with {a} and {b} exchanged (wrong variable or transposed index).",
            "ja": "{a} と {b} を入れ替えると正しい式になります（変数の取り違えか、添字の転置）。",
        },
        _swapped_variables,
    ),
    MistakeRule(
        "missing_factor",
        {
            "en": "A factor is missing: {factor}.",
            "ja": "因子 {factor} が掛かっていません。",
        },
        _missing_factor,
    ),
]
