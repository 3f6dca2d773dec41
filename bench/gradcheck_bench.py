"""Gradient-check timings for a 784-50-10 sigmoid/softmax network, batch 100, float64.

Same setting as ../shared/reference/perf-baselines.md section 2: weights N(0, 0.01²),
zero biases, inputs uniform in [0, 1), random one-hot labels. In one run:

  naive   the book's numerical_gradient over every parameter (h = 1e-4, two loss
          evaluations per entry). Timed over a random subset of entries and
          extrapolated to all 39,760 (the output says so).
  sample  engine.gradcheck mode="sample": a per-tensor verdict from 8 random entries
          and 2 directional derivatives per tensor (Richardson differences).
  fast    engine.gradcheck mode="fast": 2 directional derivatives per tensor only.

and ratios against the baselines. BLAS is pinned to ONE thread by default (the machine is
shared and a 2-thread OpenBLAS loop is very sensitive to busy neighbours), so the ratios
use the one-thread baselines (21.5 s naive, 7.07 ms torch fast_mode, 0.475 ms fwd+bwd);
``--threads 0`` keeps the library default and compares with 13.3 s / 5.33 ms / 0.264 ms.
Times are the CPU time of the measuring thread (wall clock beside it), so a loaded machine
does not distort the ratios.

    .venv/bin/python bench/gradcheck_bench.py [--threads 1] [--subset 2000] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable


def _threads_from_argv() -> str:
    """The --threads value, read before NumPy starts its BLAS thread pool."""
    argv = sys.argv[1:]
    return argv[argv.index("--threads") + 1] if "--threads" in argv[:-1] else "1"


if __name__ == "__main__" and _threads_from_argv() != "0":
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = _threads_from_argv()

import numpy as np  # noqa: E402 - reason: the BLAS thread count must be set before this import

from engine.gradcheck import check_network  # noqa: E402 - reason: as above
from engine.network import Network, NetworkSpec  # noqa: E402 - reason: as above

# (naive loop s, torch fast_mode ms, NumPy fwd+bwd ms) from perf-baselines.md section 2
BASELINES = {"1": (21.5, 7.07, 0.475), "default": (13.3, 5.33, 0.264)}
SIZES = (784, 50, 10)
BATCH = 100


def median_ms(fn: Callable[[], object], runs: int, warmup: int = 2) -> tuple[float, float]:
    """Median (CPU ms of this thread, wall ms) over ``runs`` calls. With BLAS on one thread
    the thread's CPU time is the work done, whatever the neighbours are doing."""
    for _ in range(warmup):
        fn()
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.thread_time(), time.perf_counter()
        fn()
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - w0)
    return 1000 * statistics.median(cpu), 1000 * statistics.median(wall)


def naive_entry_ms(
    net: Network, x: np.ndarray, t: np.ndarray, subset: int, seed: int
) -> tuple[float, float]:
    """(CPU, wall) ms per entry of the book's loop (perturb, two losses, restore), h = 1e-4."""
    rng = np.random.default_rng(seed)
    names = list(net.params)
    sizes = np.array([net.params[k].size for k in names])
    picks = rng.choice(sizes.sum(), size=subset, replace=False)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    h = 1e-4
    c0, w0 = time.thread_time(), time.perf_counter()
    for flat in picks:
        i = int(np.searchsorted(offsets, flat, side="right") - 1)
        p = net.params[names[i]]
        idx = np.unravel_index(int(flat - offsets[i]), p.shape)
        saved = p[idx]
        p[idx] = saved + h
        f_plus = net.loss(x, t)
        p[idx] = saved - h
        f_minus = net.loss(x, t)
        p[idx] = saved
        _ = (f_plus - f_minus) / (2 * h)
    return (
        1000 * (time.thread_time() - c0) / subset,
        1000 * (time.perf_counter() - w0) / subset,
    )


def planted_missing_mean_caught(net: Network, x: np.ndarray, t: np.ndarray) -> bool:
    class Bugged:
        params = net.params

        def loss(self, x, t):
            return net.loss(x, t)

        def gradient(self, x, t):
            return {k: v * len(x) for k, v in net.gradient(x, t).items()}

    report = check_network(Bugged(), x, t, mode="fast")
    return all(e.band == "wrong" for e in report.entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=int, default=2000, help="entries timed for the naive loop")
    parser.add_argument("--runs", type=int, default=20, help="runs per timed check (median)")
    parser.add_argument("--threads", default="1", help="BLAS threads; 0 = library default")
    args = parser.parse_args()
    naive_base, fast_base, grad_base = BASELINES["1" if args.threads == "1" else "default"]

    rng = np.random.default_rng(1)
    net = Network(NetworkSpec(SIZES, activation="sigmoid", weight_init=0.01), seed=0)
    x = rng.random((BATCH, SIZES[0]))
    t = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], BATCH)]
    n_params = sum(p.size for p in net.params.values())

    loss_ms = median_ms(lambda: net.loss(x, t), 200)
    grad_ms = median_ms(lambda: net.gradient(x, t), 200)
    per_entry = naive_entry_ms(net, x, t, args.subset, seed=2)
    naive_s = (per_entry[0] * n_params / 1000, per_entry[1] * n_params / 1000)
    sample_ms = median_ms(lambda: check_network(net, x, t, mode="sample"), args.runs)
    fast_ms = median_ms(lambda: check_network(net, x, t, mode="fast"), args.runs * 2)
    sample = check_network(net, x, t, mode="sample")
    fast = check_network(net, x, t, mode="fast")

    threads = os.environ.get("OPENBLAS_NUM_THREADS", "library default")
    print(
        f"784-50-10 sigmoid/softmax, batch {BATCH}, {n_params:,} parameters, float64, "
        f"BLAS threads: {threads}, load average {os.getloadavg()[0]:.1f}"
    )
    print("times: CPU of this thread (wall clock in brackets); ratios use CPU time\n")
    print("| measurement | time | vs baseline |")
    print("|---|---|---|")
    print(f"| engine loss (forward) | {loss_ms[0]:.3f} ms ({loss_ms[1]:.3f}) | |")
    print(
        f"| engine gradient (forward + backward) | {grad_ms[0]:.3f} ms ({grad_ms[1]:.3f}) "
        f"| baseline {grad_base} ms |"
    )
    print(
        f"| naive loop, every parameter (extrapolated from {args.subset:,} random entries: "
        f"{per_entry[0]:.3f} ms/entry × {n_params:,}) | {naive_s[0]:.2f} s ({naive_s[1]:.2f}) | "
        f"baseline {naive_base} s (×{naive_s[0] / naive_base:.2f}) |"
    )
    print(
        f"| sample mode: per-tensor verdict | {sample_ms[0]:.1f} ms ({sample_ms[1]:.1f}) | "
        f"1/{naive_s[0] * 1000 / sample_ms[0]:,.0f} of this run's naive loop, "
        f"1/{naive_base * 1000 / sample_ms[0]:,.0f} of the {naive_base} s baseline |"
    )
    print(
        f"| fast mode: directional only | {fast_ms[0]:.1f} ms ({fast_ms[1]:.1f}) | "
        f"×{fast_ms[0] / fast_base:.2f} of torch fast_mode ({fast_base} ms) |"
    )
    print()
    for label, report in (("sample", sample), ("fast", fast)):
        worst = max(e.rel_error for e in report.entries)
        bands = ", ".join(f"{e.name} {e.band} {e.rel_error:.1e}" for e in report.entries)
        print(f"{label}: passed={report.passed}, worst relative error {worst:.1e} ({bands})")
    print(
        f"fast mode flags a planted missing 1/N on every tensor: {planted_missing_mean_caught(net, x, t)}"
    )
    target = sample_ms[0] < naive_s[0] * 1000 / 100
    print(
        f"target (sample verdict under 1/100 of the naive loop): {'met' if target else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
