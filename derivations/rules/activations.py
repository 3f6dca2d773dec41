"""Diagnosis rules for activation derivatives (catalogue M1, M3, M4, M6)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy

from derivations.functions import sigmoid
from derivations.mistakes import Context, MistakeRule
from derivations.rules.shapes import kink_atoms, ordered
from derivations.sampling import values_agree


def _input_for_output(ctx: Context) -> dict[str, str] | None:
    for func, name in ((sigmoid, "sigmoid"), (sympy.tanh, "tanh")):
        inputs = set().union(*(f.free_symbols for f in ctx.reference.atoms(func)))
        for var in ordered(inputs & ctx.answer.free_symbols):
            if ctx.reference_matches(ctx.value(ctx.answer, {var: func(var)})):
                return {"var": var, "output": f"{name}({var})"}
    return None


def _tanh_squares(expr: sympy.Expr, kinds: tuple[type, ...]) -> list[sympy.Pow]:
    return [p for p in expr.atoms(sympy.Pow) if p.exp == 2 and isinstance(p.base, kinds)]


def _tanh_missing_square(ctx: Context) -> dict[str, str] | None:
    """1 - tanh(x) or sech(x) (square dropped), or -tanh²(x) (the leading 1 dropped)."""
    squares = _tanh_squares(ctx.reference, (sympy.tanh, sympy.sech))
    if not squares:
        return None
    if ctx.answer_is(ctx.reference.xreplace({p: p.base for p in squares})):
        return {"part_en": "the square", "part_ja": "2 乗"}
    without_one = {1 - p: -p for p in squares if p.base.func is sympy.tanh}
    if without_one and ctx.answer_is(ctx.reference.xreplace(without_one)):
        return {"part_en": "the leading 1", "part_ja": "先頭の 1"}
    return None


def _tanh_square_sign(ctx: Context) -> dict[str, str] | None:
    squares = _tanh_squares(ctx.reference, (sympy.tanh,))
    if squares and ctx.answer_is(ctx.reference.xreplace({p: -p for p in squares})):
        return {}
    return None


def _relu_mask_wrong_tensor(ctx: Context) -> dict[str, str] | None:
    for atom in kink_atoms(ctx.reference):
        for used in ordered(atom.free_symbols):
            for other in ordered(set(ctx.symbols) - atom.free_symbols):
                moved = atom.xreplace({used: other})
                if ctx.answer_is(ctx.reference.xreplace({atom: moved})):
                    return {"used": str(other), "right": str(used)}
    return None


def _kink_variables(expr: sympy.Expr) -> set[sympy.Symbol]:
    return set().union(*(atom.free_symbols for atom in kink_atoms(expr)))


def _numeric_negative_slope(ctx: Context) -> str | None:
    """The reference's constant nonzero value for negative input, when the answer is right
    for positive input only (``1 if x > 0 else 0`` against leaky ReLU's derivative)."""
    kinked = _kink_variables(ctx.reference)
    if len(kinked) != 1:
        return None
    inputs = ctx.sample.env[next(iter(kinked))]
    answer, reference = ctx.answer_values, ctx.reference_values
    positive, negative = inputs > 0, inputs < 0
    if not values_agree(answer[positive], reference[positive]) or np.sum(negative) < 4:
        return None
    below = reference[negative]
    if below[0] == 0 or not np.allclose(below, below[0], rtol=1e-12, atol=0):
        return None
    if values_agree(answer[negative], below):
        return None
    return str(Fraction(float(below[0])).limit_denominator(1000))


def _leaky_relu_negative_branch(ctx: Context) -> dict[str, str] | None:
    if not kink_atoms(ctx.reference):
        return None
    for slope in ordered(ctx.reference.free_symbols - _kink_variables(ctx.reference)):
        if ctx.answer_matches(ctx.value(ctx.reference, {slope: sympy.Integer(0)})):
            return {"slope": str(slope)}
    slope = _numeric_negative_slope(ctx)
    return {"slope": slope} if slope is not None else None


def _kink_branches_swapped(ctx: Context) -> dict[str, str] | None:
    atoms = kink_atoms(ctx.reference)
    flip = {v: -v for v in _kink_variables(ctx.reference)}
    if atoms and ctx.answer_is(ctx.reference.xreplace({a: a.xreplace(flip) for a in atoms})):
        return {}
    return None


RULES = [
    MistakeRule(
        "input_for_output",
        {
            "en": "It looks like you used the input {var} where the output {output} belongs: "
            "substitute {output} for {var} and your expression becomes right.",
            "ja": "出力 {output} を使うべきところに入力 {var} を使っているようです。"
            "{var} を {output} に置き換えると正しい式になります。",
        },
        _input_for_output,
    ),
    MistakeRule(
        "tanh_missing_square",
        {
            "en": "The derivative of tanh is 1 - tanh², i.e. sech²: {part_en} is missing.",
            "ja": "tanh の導関数は 1 - tanh²（sech²）です。{part_ja}が抜けています。",
        },
        _tanh_missing_square,
    ),
    MistakeRule(
        "tanh_square_sign",
        {
            "en": "1 + tan² is the derivative of tan; for tanh it is 1 - tanh².",
            "ja": "1 + tan² は tan の導関数です。tanh の場合は 1 - tanh² になります。",
        },
        _tanh_square_sign,
    ),
    MistakeRule(
        "relu_mask_wrong_tensor",
        {
            "en": "The ReLU mask must come from the forward input {right}, not from {used}.",
            "ja": "ReLU のマスクは順伝播の入力 {right} から作ります。{used} から作ってはいけません。",
        },
        _relu_mask_wrong_tensor,
    ),
    MistakeRule(
        "leaky_relu_negative_branch",
        {
            "en": "For negative inputs the gradient is multiplied by the slope {slope}; "
            "your negative side is different (0 or another number?).",
            "ja": "入力が負のとき、勾配には傾き {slope} が掛かります。"
            "負の側の値が違います（0 や別の数になっていませんか）。",
        },
        _leaky_relu_negative_branch,
    ),
    MistakeRule(
        "kink_branches_swapped",
        {
            "en": "The positive and negative sides are exchanged: check which case applies when the input is > 0.",
            "ja": "正の側と負の側が入れ替わっています。入力が正のときにどちらの式になるか確認しましょう。",
        },
        _kink_branches_swapped,
    ),
]
