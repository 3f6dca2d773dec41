"""NumPy network engine: layers, losses, optimizers, networks, gradient checks and the
safe evaluator for NumPy-dialect backprop formulas.

Pure NumPy; never imports ``quizapp``, Flask, ``derivations`` or SymPy. engine/README.md has the
invariants, an example per function, the CLI, the presets table and the check bands.

Public API (submodules ``engine.layers``, ``engine.losses``, ``engine.optimizers`` hold
the building blocks)::

    check_formula(network, target, answer, *, seed=None, lang="en") -> FormulaVerdict
    check_array_expression(answer, reference, *, shapes, seed=None, lang="en") -> FormulaVerdict
    get_preset(name) -> Preset; PRESETS: dict[str, Preset]
    Network(spec: NetworkSpec, ...)
    check_gradients / check_layer / check_network -> GradCheckReport
    numerical_gradient(f, x) -> array of df/dx
    run_learner_gradcheck("file.py:Class", *, input_size, hidden_size, output_size, batch,
                          seed, fast) -> LearnerReport; format_table(report, lang)
"""

from engine.finite_difference import numerical_gradient
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
)
from engine.learner_code import run_learner_gradcheck
from engine.learner_loading import LearnerCodeError
from engine.learner_report import LearnerReport, format_table
from engine.network import Network, NetworkSpec
from engine.presets import PRESETS, Preset, get_preset

__all__ = [
    "PRESETS",
    "FormulaRequestError",
    "FormulaVerdict",
    "GradCheckReport",
    "LearnerCodeError",
    "LearnerReport",
    "Network",
    "NetworkSpec",
    "Preset",
    "check_array_expression",
    "check_formula",
    "check_gradients",
    "check_layer",
    "check_network",
    "format_table",
    "get_preset",
    "numerical_gradient",
    "run_learner_gradcheck",
]
