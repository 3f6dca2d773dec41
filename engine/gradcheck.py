"""Gradient checks: analytic gradients against central differences, in float64.

Numerical derivative of one entry (or along one unit direction v) with step h:
    d_h = (f(θ+h) - f(θ-h)) / 2h,   d_2h likewise,   estimate = (4 d_h - d_2h) / 3
(Richardson: O(h⁴) error); h = STEP · max(1, |θ_i|) per entry (· max(1, max|θ|) along a
direction). The same four values detect kinks (ReLU, max): for a smooth f the second
differences s grow fourfold from h to 2h (to 1e-3) and d_h ≈ d_2h (to 1e-4). A probe that
violates either is repeated with h/10 and h/100, then skipped and counted, never judged.
The flag depends on f alone, so it cannot hide a wrong analytic gradient; it can only
reduce coverage.

Relative error per checked entry or direction, as in cs231n:
    rel = |a - n| / max(|a| + |n|, tiny),   tiny = noise / OK_BELOW
where noise ≈ 10·ε·max|f| / h is the round-off of the difference quotient, so values at
the noise level count as agreement. Bands (cs231n "Neural Networks Part 3"):
    ok          rel < OK_BELOW   = 1e-7
    suspicious  between          (acceptable only with kinks, or deep nets)
    wrong       rel > WRONG_ABOVE = 1e-4
A report ``passed`` when no tensor is ``wrong``.

Modes: "all" checks every entry (small tensors); "sample" checks ``samples`` random
entries plus ``directions`` directional derivatives per tensor (a per-tensor verdict in
milliseconds for a 784-50-10 net); "fast" only the directional derivatives, along the
analytic gradient itself and random unit directions: <g, v> against the numerical
derivative along v.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from engine.functions import Array, as_float
from engine.layers.base import Layer

OK_BELOW = 1e-7
WRONG_ABOVE = 1e-4
STEP = 1e-3
KINK_EVEN_TOL = 1e-3  # smooth f: s_2h = 4 s_h up to O(h²) relative
KINK_ODD_TOL = 1e-4  # smooth f: d_h = d_2h up to O(h²) relative
KINK_RETRY_SHRINK = (1.0, 0.1, 0.01)
EPS = float(np.finfo(np.float64).eps)
Band = Literal["ok", "suspicious", "wrong"]
Mode = Literal["all", "sample", "fast"]


def band(rel_error: float) -> Band:
    """The band of a relative error (NaN counts as wrong)."""
    if not rel_error <= WRONG_ABOVE:
        return "wrong"
    return "ok" if rel_error < OK_BELOW else "suspicious"


def relative_error(a: npt.ArrayLike, n: npt.ArrayLike, tiny: float = 1e-300) -> Array:
    """|a - n| / max(|a| + |n|, tiny), element-wise."""
    a, n = as_float(a), as_float(n)
    return np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), tiny)


@dataclass(frozen=True)
class TensorReport:
    """Verdict for one tensor: the worst relative error over the entries and directions
    checked, where it was (``worst_index`` None when a direction was worst), the analytic
    and numerical values there, how many checks ran and how many were skipped at kinks."""

    name: str
    shape: tuple[int, ...]
    rel_error: float
    worst_index: tuple[int, ...] | None
    band: Band
    analytic: float = float("nan")
    numerical: float = float("nan")
    checked: int = 0
    skipped_kinks: int = 0
    note: str = ""
    grad_shape: tuple[int, ...] | None = None


@dataclass(frozen=True)
class GradCheckReport:
    """One TensorReport per parameter (and ``x`` for layer checks)."""

    entries: tuple[TensorReport, ...]
    mode: Mode

    @property
    def passed(self) -> bool:
        return all(e.band != "wrong" for e in self.entries)

    def __getitem__(self, name: str) -> TensorReport:
        return next(e for e in self.entries if e.name == name)

    def to_dict(self) -> dict[str, object]:
        return {
            "passed": self.passed,
            "mode": self.mode,
            "entries": [asdict(e) for e in self.entries],
        }


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


def _entry_probe(f: Callable[[], float], x: Array, idx: tuple[int, ...], f0: float) -> Probe:
    original = x[idx]

    def set_offset(offset: float) -> None:
        x[idx] = original + offset

    return _probe_off_kinks(f, set_offset, STEP * max(1.0, abs(original)), f0)


def _direction_probe(f: Callable[[], float], x: Array, v: Array, f0: float) -> Probe:
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
        grad[idx] = _entry_probe(f, x, idx, f0).value
    return grad


def _directions(g: Array, count: int, rng: np.random.Generator) -> Iterator[Array]:
    """The analytic gradient's own direction (if nonzero), then random unit directions."""
    norm = float(np.linalg.norm(g))
    if norm > 0 and np.isfinite(norm):
        yield g / norm
        count -= 1
    for _ in range(max(count, 1)):
        v = rng.standard_normal(g.shape)
        yield v / np.linalg.norm(v)


def _check_tensor(
    f: Callable[[], float], name: str, x: Array, g: object, mode: Mode, samples: int,
    directions: int, rng: np.random.Generator, f0: float,
) -> TensorReport:  # fmt: skip
    if g is None:
        return TensorReport(name, x.shape, float("inf"), None, "wrong", note="missing_gradient")
    g = np.asarray(g, dtype=np.float64)
    if g.shape != x.shape:
        return TensorReport(
            name, x.shape, float("inf"), None, "wrong", note="shape_mismatch", grad_shape=g.shape
        )
    checks: list[tuple[tuple[int, ...] | None, float, Probe]] = []
    if mode == "all" or (mode == "sample" and x.size <= samples):
        indices = list(np.ndindex(x.shape))
    elif mode == "sample":
        flat = rng.choice(x.size, size=samples, replace=False)
        indices = [tuple(int(i) for i in np.unravel_index(k, x.shape)) for k in flat]
    else:
        indices = []
    checks += [(idx, float(g[idx]), _entry_probe(f, x, idx, f0)) for idx in indices]
    if mode != "all":
        for v in _directions(g, directions, rng):
            checks.append((None, float(np.sum(g * v)), _direction_probe(f, x, v, f0)))
    return _summarise(name, x.shape, checks)


def _summarise(
    name: str, shape: tuple[int, ...], checks: list[tuple[tuple[int, ...] | None, float, Probe]]
) -> TensorReport:
    judged = [c for c in checks if not c[2].kink]
    skipped = len(checks) - len(judged)
    if not judged:
        note = "all_kinks"
        return TensorReport(
            name, shape, float("nan"), None, "suspicious", skipped_kinks=skipped, note=note
        )
    errors = [
        float(relative_error(a, p.value, p.noise / OK_BELOW)) if np.isfinite(a) else float("inf")
        for _, a, p in judged
    ]
    worst = int(np.argmax(errors))
    idx, a, p = judged[worst]
    return TensorReport(
        name, shape, errors[worst], idx, band(errors[worst]), a, p.value, len(judged), skipped
    )


def check_gradients(
    f: Callable[[], float],
    params: dict[str, Array],
    grads: dict[str, npt.ArrayLike | None],
    *,
    mode: Mode = "all",
    samples: int = 8,
    directions: int = 2,
    seed: int = 0,
) -> GradCheckReport:
    """Compare ``grads`` with numerical derivatives of ``f`` (a function of no arguments
    that reads the arrays in ``params``; they are perturbed in place and restored).

    params : name -> float64 array; grads : name -> analytic gradient of the same shape.
    """
    rng = np.random.default_rng(seed)
    f0 = float(f())
    entries = tuple(
        _check_tensor(f, name, x, grads.get(name), mode, samples, directions, rng, f0)
        for name, x in params.items()
    )
    return GradCheckReport(entries, mode)


def check_layer(
    layer: Layer, x: npt.ArrayLike, *, mode: Mode = "all", seed: int = 0
) -> GradCheckReport:
    """Check a layer's backward with a random upstream gradient G (cs231n):
    loss = Σ forward(x) ⊙ G, so dx = backward(G) and grads are the parameter gradients.
    The report has an entry ``x`` and one per parameter."""
    rng = np.random.default_rng(seed)
    x = as_float(x).copy()
    out = layer.forward(x)
    upstream = rng.standard_normal(out.shape)
    dx = layer.backward(upstream.copy())
    grads: dict[str, npt.ArrayLike | None] = {
        "x": dx,
        **{k: v.copy() for k, v in layer.grads.items()},
    }

    def f() -> float:
        return float(np.sum(layer.forward(x) * upstream))

    return check_gradients(f, {"x": x, **layer.params}, grads, mode=mode, seed=seed)


class ZerotsukuNetwork(Protocol):
    """The ゼロつく network protocol."""

    params: dict[str, Array]

    def loss(self, x: npt.ArrayLike, t: npt.ArrayLike) -> float: ...

    def gradient(self, x: npt.ArrayLike, t: npt.ArrayLike) -> dict[str, Array]: ...


def check_network(
    network: ZerotsukuNetwork,
    x: npt.ArrayLike,
    t: npt.ArrayLike,
    *,
    mode: Mode = "all",
    seed: int = 0,
) -> GradCheckReport:
    """Check a network: ``params`` dict, ``loss(x, t)``, ``gradient(x, t) -> dict`` keyed
    like ``params`` (the gradient of the loss ``loss`` returns)."""
    grads: dict[str, npt.ArrayLike | None] = dict(network.gradient(x, t))
    return check_gradients(lambda: network.loss(x, t), network.params, grads, mode=mode, seed=seed)
