"""Safe checker for NumPy-dialect backprop formulas (``X.T @ dZ1 / m``): a whitelist
parser over Python's ``ast``, shape inference before computing, evaluation on random
draws of a preset network, and named-mistake diagnosis. Nothing is ever executed."""

from engine.formula.check import check_array_expression, check_formula
from engine.formula.errors import FormulaRequestError
from engine.formula.verdict import FormulaVerdict

__all__ = ["FormulaRequestError", "FormulaVerdict", "check_array_expression", "check_formula"]
