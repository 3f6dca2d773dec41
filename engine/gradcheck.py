"""Gradient checks: analytic gradients against central differences, in float64.

Numerical derivatives, their step and the kink rule: ``engine.finite_difference``.

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

from engine.finite_difference import Probe, direction_probe, entry_probe
from engine.functions import Array, as_float
from engine.layers.base import Layer

OK_BELOW = 1e-7
WRONG_ABOVE = 1e-4
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
    checks += [(idx, float(g[idx]), entry_probe(f, x, idx, f0)) for idx in indices]
    if mode != "all":
        for v in _directions(g, directions, rng):
            checks.append((None, float(np.sum(g * v)), direction_probe(f, x, v, f0)))
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
