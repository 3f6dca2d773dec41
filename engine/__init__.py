"""NumPy network engine: layers, losses, optimizers, networks, gradient checks and the
safe evaluator for NumPy-dialect backprop formulas.

Pure NumPy; never imports ``quizapp``, Flask or ``derivations``.
"""
