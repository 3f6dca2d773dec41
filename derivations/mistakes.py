"""Mistake diagnosis: a registry of small named rules with stable codes.

Public names: ``diagnose``, ``MISTAKES``, ``MistakeRule``, ``Context``.

A rule builds *candidates*: the reference perturbed the way a typical mistake would
perturb it (square dropped, sign flipped, input used where the output belongs, ...).
If the learner's answer agrees with a candidate at the sampled points, the rule
names the mistake. Rules run in registry order and only for ``incorrect`` answers;
the first match wins. Catalogue numbers (M1...) refer to the team's reference
``mistakes.md``:

================================  =====================================================
code                              mistake
================================  =====================================================
input_for_output                  M1/M3: x(1-x) or 1-x² with the input, not σ(x)/tanh(x)
tanh_missing_square               M3: 1 - tanh, sech (no square) or -tanh² (no 1)
tanh_square_sign                  M3: 1 + tanh²(x) (the derivative of tan)
relu_mask_wrong_tensor            M4: ReLU mask taken from another quantity
leaky_relu_negative_branch        M6: the slope for x < 0 is missing or another number
kink_branches_swapped             M6: the two sides of the kink are exchanged
softmax_offdiag_sign              M7: +y_i y_k for -y_i y_k (Jacobian entries only)
softmax_diagonal_only             M8: the diagonal formula y_i(1-y_i) where cross terms belong
softmax_offdiag_on_diagonal       M8: -y_i² used for the diagonal entry
softmax_wrong_axis                M9: normalised over more entries than the row
softmax_shift_not_cancelled       M10: max/shift subtracted in one place only
cross_entropy_sign                M11: t/y instead of -t/y
target_minus_output               M12: t - y instead of y - t
ce_output_gradient_only           M12: -t/y, not chained through softmax/sigmoid
extra_activation_derivative       M12/M13: an extra y(1-y) factor
missing_target                    M12: the label term is missing
gradient_wrt_output               M13: dL/dy given where dL/dz was asked
missing_inner_derivative          chain rule: the inner derivative is missing
missing_term                      a product-rule or sum term is missing
missing_square                    a square is missing
swapped_variables                 two variables exchanged (wrong variable, transposed index)
rounded_constant                  a constant typed as a rounded decimal (0.7978845608)
sign_flip                         M2/M14: the whole answer has the wrong sign
constant_factor                   off by a constant or batch-size factor (2, 1/2, 1/m)
missing_factor                    a factor of one term is missing
================================  =====================================================

M5 (ReLU'(0) convention) is handled by the equivalence itself: kinks are never
sampled, so either value at 0 is accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from derivations.numeric import NotEvaluable, evaluate_float
from derivations.sampling import KINK_MARGIN, Sample, values_agree


@dataclass
class Context:
    """What a rule may look at: raw (un-rewritten) answer and reference, and samples.

    Rules compare *values*: ``value(expr, swap)`` evaluates an expression at the sampled
    points, optionally with some variables' values replaced (``{x: sigmoid(x)}`` or
    ``{u: v}``), so most candidates never need a new SymPy expression.
    """

    answer: sympy.Expr
    reference: sympy.Expr
    sample: Sample
    symbols: Sequence[sympy.Symbol]
    counterexample: dict[str, Any] | None = None
    memo: dict = field(default_factory=dict)

    def value(self, expr: sympy.Expr, swap: Mapping[sympy.Symbol, sympy.Expr] | None = None):
        """Values of ``expr`` at the sample points (NaN where undefined or near a kink).

        Our parser never makes Floats, so expressions are evaluated as they are.
        """
        key = (expr, tuple(sorted((swap or {}).items(), key=str)))
        if key not in self.memo:
            env = self.sample.env
            if swap:
                env = dict(env)
                env.update({name: self.value(by) for name, by in swap.items()})
            found = evaluate_float(expr, env)
            self.memo[key] = np.where(found.kink > KINK_MARGIN, found.values, np.nan)
        return self.memo[key]

    @property
    def answer_values(self) -> np.ndarray:
        return self.sample.answer_values

    @property
    def reference_values(self) -> np.ndarray:
        return self.sample.reference_values

    def answer_matches(self, values: np.ndarray) -> bool:
        """Whether the answer agrees with ``values`` at (almost) every sampled point."""
        return values_agree(self.sample.answer_values, values)

    def reference_matches(self, values: np.ndarray) -> bool:
        """Whether the reference agrees with ``values`` at (almost) every sampled point."""
        return values_agree(self.sample.reference_values, values)

    def answer_is(self, candidate: sympy.Expr) -> bool:
        """Whether the answer agrees with the expression ``candidate``."""
        return self.answer_matches(self.value(candidate))

    def first_match(self, candidates: Iterable[tuple[Any, dict[str, str]]]) -> dict | None:
        """Params of the first candidate (values, or an expression) the answer agrees with."""
        for candidate, params in candidates:
            values = self.value(candidate) if isinstance(candidate, sympy.Basic) else candidate
            if self.answer_matches(values):
                return params
        return None


Match = Callable[[Context], dict[str, str] | None]


@dataclass(frozen=True)
class MistakeRule:
    """A named mistake: ``match`` returns the message parameters when it applies."""

    code: str
    messages: dict[str, str]
    match: Match


def _registry() -> dict[str, MistakeRule]:
    from derivations.rules import activations, generic, losses, softmax

    ordered = activations.RULES + softmax.RULES + losses.RULES + generic.RULES
    return {rule.code: rule for rule in ordered}


MISTAKES: dict[str, MistakeRule] = _registry()


def diagnose(
    answer: sympy.Expr,
    reference: sympy.Expr,
    sample: Sample | None,
    symbols: Sequence[sympy.Symbol],
    counterexample: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """``{"code", "message", "messages"}`` for the first matching rule, else None."""
    if sample is None or sample.size == 0:
        return None
    context = Context(answer, reference, sample, symbols, counterexample)
    for rule in MISTAKES.values():
        try:
            with np.errstate(all="ignore"):
                params = rule.match(context)
        except (NotEvaluable, TypeError, ValueError, ZeroDivisionError, KeyError):
            params = None
        if params is not None:
            messages = {lang: text.format(**params) for lang, text in rule.messages.items()}
            return {"code": rule.code, "message": messages["en"], "messages": messages}
    return None
