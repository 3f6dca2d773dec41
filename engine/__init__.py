"""NumPy network engine: layers, losses, optimizers, networks, gradient checks and the
safe evaluator for NumPy-dialect backprop formulas.

Pure NumPy; never imports ``quizapp``, Flask, ``derivations`` or SymPy.

Public API::

    check_formula(network, target, answer, *, seed=None, lang="en") -> FormulaVerdict
    check_array_expression(answer, reference, *, shapes, seed=None, lang="en") -> FormulaVerdict
    get_preset(name) -> Preset; PRESETS: dict[str, Preset]
    check_gradients / check_layer / check_network / numerical_gradient -> GradCheckReport
"""

from engine.formula import (
    FormulaRequestError,
    FormulaVerdict,
    check_array_expression,
    check_formula,
)
from engine.gradcheck import (
    GradCheckReport,
    check_gradients,
    check_layer,
    check_network,
    numerical_gradient,
)
from engine.presets import PRESETS, Preset, get_preset

__all__ = [
    "PRESETS",
    "FormulaRequestError",
    "FormulaVerdict",
    "GradCheckReport",
    "Preset",
    "check_array_expression",
    "check_formula",
    "check_gradients",
    "check_layer",
    "check_network",
    "get_preset",
    "numerical_gradient",
]
