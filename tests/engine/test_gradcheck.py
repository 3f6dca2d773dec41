"""engine.gradcheck: numerical gradients, bands, kinks, and every mode catching planted bugs."""

import numpy as np
import pytest

from engine.finite_difference import numerical_gradient
from engine.gradcheck import (
    OK_BELOW,
    WRONG_ABOVE,
    band,
    check_gradients,
    check_layer,
    check_network,
    relative_error,
)
from engine.layers import ReLU
from engine.network import Network, NetworkSpec


@pytest.mark.parametrize(
    ("rel", "expected"),
    [(0.0, "ok"), (OK_BELOW / 2, "ok"), (OK_BELOW, "suspicious"), (1e-5, "suspicious"),
     (WRONG_ABOVE, "suspicious"), (2 * WRONG_ABOVE, "wrong"), (float("nan"), "wrong"),
     (float("inf"), "wrong")],
)  # fmt: skip
def test_bands(rel, expected):
    assert band(rel) == expected


def test_relative_error_handles_zeros():
    np.testing.assert_allclose(relative_error([0.0, 1.0, 2.0], [0.0, 1.0, -2.0]), [0.0, 0.0, 1.0])


def test_numerical_gradient_of_a_known_function_and_restores_x(rng):
    x = rng.standard_normal((3, 4))
    before = x.copy()
    grad = numerical_gradient(lambda: float(np.sum(x**3) + np.sin(x).sum()), x)
    np.testing.assert_allclose(grad, 3 * before**2 + np.cos(before), rtol=1e-9)
    np.testing.assert_array_equal(x, before)


def test_kinks_are_skipped_not_judged():
    x = np.array([[0.0, 1e-6, -0.7, 1.3]])
    report = check_layer(ReLU(), x)
    assert report.passed
    assert report["x"].skipped_kinks >= 1
    assert report["x"].checked + report["x"].skipped_kinks == x.size


def test_shape_mismatch_and_missing_gradient_are_wrong():
    w = np.ones((2, 3))
    report = check_gradients(lambda: float(w.sum()), {"w": w, "v": w}, {"w": np.ones((3, 2))})
    assert report["w"].band == report["v"].band == "wrong"
    assert report["w"].note == "shape_mismatch"
    assert report["w"].grad_shape == (3, 2)
    assert report["v"].note == "missing_gradient"
    assert not report.passed


def test_report_to_dict_is_json_friendly(rng):
    net = Network(NetworkSpec((3, 4, 2)), seed=0)
    report = check_network(net, rng.standard_normal((5, 3)), np.array([0, 1, 1, 0, 1]))
    data = report.to_dict()
    assert data["passed"] is True
    assert [e["name"] for e in data["entries"]] == ["W1", "b1", "W2", "b2"]


# ---------------------------------------------------------------- planted bugs


class Bugged:
    """A network whose gradient() returns a deliberately wrong dict."""

    def __init__(self, net, bug):
        self.net, self.bug, self.params = net, bug, net.params

    def loss(self, x, t):
        return self.net.loss(x, t)

    def gradient(self, x, t):
        grads = self.net.gradient(x, t)
        return BUGS[self.bug](grads, len(x)) if self.bug else grads


BUGS = {
    "missing_1_over_N": lambda g, n: {k: v * n for k, v in g.items()},
    "transposed_dW1": lambda g, n: {**g, "W1": g["W1"].T.copy()},
    "wrong_sign_dW2": lambda g, n: {**g, "W2": -g["W2"]},
    "dropped_bias_grad": lambda g, n: {**g, "b1": np.zeros_like(g["b1"])},
    "db2_not_summed": lambda g, n: {**g, "b2": g["b2"] / n},
}
EXPECTED_WRONG = {
    "missing_1_over_N": {"W1", "b1", "W2", "b2"},
    "transposed_dW1": {"W1"},
    "wrong_sign_dW2": {"W2"},
    "dropped_bias_grad": {"b1"},
    "db2_not_summed": {"b2"},
}
# square W1 (6x6) makes the transpose a value bug, not a shape bug
SIZES = {"rectangular": (6, 5, 3), "square": (6, 6, 4)}


def _net_and_data(sizes, activation="sigmoid"):
    rng = np.random.default_rng(11)
    net = Network(NetworkSpec(sizes, activation=activation, weight_init=0.5), seed=3)
    net.params["b1"][...] = rng.uniform(-0.3, 0.3, net.params["b1"].shape)
    return net, rng.standard_normal((7, sizes[0])), rng.integers(0, sizes[-1], 7)


@pytest.mark.parametrize("mode", ["all", "sample", "fast"])
@pytest.mark.parametrize("sizes", sorted(SIZES))
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_correct_network_passes(mode, sizes, activation):
    net, x, t = _net_and_data(SIZES[sizes], activation)
    report = check_network(Bugged(net, None), x, t, mode=mode, seed=4)
    assert report.passed, report
    if activation != "relu":
        assert all(e.band == "ok" for e in report.entries), report


@pytest.mark.parametrize("mode", ["all", "sample", "fast"])
@pytest.mark.parametrize("sizes", sorted(SIZES))
@pytest.mark.parametrize("bug", sorted(BUGS))
def test_every_mode_flags_every_planted_bug(mode, sizes, bug):
    net, x, t = _net_and_data(SIZES[sizes])
    for seed in range(3):
        report = check_network(Bugged(net, bug), x, t, mode=mode, seed=seed)
        assert not report.passed
        assert {e.name for e in report.entries if e.band == "wrong"} == EXPECTED_WRONG[bug]


def test_fast_mode_on_a_784_50_10_network_catches_a_missing_mean():
    rng = np.random.default_rng(0)
    net = Network(NetworkSpec((784, 50, 10)), seed=0)
    x, t = rng.random((100, 784)), rng.integers(0, 10, 100)
    assert check_network(net, x, t, mode="fast").passed
    report = check_network(Bugged(net, "missing_1_over_N"), x, t, mode="fast")
    assert all(e.band == "wrong" for e in report.entries)


@pytest.mark.parametrize("seed", [0, 3, 47])
def test_fast_mode_flags_a_dropped_bias_in_a_relu_net(seed):
    """Random directions move every ReLU input of the layer at once; probes that meet a
    kink are retried with smaller steps instead of leaving the tensor unjudged."""
    net = Network(NetworkSpec((6, 6, 4), activation="relu", weight_init="he"), seed=seed)
    rng = np.random.default_rng(seed)
    x, t = rng.standard_normal((7, 6)), rng.integers(0, 4, 7)
    report = check_network(Bugged(net, "dropped_bias_grad"), x, t, mode="fast", seed=seed)
    assert report["b1"].band == "wrong"
    assert report["b1"].checked > 0
