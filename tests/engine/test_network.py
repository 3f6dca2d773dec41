"""Spec-built networks: backprop vs numerical gradients in both layouts, the ゼロつく
protocol, training with an optimizer, and spec validation."""

import numpy as np
import pytest

from engine.gradcheck import check_network
from engine.layers import Dropout
from engine.network import Network, NetworkSpec
from engine.optimizers import Adam

SPECS = {
    "sigmoid_rows": NetworkSpec((4, 5, 3), weight_init=0.5),
    "tanh_columns": NetworkSpec((4, 5, 3), activation="tanh", layout="columns", weight_init=0.5),
    "relu_deep_he": NetworkSpec((4, 6, 5, 3), activation="relu", weight_init="he"),
    "leaky_xavier": NetworkSpec((4, 5, 3), activation="leaky_relu", weight_init="xavier"),
    "mse": NetworkSpec((4, 5, 3), loss="mse", weight_init=0.5),
    "bce_columns": NetworkSpec(
        (4, 5, 1), activation="tanh", loss="sigmoid_binary_cross_entropy", layout="columns"
    ),
    "batchnorm": NetworkSpec((4, 5, 3), activation="relu", batchnorm=True, weight_init="he"),
    "batchnorm_columns": NetworkSpec(
        (4, 5, 3), activation="tanh", batchnorm=True, layout="columns", weight_init=0.5
    ),
    "dropout": NetworkSpec((4, 5, 3), dropout=0.3, weight_init=0.5),
}


def _data(spec, rng, n=7):
    n_in, n_out = spec.sizes[0], spec.sizes[-1]
    x = rng.standard_normal((n, n_in))
    if spec.loss == "mse":
        t = rng.standard_normal((n, n_out))
    elif n_out == 1:
        t = rng.integers(0, 2, (n, 1)).astype(float)
    else:
        t = np.eye(n_out)[rng.integers(0, n_out, n)]
    return (x, t) if spec.layout == "rows" else (x.T.copy(), t.T.copy())


@pytest.mark.parametrize("name", sorted(SPECS))
def test_backprop_matches_numerical_gradient(name, rng):
    spec = SPECS[name]
    net = Network(spec, seed=1)
    for layer in net.layers:
        if isinstance(layer, Dropout):
            layer.freeze_mask = True
    x, t = _data(spec, rng)
    net.loss(x, t)  # draw the frozen dropout masks
    report = check_network(net, x, t)
    assert report.passed, report
    assert [e.name for e in report.entries] == list(net.params)
    assert all(e.checked > 0 for e in report.entries)


def test_param_names_shapes_and_layout():
    rows = Network(NetworkSpec((4, 5, 3), batchnorm=True))
    assert {k: v.shape for k, v in rows.params.items()} == {
        "W1": (4, 5), "b1": (5,), "gamma1": (5,), "beta1": (5,), "W2": (5, 3), "b2": (3,),
    }  # fmt: skip
    cols = Network(NetworkSpec((4, 5, 3), layout="columns"))
    assert {k: v.shape for k, v in cols.params.items()} == {
        "W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1),
    }  # fmt: skip
    assert cols.predict(np.zeros((4, 6))).shape == (3, 6)


def test_he_init_scale():
    net = Network(NetworkSpec((400, 300, 2), weight_init="he"), seed=0)
    assert net.params["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)


def test_trace_and_gradient_agree(rng):
    spec = SPECS["sigmoid_rows"]
    net = Network(spec, seed=2)
    x, t = _data(spec, rng)
    grads = net.gradient(x, t)
    trace = net.trace(x, t)
    np.testing.assert_allclose(grads["W1"], x.T @ trace.output_grads[0])
    np.testing.assert_allclose(trace.prediction.sum(axis=1), 1.0)
    assert trace.loss == pytest.approx(net.loss(x, t))
    assert trace.input_grad.shape == x.shape


def test_training_with_adam_reduces_the_loss(rng):
    spec = NetworkSpec((2, 8, 2), activation="tanh", weight_init="xavier")
    net = Network(spec, seed=0)
    x = rng.standard_normal((64, 2))
    t = (x[:, 0] * x[:, 1] > 0).astype(int)
    before = net.loss(x, t)
    opt = Adam(lr=0.05)
    for _ in range(200):
        opt.update(net.params, net.gradient(x, t))
    assert net.loss(x, t) < 0.5 * before


def test_eval_mode_makes_dropout_deterministic(rng):
    net = Network(NetworkSpec((4, 5, 3), dropout=0.5), seed=0).train(False)
    x = rng.standard_normal((3, 4))
    np.testing.assert_array_equal(net.predict(x), net.predict(x))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sizes": (4,)}, "at least 2"),
        ({"sizes": (4, 0, 3)}, "positive"),
        ({"sizes": (4, 3), "activation": "swish"}, "activation"),
        ({"sizes": (4, 3), "loss": "hinge"}, "loss"),
    ],
)
def test_bad_specs_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        NetworkSpec(**kwargs)


def test_bad_layout_is_rejected():
    with pytest.raises(ValueError, match="layout"):
        NetworkSpec((4, 3), layout="diagonal")
