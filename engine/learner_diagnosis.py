"""Named causes for a failed check of a learner's code, each with ja/en messages.

Rules read the evidence a check leaves behind: the analytic/numerical ratio at the worst
entry (≈ N: missing 1/N; ≈ 1/N: divided twice; ≈ -1: sign), an all-zero gradient, a
transposed gradient that would pass, softmax output rows that do not each sum to 1 (or a
last-bias gradient of softmax-CE that does not sum to 0 over classes), and mutation of
arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.functions import Array
from engine.gradcheck import TensorReport

RATIO_TOLERANCE = 0.05

MESSAGES: dict[str, tuple[str, str]] = {
    "zero_gradient": (
        "{names} の勾配がすべて 0 ですが、損失はこれに依存しています。勾配 (特にバイアス) を代入し忘れていませんか。",
        "The gradient of {names} is all zeros, yet the loss depends on it: is it (often a bias gradient) never filled in?",
    ),
    "missing_batch_mean": (
        "{names} の解析的勾配が数値勾配のほぼ {batch} 倍 (バッチサイズ) です。損失はバッチ平均なのに、逆伝播で N で割っていません。",
        "The analytic gradient of {names} is about {batch} times (the batch size) the numerical one: the loss is a batch mean but backward never divides by N.",
    ),
    "double_batch_mean": (
        "{names} の解析的勾配が数値勾配のほぼ 1/{batch} です。N で二度割っています (損失レイヤと Affine の両方など)。",
        "The analytic gradient of {names} is about 1/{batch} of the numerical one: it is divided by N twice (say in the loss layer and again in Affine).",
    ),
    "sign_flip": ("{names} の勾配の符号が逆です。", "The gradient of {names} has the wrong sign."),
    "transposed_gradient": (
        "{names} の勾配は正解の転置です。積の順序と転置を確認してください (行優先なら dW = xᵀ·dout)。",
        "The gradient of {names} is the transpose of the right one: check the order of the product and the transpose (rows layout: dW = xᵀ·dout).",
    ),
    "softmax_whole_batch": (
        "softmax がバッチ全体で正規化されています ({evidence})。max と和を行ごとに (axis=-1, keepdims=True) とってください。",
        "softmax is normalised over the whole batch ({evidence}); take the max and the sum per row (axis=-1, keepdims=True).",
    ),
    "mutated_argument": (
        "{names} がその場で書き換えられています。一本道のネットでは害がなくても、{names} を再利用する箇所 (分岐など) では勾配が壊れます。新しい配列を返してください。",
        "{names} is modified in place. Harmless in a plain chain, but wherever {names} is reused (branches) the gradient gets corrupted; return a new array instead.",
    ),
    "not_float64": (
        "{names} が float64 ではありません。float32 では数値微分が粗く、正しい勾配でも誤差が大きく出ます。np.float64 で確かめてください。",
        "Not float64: {names}. In float32 the numerical derivative is too coarse and even a right gradient shows large errors. Check in np.float64.",
    ),
    "log_delta": (
        "相対誤差 1e-6 前後は、交差エントロピーの log(y + 1e-7) の 1e-7 を解析的勾配 (y - t)/N が無視しているためで、想定内です。",
        "Relative errors near 1e-6 come from the 1e-7 inside log(y + 1e-7) in the cross-entropy, which the analytic (y - t)/N ignores: expected.",
    ),
}


@dataclass(frozen=True)
class Diagnosis:
    """A likely cause: stable ``code``, the tensors it concerns, ja/en ``messages``."""

    code: str
    tensors: tuple[str, ...]
    messages: dict[str, str]


def diagnosis(code: str, tensors: tuple[str, ...] = (), **fields: object) -> Diagnosis:
    """Fill the ja/en templates of ``code`` (``names`` is the tensors joined)."""
    values = {"names": ", ".join(tensors), **fields}
    ja, en = MESSAGES[code]
    return Diagnosis(code, tensors, {"ja": ja.format(**values), "en": en.format(**values)})


def _near(value: float, target: float) -> bool:
    return abs(value - target) <= RATIO_TOLERANCE * abs(target)


def scale_code(entry: TensorReport, grad: Array | None, batch: int) -> str | None:
    """zero_gradient, missing/double batch mean or sign_flip, read off the worst entry."""
    if grad is not None and grad.shape == entry.shape and grad.size and not np.any(grad):
        return "zero_gradient"
    if not (np.isfinite(entry.analytic) and np.isfinite(entry.numerical)) or entry.numerical == 0:
        return None
    ratio = entry.analytic / entry.numerical
    for code, target in (
        ("missing_batch_mean", batch),
        ("double_batch_mean", 1 / batch),
        ("sign_flip", -1.0),
    ):
        if _near(ratio, target):
            return code
    return None


def softmax_rows_evidence(y: object) -> tuple[str, str] | None:
    """(ja, en) evidence when a softmax output's rows do not each sum to 1 but the whole does."""
    if not isinstance(y, np.ndarray) or y.ndim != 2 or y.shape[0] < 2:
        return None
    sums = np.asarray(y, dtype=np.float64).sum(axis=1)
    if np.allclose(sums, 1.0, atol=1e-6) or not np.isclose(sums.sum(), 1.0, atol=1e-6):
        return None
    shown = sums.round(3).tolist()
    return (
        f"出力の各行の和が {shown} で 1 になりません",
        f"the rows of its output sum to {shown}, not 1",
    )


def softmax_bias_evidence(name: str, grad: Array) -> tuple[str, str] | None:
    """Softmax-CE's last bias gradient Σ_n (y - t)/N sums to 0 over the classes."""
    total = float(np.sum(grad))
    if abs(total) <= 1e-6 * max(float(np.sum(np.abs(grad))), 1e-12):
        return None
    return (
        f"{name} の勾配のクラス方向の和が 0 でなく {total:.3g} です",
        f"the gradient of {name} sums to {total:.3g} over the classes instead of 0",
    )


def softmax_diagnosis(evidence: tuple[str, str]) -> Diagnosis:
    ja, en = MESSAGES["softmax_whole_batch"]
    return Diagnosis(
        "softmax_whole_batch",
        (),
        {"ja": ja.format(evidence=evidence[0]), "en": en.format(evidence=evidence[1])},
    )
