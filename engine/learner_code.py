"""Gradient check of a learner's own NumPy code: the backend of
``python -m engine gradcheck path/to/file.py:ClassName [--json]``.

Protocols recognised (after building the class with small distinct sizes, see
``engine.learner_loading``):
- network (ゼロつく): ``params`` dict, ``loss(x, t)``, and ``gradient(x, t) -> dict`` (or a
  ``grads`` dict filled by it); x : (batch, input_size), one-hot t : (batch, output_size);
- layer: ``forward(x)``/``backward(dout)``; parameters found as ``params``/``grads`` dicts or
  as attribute pairs ``W``/``dW``; checked with loss = Σ forward(x) ⊙ G for a random G;
- loss layer: ``forward(x, t) -> float``/``backward(dout=1)`` (SoftmaxWithLoss).
``LearnerReport.passed`` is False when any tensor is in the "wrong" band (CLI exit 1).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping

import numpy as np

from engine.functions import Array, one_hot
from engine.gradcheck import GradCheckReport, check_gradients
from engine.learner_diagnosis import (
    Diagnosis,
    diagnosis,
    scale_code,
    softmax_bias_evidence,
    softmax_diagnosis,
    softmax_rows_evidence,
)
from engine.learner_loading import LearnerCodeError, Sizes, instantiate, load_class
from engine.learner_report import Kind, LearnerReport, format_table

__all__ = ["LearnerCodeError", "LearnerReport", "format_table", "run_learner_gradcheck"]


def _call(what: str, fn: Callable[[], object]) -> object:
    """Run learner code, turning its exceptions into a LearnerCodeError."""
    try:
        return fn()
    except LearnerCodeError:
        raise
    except Exception as error:
        raise LearnerCodeError(
            f"{what} の実行中にエラー: {type(error).__name__}: {error}",
            f"{what} raised {type(error).__name__}: {error}",
        ) from error


def _as_grad(value: object, name: str) -> Array | None:
    """A float64 copy of a gradient the learner returned (None stays None)."""
    if value is None:
        return None
    try:
        return np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as error:
        raise LearnerCodeError(
            f"勾配 {name} が数値の配列ではありません ({type(value).__name__})。",
            f"The gradient {name} is not a numeric array ({type(value).__name__}).",
        ) from error


def _checked_params(params: Mapping[str, object]) -> dict[str, Array]:
    """The parameter arrays, which the check perturbs in place: float ndarrays only."""
    for name, value in params.items():
        if not (isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating)):
            raise LearnerCodeError(
                f"パラメータ {name} は浮動小数点の NumPy 配列にしてください ({type(value).__name__})。",
                f"The parameter {name} must be a floating-point NumPy array, got {type(value).__name__}.",
            )
    return dict(params)  # type: ignore[arg-type]


def _scalar(what: str, fn: Callable[[], object]) -> Callable[[], float]:
    def f() -> float:
        value = np.asarray(_call(what, fn), dtype=np.float64)
        if value.size != 1:
            raise LearnerCodeError(
                f"{what} はスカラーを返す必要がありますが、形 {value.shape} の配列を返しました。",
                f"{what} must return a scalar, returned an array of shape {value.shape}.",
            )
        return float(value.reshape(()))

    first, second = f(), f()
    if not np.isfinite(first):
        raise LearnerCodeError(
            f"{what} が有限でない値 {first} を返しました。",
            f"{what} returned a non-finite value ({first}).",
        )
    if first != second:
        raise LearnerCodeError(
            f"{what} が呼ぶたびに違う値を返します (Dropout など)。乱数を固定するか無効にしてください。",
            f"{what} returns a different value on each call (dropout?); fix its seed or switch it off.",
        )
    return f


def _required_positional(method: Callable[..., object]) -> int:
    params = inspect.signature(method).parameters.values()
    return sum(
        p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        for p in params
    )


def detect_kind(obj: object) -> Kind:
    """network, layer or loss layer, from the methods the object has."""
    if isinstance(getattr(obj, "params", None), Mapping) and callable(getattr(obj, "loss", None)):
        return "network"
    forward, backward = getattr(obj, "forward", None), getattr(obj, "backward", None)
    if callable(forward) and callable(backward):
        return "loss" if _required_positional(forward) >= 2 else "layer"
    raise LearnerCodeError(
        f"{type(obj).__name__} はネット (params, loss, gradient) でもレイヤ (forward, backward) でもありません。",
        f"{type(obj).__name__} is neither a network (params, loss, gradient) nor a layer (forward, backward).",
    )


def _layer_params(obj: object) -> tuple[dict[str, Array], dict[str, Array | None]]:
    """Parameters and gradients: ``params``/``grads`` dicts, else attribute pairs W/dW."""
    params = getattr(obj, "params", None)
    if isinstance(params, Mapping):
        grads = getattr(obj, "grads", {}) or {}
        return _checked_params(params), {k: _as_grad(grads.get(k), k) for k in params}
    names = [k for k, v in vars(obj).items() if isinstance(v, np.ndarray) and hasattr(obj, "d" + k)]
    params = _checked_params({k: getattr(obj, k) for k in names})
    return params, {k: _as_grad(getattr(obj, "d" + k), "d" + k) for k in names}


def _precision(params: Mapping[str, object]) -> list[Diagnosis]:
    """A note when parameters are not float64 (numerical derivatives need it)."""
    low = tuple(k for k, v in params.items() if isinstance(v, np.ndarray) and v.dtype != np.float64)
    return [diagnosis("not_float64", low)] if low else []


def _kink_free(x: Array) -> Array:
    return np.where(np.abs(x) < 0.1, x + np.copysign(0.3, x), x)


def run_learner_gradcheck(
    spec: str,
    *,
    input_size: int = 5,
    hidden_size: int = 4,
    output_size: int = 3,
    batch: int = 6,
    seed: int = 0,
    fast: bool = False,
    constructor_args: Mapping[str, object] | None = None,
) -> LearnerReport:
    """Load ``spec`` (``file.py:ClassName``), build it, check every parameter.

    Raises LearnerCodeError (with ja/en ``messages``) when the file, class, constructor
    or protocol cannot be used, or the learner's code raises.
    """
    sizes = Sizes(input_size, hidden_size, output_size, batch)
    given = (input_size, hidden_size, output_size, batch)
    if len(set(given)) < 4 or min(given) < 1:
        raise LearnerCodeError(
            f"サイズ (入力, 隠れ, 出力, バッチ) はすべて異なる正の整数にしてください (指定: {given})。",
            f"The sizes (input, hidden, output, batch) must be distinct positive integers, got {given}.",
        )
    rng = np.random.default_rng(seed)
    obj = instantiate(load_class(spec), sizes, rng, constructor_args)
    kind = detect_kind(obj)
    runner = {"network": _check_network, "layer": _check_layer, "loss": _check_loss}[kind]
    check, diagnoses = runner(obj, sizes, rng, "fast" if fast else "all", seed)
    return LearnerReport(spec, kind, check, tuple(diagnoses))


Checked = tuple[GradCheckReport, list[Diagnosis]]


def _training_loss(obj: object, x: Array, t: Array) -> Callable[[], object]:
    """loss(x, t) on fresh copies (learner code may write into its inputs), in training
    mode (``train_flg=True``) when the signature has that ゼロつく flag, because
    gradient() differentiates the training-mode loss."""
    loss = obj.loss  # type: ignore[attr-defined]
    if "train_flg" in inspect.signature(loss).parameters:
        return lambda: loss(x.copy(), t.copy(), train_flg=True)
    return lambda: loss(x.copy(), t.copy())


def _one_hot_labels(rng: np.random.Generator, sizes: Sizes) -> Array:
    """Random one-hot targets t : (batch, output_size)."""
    return one_hot(rng.integers(0, sizes.output_size, sizes.batch), sizes.output_size)


def _check_network(
    obj: object, sizes: Sizes, rng: np.random.Generator, mode: str, seed: int
) -> Checked:
    x = rng.standard_normal((sizes.batch, sizes.input_size))
    t = _one_hot_labels(rng, sizes)
    x0, t0 = x.copy(), t.copy()
    returned = (
        _call("gradient(x, t)", lambda: obj.gradient(x, t)) if hasattr(obj, "gradient") else None
    )  # type: ignore[attr-defined]
    source = returned if isinstance(returned, Mapping) else getattr(obj, "grads", None)
    if not isinstance(source, Mapping):
        raise LearnerCodeError(
            "gradient(x, t) が勾配の dict を返さず、grads 属性もありません。",
            "gradient(x, t) returned no dict of gradients and there is no grads attribute.",
        )
    params = _checked_params(obj.params)  # type: ignore[attr-defined]
    grads = {k: _as_grad(source.get(k), k) for k in params}
    mutated = tuple(n for n, a, b in (("x", x, x0), ("t", t, t0)) if not np.array_equal(a, b))
    diagnoses = [diagnosis("mutated_argument", mutated)] if mutated else []
    diagnoses += _precision(params)
    f = _scalar("loss(x, t)", _training_loss(obj, x0, t0))
    report = check_gradients(f, params, grads, mode=mode, seed=seed)  # type: ignore[arg-type]
    last = getattr(obj, "lastLayer", None) or getattr(obj, "last_layer", None)
    evidence = None
    if not report.passed:
        evidence = softmax_rows_evidence(getattr(last, "y", None))
        biases = [k for k in grads if k.startswith("b") and grads[k] is not None]
        if evidence is None and biases and "softmax" in type(last).__name__.lower():
            evidence = softmax_bias_evidence(biases[-1], grads[biases[-1]])  # type: ignore[arg-type]
    found = _failure_diagnoses(report, params, grads, f, sizes.batch, mode, seed)
    return report, diagnoses + _with_softmax(found, evidence, report, last)


def _with_softmax(
    found: list[Diagnosis], evidence: tuple[str, str] | None, report: GradCheckReport, last: object
) -> list[Diagnosis]:
    """A whole-batch softmax explains any batch-mean ratio, so it replaces those; a passed
    softmax-CE check with errors near 1e-6 gets the log(y + 1e-7) note."""
    if evidence is not None:
        return [softmax_diagnosis(evidence)] + [d for d in found if "batch_mean" not in d.code]
    suspicious = any(e.band == "suspicious" for e in report.entries)
    if report.passed and suspicious and "softmax" in type(last).__name__.lower():
        return [*found, diagnosis("log_delta")]
    return found


def _failure_diagnoses(
    report: GradCheckReport, params: Mapping[str, Array], grads: dict[str, Array | None],
    f: Callable[[], float], batch: int, mode: str, seed: int,
) -> list[Diagnosis]:  # fmt: skip
    codes: dict[str, list[str]] = {}
    for entry in report.entries:
        grad = grads.get(entry.name)
        if entry.band != "wrong":
            continue
        code = scale_code(entry, grad, batch)
        if grad is not None and grad.ndim == 2 and grad.T.shape == entry.shape:
            retry = check_gradients(
                f, {entry.name: params[entry.name]}, {entry.name: grad.T}, mode=mode, seed=seed
            )  # type: ignore[arg-type]
            code = "transposed_gradient" if retry.passed else code
        if code:
            codes.setdefault(code, []).append(entry.name)
    return [diagnosis(code, tuple(names), batch=batch) for code, names in codes.items()]


def _check_layer(
    obj: object, sizes: Sizes, rng: np.random.Generator, mode: str, seed: int
) -> Checked:
    x = _kink_free(rng.standard_normal((sizes.batch, sizes.input_size)))
    given = x.copy()
    out = np.asarray(_call("forward(x)", lambda: obj.forward(given)))  # type: ignore[attr-defined]
    upstream = rng.standard_normal(out.shape)
    dout = upstream.copy()
    dx = _as_grad(_call("backward(dout)", lambda: obj.backward(dout)), "dx")  # type: ignore[attr-defined]
    mutated = tuple(
        n for n, a, b in (("x", given, x), ("dout", dout, upstream)) if not np.array_equal(a, b)
    )
    diagnoses = [diagnosis("mutated_argument", mutated)] if mutated else []
    params, grads = _layer_params(obj)
    diagnoses += _precision(params)
    f = _scalar("forward(x)", lambda: np.sum(obj.forward(x.copy()) * upstream))  # type: ignore[attr-defined]
    report = check_gradients(f, {"x": x, **params}, {"x": dx, **grads}, mode=mode, seed=seed)  # type: ignore[arg-type]
    diagnoses += _failure_diagnoses(
        report, {"x": x, **params}, {"x": dx, **grads}, f, sizes.batch, mode, seed
    )
    return report, diagnoses


def _check_loss(
    obj: object, sizes: Sizes, rng: np.random.Generator, mode: str, seed: int
) -> Checked:
    x = rng.standard_normal((sizes.batch, sizes.output_size))
    t = _one_hot_labels(rng, sizes)
    _call("forward(x, t)", lambda: obj.forward(x.copy(), t.copy()))  # type: ignore[attr-defined]
    backward = obj.backward  # type: ignore[attr-defined]
    dx = _as_grad(
        _call("backward()", lambda: backward(1) if _required_positional(backward) else backward()),
        "dx",
    )
    evidence = softmax_rows_evidence(getattr(obj, "y", None))
    f = _scalar("forward(x, t)", lambda: obj.forward(x.copy(), t.copy()))  # type: ignore[attr-defined]
    report = check_gradients(f, {"x": x}, {"x": dx}, mode=mode, seed=seed)
    found = _failure_diagnoses(report, {"x": x}, {"x": dx}, f, sizes.batch, mode, seed)
    return report, _with_softmax(found, None if report.passed else evidence, report, obj)
