"""Numeric comparison of an answer with the truth over several random draws.

Relative error of one draw: ``‖answer - truth‖ / ‖truth‖`` (Frobenius norms, float64);
absolute when the truth is (near) zero; infinite for a different shape or any inf/nan.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

TOLERANCE = 1e-8  # a correct formula: every draw within this relative error
DIAGNOSIS_TOLERANCE = 1e-6  # a recognised mistake: the transformed value within this
TINY = 1e-12


def relative_error(answer: np.ndarray, truth: np.ndarray) -> float:
    """Relative error of one draw (see the module docstring)."""
    answer, truth = np.asarray(answer, dtype=np.float64), np.asarray(truth, dtype=np.float64)
    if answer.shape != truth.shape or not np.all(np.isfinite(answer)):
        return float("inf")
    difference = float(np.linalg.norm(answer - truth))
    scale = float(np.linalg.norm(truth))
    return difference / scale if scale > TINY else difference


def worst_error(answers: Sequence[np.ndarray], truths: Sequence[np.ndarray]) -> float:
    """The largest relative error over the draws."""
    return max(relative_error(a, t) for a, t in zip(answers, truths, strict=True))


def agrees(
    answers: Sequence[np.ndarray], truths: Sequence[np.ndarray], tol: float = DIAGNOSIS_TOLERANCE
) -> bool:
    """Same shape and within ``tol`` on every draw."""
    return worst_error(answers, truths) <= tol


def all_finite(arrays: Sequence[np.ndarray]) -> bool:
    """No inf or nan anywhere."""
    return all(bool(np.all(np.isfinite(a))) for a in arrays)
