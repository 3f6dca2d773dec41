"""Diagnosis rules for loss gradients: cross-entropy, softmax/sigmoid + CE (M11-M13)."""

from __future__ import annotations

import sympy

from derivations.mistakes import Context, MistakeRule
from derivations.rules.shapes import output_minus_target, softmax_outputs, terms


def _form(build):
    """A rule matching when the answer equals ``build(S, t)`` for a reading R = S - t."""

    def match(ctx: Context) -> dict[str, str] | None:
        for _, target in output_minus_target(ctx.reference):
            t = ctx.sample.env[target]
            if ctx.answer_matches(build(ctx.reference_values + t, t)):
                return {"target": str(target)}
        return None

    return match


def _divides_by_variable(expr: sympy.Expr) -> bool:
    return any(p.exp.is_negative and p.base.free_symbols for p in expr.atoms(sympy.Pow))


def _cross_entropy_sign(ctx: Context) -> dict[str, str] | None:
    reference = ctx.reference
    if softmax_outputs(reference) or not _divides_by_variable(reference):
        return None
    flips = [
        ctx.reference_values - 2 * ctx.value(term)
        for term in terms(reference)
        if _divides_by_variable(term)
    ]
    return ctx.first_match((c, {}) for c in [-ctx.reference_values, *flips])


RULES = [
    MistakeRule(
        "target_minus_output",
        {
            "en": "The gradient is (output - {target}), not ({target} - output): the sign is reversed.",
            "ja": "勾配は（出力 - {target}）です。（{target} - 出力）では符号が逆になります。",
        },
        _form(lambda s, t: t - s),
    ),
    MistakeRule(
        "missing_target",
        {
            "en": "The label term is missing: subtract {target} from the output.",
            "ja": "正解ラベルの項が抜けています。出力から {target} を引きます。",
        },
        _form(lambda s, t: s),
    ),
    MistakeRule(
        "ce_output_gradient_only",
        {
            "en": "-{target}/y is the gradient with respect to the output y only; chain it through "
            "the activation to get the gradient with respect to its input.",
            "ja": "-{target}/y は出力 y についての勾配だけです。活性化関数を通して連鎖させると、入力についての勾配になります。",
        },
        _form(lambda s, t: -t / s),
    ),
    MistakeRule(
        "extra_activation_derivative",
        {
            "en": "There is an extra factor y(1 - y): with cross-entropy the activation's "
            "derivative cancels and the gradient is simply y - {target}.",
            "ja": "余分な y(1 - y) が掛かっています。交差エントロピーと組み合わせると活性化関数の微分は打ち消し合い、勾配は y - {target} になります。",
        },
        _form(lambda s, t: s * (1 - s) * (s - t)),
    ),
    MistakeRule(
        "gradient_wrt_output",
        {
            "en": "This is the gradient with respect to the output; the question asks for the "
            "gradient with respect to the pre-activation, which is y - {target}.",
            "ja": "これは出力についての勾配です。問われているのは活性化前の値についての勾配で、y - {target} になります。",
        },
        _form(lambda s, t: (s - t) / (s * (1 - s))),
    ),
    MistakeRule(
        "cross_entropy_sign",
        {
            "en": "Check the sign: the derivative of -t·log(y) is -t/y.",
            "ja": "符号を確認しましょう。-t·log(y) の微分は -t/y です。",
        },
        _cross_entropy_sign,
    ),
]
