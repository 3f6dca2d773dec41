"""Central differences in float64, with Richardson extrapolation and a kink detector.

Numerical derivative of one entry (or along one unit direction v) with step h:
    d_h = (f(θ+h) - f(θ-h)) / 2h,   d_2h likewise,   estimate = (4 d_h - d_2h) / 3
(Richardson: O(h⁴) error); h = STEP · max(1, |θ_i|) per entry (· max(1, max|θ|) along a
direction). The same four values detect kinks (ReLU, max): for a smooth f the second
differences s grow fourfold from h to 2h (to 1e-3) and d_h ≈ d_2h (to 1e-4). A probe that
violates either is repeated with h/10 and h/100, then skipped and counted, never judged.
The flag depends on f alone, so it cannot hide a wrong analytic gradient; it can only
reduce coverage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.functions import Array

STEP = 1e-3
KINK_EVEN_TOL = 1e-3  # smooth f: s_2h = 4 s_h up to O(h²) relative
KINK_ODD_TOL = 1e-4  # smooth f: d_h = d_2h up to O(h²) relative
KINK_RETRY_SHRINK = (1.0, 0.1, 0.01)
EPS = float(np.finfo(np.float64).eps)


@dataclass(frozen=True)
class Probe:
    """Numerical derivative at one entry or direction, its noise level and kink flag."""

    value: float
    noise: float
    kink: bool


def _probe(
    f: Callable[[], float], set_offset: Callable[[float], None], h: float, f0: float
) -> Probe:
    """Evaluate f at offsets ±h, ±2h (set_offset(0) restores) and combine."""
    values = {}
    for offset in (h, -h, 2 * h, -2 * h):
        set_offset(offset)
        values[offset] = float(f())
    set_offset(0.0)
    d_h = (values[h] - values[-h]) / (2 * h)
    d_2h = (values[2 * h] - values[-2 * h]) / (4 * h)
    scale = max(abs(v) for v in (*values.values(), f0))
    noise = 10 * EPS * scale / h
    s_h, s_2h = values[h] - 2 * f0 + values[-h], values[2 * h] - 2 * f0 + values[-2 * h]
    roundoff = 100 * EPS * scale
    kink = (
        abs(s_2h - 4 * s_h) > KINK_EVEN_TOL * abs(s_2h) + roundoff
        or abs(d_h - d_2h) > KINK_ODD_TOL * (abs(d_h) + abs(d_2h)) + 100 * noise
    )
    return Probe((4 * d_h - d_2h) / 3, noise, kink)


def _probe_off_kinks(
    f: Callable[[], float], set_offset: Callable[[float], None], h: float, f0: float
) -> Probe:
    """Probe with step h; at a kink retry with h/10 and h/100 (a kink within 2h is
    crossed far less often by a smaller step), else report the kink."""
    for shrink in KINK_RETRY_SHRINK:
        probe = _probe(f, set_offset, h * shrink, f0)
        if not probe.kink:
            return probe
    return probe


def entry_probe(f: Callable[[], float], x: Array, idx: tuple[int, ...], f0: float) -> Probe:
    """d f / d x[idx], with h = STEP · max(1, |x[idx]|); x[idx] is restored exactly."""
    original = x[idx]

    def set_offset(offset: float) -> None:
        x[idx] = original + offset

    return _probe_off_kinks(f, set_offset, STEP * max(1.0, abs(original)), f0)


def direction_probe(f: Callable[[], float], x: Array, v: Array, f0: float) -> Probe:
    """The derivative of f along the unit direction v, with h = STEP · max(1, max|x|);
    x is restored exactly."""
    original = x.copy()

    def set_offset(offset: float) -> None:
        np.add(original, offset * v, out=x) if offset else np.copyto(x, original)

    return _probe_off_kinks(f, set_offset, STEP * max(1.0, float(np.max(np.abs(original)))), f0)


def numerical_gradient(f: Callable[[], float], x: Array) -> Array:
    """Every entry of df/dx by the Richardson central difference; ``f`` reads ``x``,
    which is perturbed in place and restored exactly."""
    f0 = float(f())
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        grad[idx] = entry_probe(f, x, idx, f0).value
    return grad
