"""The preset networks of DESIGN.md, by name.

zerotsuku-two-layer (rows, ゼロつく ch05 TwoLayerNet): x (N,D), one-hot t (N,C),
    a1 = x@W1 + b1, z1 = sigmoid(a1), a2 = z1@W2 + b2, y = softmax(a2), mean cross-entropy.
    Every gradient is of the MEAN loss: da2 = (y - t)/N, no 1/N after that.
coursera-shallow (columns, Coursera DLS course 1 week 3): X (n_x,m), Y (1,m),
    Z1 = W1@X + b1, A1 = tanh(Z1), Z2 = W2@A1 + b2, A2 = sigmoid(Z2), mean binary CE.
    dZ*, dA* are of the SUMMED loss (dZ2 = A2 - Y); dW*, db* of the mean cost (/m).
relu-three-layer (rows, He init): x@W1+b1 → ReLU → @W2+b2 → ReLU → @W3+b3 → softmax,
    mean cross-entropy, every gradient of the mean loss; draws keep ReLU inputs off 0.
batchnorm-two-layer (rows): a1 = x@W1 + b1, u1 = batchnorm(a1; gamma1, beta1) with batch
    statistics mu1, var1, xhat1 and eps, z1 = relu(u1), a2 = z1@W2 + b2, y = softmax(a2),
    mean cross-entropy; da1 is the full batch-norm backward (db1 is exactly 0: the batch
    mean removes any shift).
"""

from __future__ import annotations

import numpy as np

from engine.layers import BatchNorm
from engine.network import Network, NetworkSpec, Trace
from engine.preset_builder import Preset, Recipe, Values, build_preset

__all__ = ["PRESETS", "Preset", "get_preset"]

Formulas = dict[str, tuple[str, str]]  # target -> (NumPy-dialect formula, LaTeX)


def _tex(name: str) -> str:
    """``z1`` → ``z_1``: a rows-layout name in LaTeX."""
    return f"{name[:-1]}_{name[-1]}" if name[-1].isdigit() else name


def _softmax_cross_entropy_rows(k: int) -> Formulas:
    """da_k of the mean softmax cross-entropy over a batch of N rows."""
    return {f"da{k}": ("(y - t) / N", r"\frac{y - t}{N}")}


def _affine_rows(k: int, inputs: str) -> Formulas:
    """dW_k and db_k of the rows-layout layer a_k = inputs @ W_k + b_k."""
    return {
        f"dW{k}": (f"{inputs}.T @ da{k}", rf"{_tex(inputs)}^\top \, \delta a_{k}"),
        f"db{k}": (f"np.sum(da{k}, axis=0)", rf"\sum_{{n}} \delta a_{k}"),
    }


def _into_affine_rows(k: int) -> Formulas:
    """dz_{k-1}, the gradient reaching the input z_{k-1} of a_k = z_{k-1} @ W_k + b_k."""
    return {f"dz{k - 1}": (f"da{k} @ W{k}.T", rf"\delta a_{k} \, W_{k}^\top")}


def _relu_rows(output: str, inputs: str) -> Formulas:
    """d<inputs> through the ReLU output = relu(inputs)."""
    mask = rf"\delta {_tex(output)} \odot [{_tex(inputs)} > 0]"
    return {f"d{inputs}": (f"d{output} * ({inputs} > 0)", mask)}


_ZEROTSUKU = build_preset(
    "zerotsuku-two-layer",
    Recipe(
        spec=NetworkSpec((5, 4, 3), activation="sigmoid", loss="softmax_cross_entropy"),
        batch=7,
        inputs=("x", "t"),
        outputs=("a1", "z1", "a2"),
        prediction="y",
        batch_names=("N", "batch_size"),
        weight_std=(0.8, 0.8),
    ),
    {
        "ja": "ゼロつく 2層ネット (行優先: sigmoid → softmax, 平均交差エントロピー)",
        "en": "ゼロつく two-layer net (rows: sigmoid → softmax, mean cross-entropy)",
    },
    {
        **_softmax_cross_entropy_rows(2),
        **_affine_rows(2, "z1"),
        **_into_affine_rows(2),
        "da1": ("dz1 * z1 * (1 - z1)", r"\delta z_1 \odot z_1 \odot (1 - z_1)"),
        **_affine_rows(1, "x"),
    },
)

_COURSERA = build_preset(
    "coursera-shallow",
    Recipe(
        spec=NetworkSpec(
            (3, 4, 1), activation="tanh", loss="sigmoid_binary_cross_entropy", layout="columns"
        ),
        batch=5,
        inputs=("X", "Y"),
        outputs=("Z1", "A1", "Z2"),
        prediction="A2",
        batch_names=("m",),
        weight_std=(0.8, 0.8),
        summed_activation_grads=True,
    ),
    {
        "ja": "Coursera 浅いネット (列優先: tanh → sigmoid, 平均二値交差エントロピー)",
        "en": "Coursera shallow net (columns: tanh → sigmoid, mean binary cross-entropy)",
    },
    {
        "dZ2": ("A2 - Y", r"A^{[2]} - Y"),
        "dW2": ("dZ2 @ A1.T / m", r"\frac{1}{m} dZ^{[2]} A^{[1]\top}"),
        "db2": ("np.sum(dZ2, axis=1, keepdims=True) / m", r"\frac{1}{m} \sum_{i} dZ^{[2](i)}"),
        "dA1": ("W2.T @ dZ2", r"W^{[2]\top} dZ^{[2]}"),
        "dZ1": ("dA1 * (1 - A1**2)", r"dA^{[1]} \odot \left(1 - (A^{[1]})^2\right)"),
        "dW1": ("dZ1 @ X.T / m", r"\frac{1}{m} dZ^{[1]} X^\top"),
        "db1": ("np.sum(dZ1, axis=1, keepdims=True) / m", r"\frac{1}{m} \sum_{i} dZ^{[1](i)}"),
    },
)

_RELU = build_preset(
    "relu-three-layer",
    Recipe(
        spec=NetworkSpec((6, 5, 4, 3), activation="relu", weight_init="he"),
        batch=8,
        inputs=("x", "t"),
        outputs=("a1", "z1", "a2", "z2", "a3"),
        prediction="y",
        batch_names=("N", "batch_size"),
        weight_std=((2 / 6) ** 0.5, (2 / 5) ** 0.5, (2 / 4) ** 0.5),
    ),
    {
        "ja": "ReLU 3層ネット (行優先, He 初期化, softmax + 平均交差エントロピー)",
        "en": "ReLU three-layer net (rows, He init, softmax + mean cross-entropy)",
    },
    {
        **_softmax_cross_entropy_rows(3),
        **_affine_rows(3, "z2"),
        **_into_affine_rows(3),
        **_relu_rows("z2", "a2"),
        **_affine_rows(2, "z1"),
        **_into_affine_rows(2),
        **_relu_rows("z1", "a1"),
        **_affine_rows(1, "x"),
    },
)


def _batchnorm_statistics(net: Network, trace: Trace) -> Values:
    """mu1, var1, xhat1 of the batch entering the BatchNorm layer, and its eps."""
    a1 = trace.outputs[0]
    layer = next(layer for layer in net.layers if isinstance(layer, BatchNorm))
    mu, var = a1.mean(axis=0), a1.var(axis=0)
    return {"mu1": mu, "var1": var, "xhat1": (a1 - mu) / np.sqrt(var + layer.eps), "eps": layer.eps}


_BATCHNORM = build_preset(
    "batchnorm-two-layer",
    Recipe(
        spec=NetworkSpec((5, 4, 3), activation="relu", batchnorm=True),
        batch=7,
        inputs=("x", "t"),
        outputs=("a1", "u1", "z1", "a2"),
        prediction="y",
        batch_names=("N", "batch_size"),
        weight_std=(0.8, 0.8),
        extras=_batchnorm_statistics,
    ),
    {
        "ja": "BatchNorm 付き 2層ネット (行優先: Affine → BatchNorm → ReLU → softmax)",
        "en": "Two-layer net with batch norm (rows: Affine → BatchNorm → ReLU → softmax)",
    },
    {
        **_softmax_cross_entropy_rows(2),
        **_affine_rows(2, "z1"),
        **_into_affine_rows(2),
        **_relu_rows("z1", "u1"),
        "dgamma1": ("np.sum(du1 * xhat1, axis=0)", r"\sum_{n} \delta u_1 \odot \hat{x}_1"),
        "dbeta1": ("np.sum(du1, axis=0)", r"\sum_{n} \delta u_1"),
        "da1": (
            "gamma1 * (N * du1 - np.sum(du1, axis=0) - xhat1 * np.sum(du1 * xhat1, axis=0))"
            " / (N * np.sqrt(var1 + eps))",
            r"\frac{\gamma_1}{N\sqrt{\sigma_1^2 + \epsilon}} \left(N \delta u_1 - \sum_n \delta u_1"
            r" - \hat{x}_1 \odot \sum_n \delta u_1 \odot \hat{x}_1\right)",
        ),
        "dW1": _affine_rows(1, "x")["dW1"],
        "db1": ("np.sum(da1, axis=0)", r"\sum_{n} \delta a_1 \; (= 0)"),
    },
)

PRESETS: dict[str, Preset] = {p.name: p for p in (_ZEROTSUKU, _COURSERA, _RELU, _BATCHNORM)}


def get_preset(name: str) -> Preset:
    """The preset called ``name``; KeyError listing the known names otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(
            f"unknown preset {name!r}; known presets: {', '.join(sorted(PRESETS))}"
        ) from None
