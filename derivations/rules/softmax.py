"""Diagnosis rules for softmax Jacobians (catalogue M7-M10)."""

from __future__ import annotations

import functools
import itertools

import sympy

from derivations.mistakes import Context, MistakeRule
from derivations.rules.shapes import ordered, softmax_denominators, softmax_outputs


@functools.lru_cache(maxsize=128)
def _jacobian_entry(reference: sympy.Expr) -> bool:
    """Whether the reference reads as an entry y_i(δ_ik - y_k) of a softmax Jacobian.

    Written in the outputs y_k = exp(z_k)/Σ exp, such an entry is a polynomial with no
    constant term and a nonzero quadratic part; a loss gradient y_k - t_k or y_k - 1
    has a constant (label) term, and a single output y_k no quadratic part.
    """
    denominators = softmax_denominators(reference)
    if len(denominators) != 1:
        return False
    (denominator,) = denominators
    exps = [t for t in denominator.args if isinstance(t, sympy.exp)]
    outputs = [sympy.Dummy(f"y{k}") for k in range(len(exps))]
    total = sympy.Dummy("total")
    rule = {denominator: total, **{e: y * total for e, y in zip(exps, outputs, strict=True)}}
    try:
        poly = sympy.Poly(sympy.expand(reference.xreplace(rule)), *outputs)
    except sympy.PolynomialError:
        return False
    if total in poly.free_symbols:
        return False
    degrees = {sum(monomial) for monomial in poly.monoms()}
    return 0 not in degrees and 2 in degrees


def _offdiag_sign(ctx: Context) -> dict[str, str] | None:
    reference = ctx.reference
    negative = _jacobian_entry(reference) and reference.could_extract_minus_sign()
    return {} if negative and ctx.answer_is(-reference) else None


@functools.lru_cache(maxsize=128)
def _diagonal_formulas(reference: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """``y_i (1 - y_k)`` for every pair of the reference's softmax outputs."""
    outputs = softmax_outputs(reference)
    return tuple(p * (1 - q) for p, q in itertools.product(outputs, repeat=2))


@functools.lru_cache(maxsize=128)
def _negated_squares(reference: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """``-y_i²`` for every softmax output of the reference."""
    return tuple(-(p**2) for p in softmax_outputs(reference))


def _diagonal_only(ctx: Context) -> dict[str, str] | None:
    if not _jacobian_entry(ctx.reference):
        return None
    return ctx.first_match((c, {}) for c in _diagonal_formulas(ctx.reference))


def _offdiag_on_diagonal(ctx: Context) -> dict[str, str] | None:
    if not _jacobian_entry(ctx.reference):
        return None
    return ctx.first_match((c, {}) for c in _negated_squares(ctx.reference))


def _wrong_axis(ctx: Context) -> dict[str, str] | None:
    extra = ordered(ctx.answer.free_symbols - ctx.reference.free_symbols)
    denominators = softmax_denominators(ctx.reference)
    if not (extra and denominators):
        return None
    widened = {d: d + sum(sympy.exp(v) for v in extra) for d in denominators}
    return {} if ctx.answer_is(ctx.reference.xreplace(widened)) else None


def _shift_not_cancelled(ctx: Context) -> dict[str, str] | None:
    if not softmax_denominators(ctx.reference):
        return None
    shifts = ordered(ctx.answer.free_symbols - ctx.reference.free_symbols)
    candidates = (
        (ctx.reference_values * ctx.value(sympy.exp(sign * v)), {"shift": v})
        for v in shifts
        for sign in (-1, 1)
    )
    return ctx.first_match(candidates)


RULES = [
    MistakeRule(
        "softmax_offdiag_sign",
        {
            "en": "For i ≠ k the softmax derivative is -y_i·y_k: the minus sign is missing.",
            "ja": "i ≠ k のときソフトマックスの偏微分は -y_i·y_k です。マイナス符号が抜けています。",
        },
        _offdiag_sign,
    ),
    MistakeRule(
        "softmax_diagonal_only",
        {
            "en": "You used the diagonal formula y_i(1 - y_k); that is right only for i = k. "
            "Off the diagonal the entry is -y_i·y_k.",
            "ja": "対角成分の式 y_i(1 - y_k) を使っています。これは i = k のときだけ正しく、"
            "それ以外の成分は -y_i·y_k です。",
        },
        _diagonal_only,
    ),
    MistakeRule(
        "softmax_offdiag_on_diagonal",
        {
            "en": "For the diagonal entry (i = k) the derivative is y_i(1 - y_i), not -y_i².",
            "ja": "対角成分（i = k）の偏微分は -y_i² ではなく y_i(1 - y_i) です。",
        },
        _offdiag_on_diagonal,
    ),
    MistakeRule(
        "softmax_wrong_axis",
        {
            "en": "The softmax is normalised over too many entries: each row (sample) uses "
            "only its own sum of exponentials.",
            "ja": "ソフトマックスの正規化の範囲が広すぎます。各行（各サンプル）は自分の行の指数の和だけで割ります。",
        },
        _wrong_axis,
    ),
    MistakeRule(
        "softmax_shift_not_cancelled",
        {
            "en": "Subtracting {shift} keeps softmax unchanged only if it is subtracted in the "
            "numerator and in every term of the denominator.",
            "ja": "{shift} を引いてもソフトマックスが変わらないのは、分子と分母のすべての項から引いた場合だけです。",
        },
        _shift_not_cancelled,
    ),
]
