"""Optimizers against steps computed by hand (θ0 = 1, g1 = 0.5, g2 = -0.2, η = 0.1)."""

import numpy as np
import pytest

from engine.optimizers import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSProp

# (a fresh optimizer, θ after step 1, θ after step 2), each worked out from the update rule
CASES = {
    "sgd": (lambda: SGD(lr=0.1), 1 - 0.1 * 0.5, 0.95 + 0.1 * 0.2),
    # v1 = -0.05; v2 = 0.9·(-0.05) + 0.02 = -0.025
    "momentum": (lambda: Momentum(lr=0.1, momentum=0.9), 0.95, 0.95 - 0.025),
    # θ1 = 1 - 1.9·0.05; θ2 = θ1 + 0.81·v1 + 1.9·0.02 with v1 = -0.05
    "nesterov": (lambda: Nesterov(lr=0.1, momentum=0.9), 0.905, 0.905 - 0.0405 + 0.038),
    # h1 = 0.25, h2 = 0.29
    "adagrad": (lambda: AdaGrad(lr=0.1, eps=0.0), 1 - 0.05 / 0.5, 0.9 + 0.02 / np.sqrt(0.29)),
    # h1 = 0.025, h2 = 0.0265
    "rmsprop": (
        lambda: RMSProp(lr=0.1, decay_rate=0.9, eps=0.0),
        1 - 0.05 / np.sqrt(0.025),
        1 - 0.05 / np.sqrt(0.025) + 0.02 / np.sqrt(0.0265),
    ),
    # m̂1 = 0.5, v̂1 = 0.25; m2 = 0.025, v2 = 0.00028975, m̂2 = m2/0.19, v̂2 = v2/0.001999
    "adam": (
        lambda: Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=0.0),
        0.9,
        0.9 - 0.1 * (0.025 / 0.19) / np.sqrt(0.00028975 / 0.001999),
    ),
    "adam_folded": (
        lambda: Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=0.0, form="folded"),
        0.9,
        0.9 - 0.1 * (0.025 / 0.19) / np.sqrt(0.00028975 / 0.001999),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_two_steps_match_hand_computation(name):
    make, step1, step2 = CASES[name]
    optimizer = make()
    theta = np.array([1.0])
    params = {"w": theta}
    optimizer.update(params, {"w": np.array([0.5])})
    np.testing.assert_allclose(theta, [step1], rtol=1e-12)
    optimizer.update(params, {"w": np.array([-0.2])})
    np.testing.assert_allclose(theta, [step2], rtol=1e-12)
    assert params["w"] is theta  # updated in place


def test_keys_are_independent_and_state_is_lazy():
    opt = Momentum(lr=0.1, momentum=0.5)
    params = {"a": np.array([0.0]), "b": np.array([0.0, 0.0])}
    opt.update(params, {"a": np.array([1.0]), "b": np.array([0.0, 2.0])})
    np.testing.assert_allclose(params["a"], [-0.1])
    np.testing.assert_allclose(params["b"], [0.0, -0.2])
    assert set(opt.state) == {"a", "b"}


def test_adam_forms_differ_only_in_where_eps_sits():
    """paper with ε' = ε / √(1 - β₂ᵗ) at step t equals folded with ε."""
    eps = 1e-3
    paper = Adam(lr=0.01, eps=eps)
    folded = Adam(lr=0.01, eps=eps, form="folded")
    a, b = {"w": np.array([1.0, -2.0])}, {"w": np.array([1.0, -2.0])}
    for g in ([0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]):
        paper.eps = eps / np.sqrt(1 - 0.999 ** (paper.t + 1))
        paper.update(a, {"w": np.array(g)})
        folded.update(b, {"w": np.array(g)})
    np.testing.assert_allclose(a["w"], b["w"], rtol=1e-12)
    plain = {"w": np.array([1.0, -2.0])}
    same_eps = Adam(lr=0.01, eps=eps)
    for g in ([0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]):
        same_eps.update(plain, {"w": np.array(g)})
    assert not np.allclose(plain["w"], b["w"], rtol=1e-9)


@pytest.mark.parametrize(
    ("params", "grads", "message"),
    [
        ({"w": np.zeros(2)}, {"v": np.zeros(2)}, "keys"),
        ({"w": np.zeros(2)}, {"w": np.zeros(3)}, "shape"),
    ],
)
def test_mismatched_dicts_are_rejected(params, grads, message):
    with pytest.raises(ValueError, match=message):
        SGD().update(params, grads)


def test_bad_settings_are_rejected():
    with pytest.raises(ValueError, match="learning rate"):
        SGD(lr=0)
    with pytest.raises(ValueError, match="form"):
        Adam(form="book")
