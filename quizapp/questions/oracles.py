"""Numeric oracles for the question bank.

Each oracle is a plain function ``name(params: dict) -> float`` that recomputes the
answer of a ``numeric`` question independently of the TOML reference, from the
variant's parameters (values as drawn: ints or decimal strings). ``bank verify``
requires the oracle and the question's ``answer`` to agree for every verified seed.

The file is shared by the two content engineers: each edits only their own section.
"""

from __future__ import annotations

import cmath
import math
from itertools import pairwise

import numpy as np

from engine.layers.activations import Sigmoid
from engine.layers.batchnorm import BatchNorm
from engine.layers.dropout import Dropout
from engine.network import init_std
from engine.optimizers import SGD, AdaGrad, Momentum, Optimizer, RMSProp

# --- core topics (G1) ---


def _num(value: int | str) -> float:
    """A drawn parameter (int, or a decimal/fraction string such as ``"0.9"``) as a float."""
    if isinstance(value, str) and "/" in value:
        numerator, denominator = value.split("/")
        return float(numerator) / float(denominator)
    return float(value)


def _complex_step(f, x: float, h: float = 1e-20) -> float:
    """f'(x) by the complex-step method: Im f(x + ih) / h, exact to rounding for analytic f."""
    return f(complex(x, h)).imag / h


def matmul_multiplications(params: dict) -> float:
    """Scalar multiplications of (N, D) @ (D, H), counted one output entry at a time."""
    n, d, h = (int(params[k]) for k in ("N", "D", "H"))
    return float(sum(d for _row in range(n) for _col in range(h)))


def composite_cube_derivative(params: dict) -> float:
    """h'(x0) for h(x) = (x^2 + 1)^3, by the complex step."""
    return _complex_step(lambda x: (x * x + 1) ** 3, _num(params["x0"]))


def two_layer_parameter_count(params: dict) -> float:
    """Weights plus biases of D → H → C, summed layer by layer over (fan_in + 1) * fan_out."""
    sizes = [int(params[k]) for k in ("D", "H", "C")]
    return float(sum((fan_in + 1) * fan_out for fan_in, fan_out in pairwise(sizes)))


def relu_two_unit_output(params: dict) -> float:
    """y = 2 ReLU(p x + 1) + w ReLU(1 - q x), one hidden unit at a time."""
    x = _num(params["x"])
    hidden = [max(_num(params["p"]) * x + 1, 0.0), max(1 - _num(params["q"]) * x, 0.0)]
    return 2 * hidden[0] + _num(params["w"]) * hidden[1]


def _softmax(scores: np.ndarray) -> np.ndarray:
    """Softmax of a 1-D array, max subtracted first."""
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()


def softmax_first_component(params: dict) -> float:
    """softmax((a, b, 0))[0] computed with the max subtracted."""
    return float(_softmax(np.array([_num(params["a"]), _num(params["b"]), 0.0]))[0])


def _sigmoid(x: complex) -> complex:
    """1 / (1 + e^-x), also for complex arguments (used by the complex step)."""
    return 1 / (1 + cmath.exp(-x))


def sigmoid_slope(params: dict) -> float:
    """sigma'(x0) by the complex step, not by the sigma(1 - sigma) identity."""
    return _complex_step(_sigmoid, _num(params["x0"]))


def sigmoid_chain_bound(params: dict) -> float:
    """(max_x sigma'(x))^L, the maximum found by scanning a fine grid of x."""
    peak = max(_complex_step(_sigmoid, i / 1000) for i in range(-5000, 5001))
    return peak ** int(params["L"])


def _cross_entropy(probabilities: list[float], target: list[float]) -> float:
    """-sum t log y for one sample."""
    return -sum(t * math.log(y) for y, t in zip(probabilities, target, strict=True))


def cross_entropy_one_hot(params: dict) -> float:
    """CE of (p, rest split evenly over two other classes) against the one-hot first class."""
    p = _num(params["p"])
    return _cross_entropy([p, (1 - p) / 2, (1 - p) / 2], [1.0, 0.0, 0.0])


def cross_entropy_batch_mean(params: dict) -> float:
    """Mean over a batch of two samples whose true classes get p and q."""
    losses = [
        _cross_entropy([_num(params[k]), 1 - _num(params[k])], [1.0, 0.0]) for k in ("p", "q")
    ]
    return sum(losses) / len(losses)


def sum_squared_error_three(params: dict) -> float:
    """1/2 sum (y - t)^2 for y = (0.1, y2, 0.9 - y2), t = (0, 1, 0)."""
    y2 = _num(params["y2"])
    output, target = [0.1, y2, 0.9 - y2], [0.0, 1.0, 0.0]
    return 0.5 * sum((y - t) ** 2 for y, t in zip(output, target, strict=True))


def _cube(x: float) -> float:
    """x^3 by repeated multiplication."""
    return x * x * x


def forward_difference_error_cubic(params: dict) -> float:
    """(f(1 + h) - f(1)) / h - 3 for f = x^3, evaluated in float64."""
    h = _num(params["h"])
    return (_cube(1 + h) - _cube(1)) / h - 3


def central_difference_error_cubic(params: dict) -> float:
    """(f(1 + h) - f(1 - h)) / 2h - 3 for f = x^3, evaluated in float64."""
    h = _num(params["h"])
    return (_cube(1 + h) - _cube(1 - h)) / (2 * h) - 3


def relative_error_max(params: dict) -> float:
    """cs231n relative error |a - n| / max(|a|, |n|) with n = a + d."""
    analytic = _num(params["a"])
    numeric = analytic + _num(params["d"])
    return abs(analytic - numeric) / max(abs(analytic), abs(numeric))


def _run_optimizer(optimizer: Optimizer, w0: float, gradient, steps: int) -> list[float]:
    """Positions of a scalar parameter after each engine optimizer step; ``gradient(w)``."""
    params = {"w": np.array([w0], dtype=np.float64)}
    path = []
    for _ in range(steps):
        optimizer.update(params, {"w": np.array([gradient(params["w"][0])])})
        path.append(float(params["w"][0]))
    return path


def sgd_one_step(params: dict) -> float:
    """One engine SGD step from w0 with a fixed gradient g."""
    g = _num(params["g"])
    return _run_optimizer(SGD(lr=_num(params["lr"])), _num(params["w0"]), lambda _w: g, 1)[-1]


def momentum_two_steps(params: dict) -> float:
    """Two engine Momentum (0.9) steps on L = w^2 / 2, whose gradient is w."""
    optimizer = Momentum(lr=_num(params["lr"]), momentum=0.9)
    return _run_optimizer(optimizer, _num(params["w0"]), lambda w: w, 2)[-1]


def adam_first_step_uncorrected(params: dict) -> float:
    """|first step| / lr of Adam without bias correction (beta1 = 0.9, eps = 0, g = 1)."""
    beta1, beta2, g = 0.9, _num(params["b2"]), 1.0
    m = beta1 * 0.0 + (1 - beta1) * g
    v = beta2 * 0.0 + (1 - beta2) * g * g
    return abs(m / math.sqrt(v))


def adagrad_kth_step(params: dict) -> float:
    """Size of the k-th engine AdaGrad step (eps = 0) under a constant gradient 1."""
    k = int(params["k"])
    path = _run_optimizer(AdaGrad(lr=_num(params["lr"]), eps=0.0), 0.0, lambda _w: 1.0, k)
    return abs(path[-1] - (path[-2] if k > 1 else 0.0))


def rmsprop_first_step(params: dict) -> float:
    """Size of the first engine RMSProp step (eps = 0) for gradient 1."""
    optimizer = RMSProp(lr=_num(params["lr"]), decay_rate=_num(params["rho"]), eps=0.0)
    return abs(_run_optimizer(optimizer, 0.0, lambda _w: 1.0, 1)[-1])


def he_init_std(params: dict) -> float:
    """engine.network.init_std for "he" with fan-in n."""
    return init_std("he", int(params["n"]))


def xavier_init_std(params: dict) -> float:
    """engine.network.init_std for "xavier" (ゼロつく form) with fan-in n."""
    return init_std("xavier", int(params["n"]))


def inverted_dropout_kept_value(params: dict) -> float:
    """Output of a kept unit of value x through the engine's training-mode Dropout."""
    layer = Dropout(ratio=_num(params["p"]), seed=0)
    x = np.full(64, _num(params["x"]))
    out = layer.forward(x)
    return float(out[out != 0][0])


def affine_weight_gradient_entry(params: dict) -> float:
    """Entry (2, 1) of x^T @ dout for one sample, by np.outer."""
    x = np.array([_num(params["x1"]), _num(params["x2"])])
    dout = np.array([_num(params["d1"]), _num(params["d2"])])
    return float(np.outer(x, dout)[1, 0])


def sigmoid_neuron_slope(params: dict) -> float:
    """d/dx sigma(w x) at x0 by the complex step."""
    w = _num(params["w"])
    return _complex_step(lambda x: _sigmoid(w * x), _num(params["x0"]))


def central_difference_cubic_value(params: dict) -> float:
    """(f(x0 + h) - f(x0 - h)) / 2h for f = x^3, evaluated in float64."""
    x0, h = _num(params["x0"]), _num(params["h"])
    return (_cube(x0 + h) - _cube(x0 - h)) / (2 * h)


def glorot_std(params: dict) -> float:
    """Glorot std written as 1 / sqrt(mean fan), mean fan = (n_in + n_out) / 2."""
    n_in, n_out = int(params["n_in"]), int(params["n_out"])
    return math.sqrt(1 / ((n_in + n_out) / 2))


def sigmoid_layer_backward(params: dict) -> float:
    """engine Sigmoid layer: forward a, backward dout."""
    layer = Sigmoid()
    layer.forward(np.array([_num(params["a"])]))
    return float(layer.backward(np.array([_num(params["dout"])]))[0])


def sigmoid_neuron_output(params: dict) -> float:
    """engine Sigmoid layer applied to w . x + b, the dot product by np."""
    w = np.array([_num(params["w1"]), _num(params["w2"])])
    x = np.array([_num(params["x1"]), _num(params["x2"])])
    return float(Sigmoid().forward(np.array([w @ x + _num(params["b"])]))[0])


# --- applied topics (G2) ---


def _window_starts(length: int, span: int, stride: int) -> int:
    """How many windows of ``span`` cells fit in ``length`` cells, moving by ``stride``."""
    return len(range(0, length - span + 1, stride))


def conv_output_size(params: dict) -> float:
    """Output height of a convolution, by counting filter positions one by one."""
    s, k, p, m = (int(params[n]) for n in ("s", "k", "p", "m"))
    height = s * (m - 1) + k - 2 * p
    return float(_window_starts(height + 2 * p, k, s))


def dilated_conv_output_size(params: dict) -> float:
    """Output height of a stride-1 dilated convolution: count starts whose last tap fits."""
    d, k, p, m = (int(params[n]) for n in ("d", "k", "p", "m"))
    height = (m - 1) + d * (k - 1) + 1 - 2 * p
    taps = np.arange(k) * d
    return float(sum(1 for i in range(height + 2 * p) if i + taps[-1] < height + 2 * p))


def conv_parameter_count(params: dict) -> float:
    """Trainable parameters of a Conv2d with bias, from the sizes of its real arrays."""
    ci, co, k = (int(params[n]) for n in ("ci", "co", "k"))
    return float(np.zeros((co, ci, k, k)).size + np.zeros(co).size)


def im2col_rows(params: dict) -> float:
    """Rows of im2col's ``col`` for a 3x3 stride-1 filter, from NumPy's sliding windows."""
    n, c, h = (int(params[k]) for k in ("n", "c", "h"))
    windows = np.lib.stride_tricks.sliding_window_view(np.zeros((n, c, h, h)), (3, 3), axis=(2, 3))
    return float(windows.shape[0] * windows.shape[2] * windows.shape[3])


def stacked_conv_receptive_field(params: dict) -> float:
    """Receptive field of n stacked 3x3 stride-1 convolutions, by growing the pixel set."""
    seen = {0}
    for _ in range(int(params["n"])):
        seen = {i + offset for i in seen for offset in (-1, 0, 1)}
    return float(len(seen))


def _gated_rnn_parameters(params: dict, blocks: int) -> float:
    """Parameters of a gated RNN whose ``blocks`` affine maps are stacked as Wx, Wh, b."""
    d, h = int(params["d"]), int(params["h"])
    arrays = (np.zeros((d, blocks * h)), np.zeros((h, blocks * h)), np.zeros(blocks * h))
    return float(sum(a.size for a in arrays))


def lstm_parameter_count(params: dict) -> float:
    """LSTM: forget, input, output gates and the candidate g."""
    return _gated_rnn_parameters(params, blocks=4)


def gru_parameter_count(params: dict) -> float:
    """GRU: update and reset gates and the candidate."""
    return _gated_rnn_parameters(params, blocks=3)


def linear_rnn_long_gradient(params: dict) -> float:
    """d h_t / d h_0 for h_t = w h_{t-1} + u x_t, by a central difference through t steps."""
    w, steps = _num(params["w"]), int(params["t"])
    inputs = np.random.default_rng(0).normal(size=steps)

    def final_state(h0: float) -> float:
        h = h0
        for x in inputs:
            h = w * h + 0.7 * x
        return h

    return (final_state(1e-3) - final_state(-1e-3)) / 2e-3


def clipped_first_component(params: dict) -> float:
    """First component of (a, b) after clipping by global L2 norm c."""
    g = np.array([_num(params["a"]), _num(params["b"])])
    c = _num(params["c"])
    norm = np.linalg.norm(g)
    return float((g * (c / norm if norm > c else 1.0))[0])


def attention_score(params: dict) -> float:
    """q . k / sqrt(d_k) for the question's query and the fixed key (1, 2, 0, -1)."""
    q = np.array([_num(params[n]) for n in ("q1", "q2", "q3", "q4")])
    k = np.array([1.0, 2.0, 0.0, -1.0])
    return float(q @ k / np.sqrt(k.size))


def attention_weight_two_keys(params: dict) -> float:
    """Weight of the first key after the scaled softmax, d_k = 4."""
    scores = np.array([_num(params["s1"]), _num(params["s2"])]) / np.sqrt(4.0)
    return float(_softmax(scores)[0])


def mha_parameter_count(params: dict) -> float:
    """Multi-head attention with bias: per-head Q, K, V projections plus W^O."""
    d, h = int(params["d"]), int(params["h"])
    per_head = [np.zeros((d, d // h)).size + d // h for _ in range(3 * h)]
    return float(sum(per_head) + np.zeros((d, d)).size + d)


def sinusoidal_positional_encoding(params: dict) -> float:
    """PE(pos, 2) of the sinusoidal encoding with d_model = 4, from the full PE table."""
    pos, d_model = int(params["p"]), 4
    i = np.arange(d_model // 2)
    angles = pos / np.power(10000.0, 2 * i / d_model)
    table = np.empty(d_model)
    table[0::2], table[1::2] = np.sin(angles), np.cos(angles)
    return float(table[2])


def attention_weight_entries(params: dict) -> float:
    """Entries of the (B, h, n, n) attention weights, from a real softmax over zeros."""
    b, h, n = (int(params[k]) for k in ("b", "h", "n"))
    scores = np.zeros((b, h, n, n), dtype=np.float32)
    return float(scores.size)


def _entropy(probs: np.ndarray, base: float = np.e) -> float:
    """Shannon entropy of a probability array (zero cells contribute 0)."""
    nz = probs[probs > 0]
    return float(-(nz * np.log(nz)).sum() / np.log(base))


def _bernoulli(value: int | str) -> np.ndarray:
    """The distribution (p, 1 - p)."""
    p = _num(value)
    return np.array([p, 1.0 - p])


def binary_entropy_bits(params: dict) -> float:
    """Entropy of a coin with P(heads) = p, in bits."""
    return _entropy(_bernoulli(params["p"]), base=2.0)


def bernoulli_cross_entropy(params: dict) -> float:
    """H(P, Q) in nats for P = (p, 1-p), Q = (q, 1-q)."""
    return float(-(_bernoulli(params["p"]) * np.log(_bernoulli(params["q"]))).sum())


def bernoulli_kl(params: dict) -> float:
    """D_KL(P || Q) in nats, computed as H(P, Q) - H(P)."""
    return bernoulli_cross_entropy(params) - _entropy(_bernoulli(params["p"]))


def symmetric_table_mutual_information(params: dict) -> float:
    """I(X; Y) = H(X) + H(Y) - H(X, Y) for the 2x2 table [[a, .5-a], [.5-a, a]]."""
    a = _num(params["a"])
    joint = np.array([[a, 0.5 - a], [0.5 - a, a]])
    return _entropy(joint.sum(axis=1)) + _entropy(joint.sum(axis=0)) - _entropy(joint.ravel())


def _batchnorm(momentum: float = 0.9) -> BatchNorm:
    """A one-feature engine BatchNorm with gamma = 1, beta = 0 and eps = 0."""
    return BatchNorm(np.ones(1), np.zeros(1), momentum=momentum, eps=0.0)


def batchnorm_first_normalised(params: dict) -> float:
    """x-hat of the first sample of (4+d, 4-d, 2, 6), through the engine's BatchNorm."""
    d = _num(params["d"])
    batch = np.array([[4 + d], [4 - d], [2.0], [6.0]])
    return float(_batchnorm().forward(batch)[0, 0])


def batchnorm_running_mean(params: dict) -> float:
    """running_mean after one training step of the engine's BatchNorm on a batch with mean u."""
    layer = _batchnorm(momentum=_num(params["m"]))
    layer.running_mean = np.array([_num(params["r"])])
    layer.forward(np.full((3, 1), _num(params["u"])) + np.array([[-1.0], [0.0], [1.0]]))
    return float(layer.running_mean[0])


def batchnorm2d_trainable_parameters(params: dict) -> float:
    """gamma and beta of a per-channel BatchNorm over (N, C, H, W), counted from the layer."""
    c = int(params["c"])
    layer = BatchNorm(np.ones(c), np.zeros(c))
    return float(sum(p.size for p in layer.params.values()))


def bayes_posterior_positive(params: dict) -> float:
    """P(sick | positive) from the 2x2 joint table of (sick?, positive?)."""
    p, s, f = (_num(params[k]) for k in ("p", "s", "f"))
    joint = np.array([[p * s, p * (1 - s)], [(1 - p) * f, (1 - p) * (1 - f)]])
    return float(joint[0, 0] / joint[:, 0].sum())


def binomial_variance(params: dict) -> float:
    """Variance of a Binomial(n, p) count, from its pmf built by n convolutions."""
    n, p = int(params["n"]), _num(params["p"])
    pmf = np.array([1.0])
    for _ in range(n):
        pmf = np.convolve(pmf, [1 - p, p])
    k = np.arange(n + 1)
    mean = (k * pmf).sum()
    return float(((k - mean) ** 2 * pmf).sum())


def affine_variance(params: dict) -> float:
    """Var(aX + b) where X is +-sqrt(v) with probability 1/2 each (so Var X = v)."""
    a, b, v = (_num(params[k]) for k in ("a", "b", "v"))
    y = a * np.array([-np.sqrt(v), np.sqrt(v)]) + b
    return float(np.var(y))


def gaussian_mle_variance(params: dict) -> float:
    """Maximum-likelihood variance (divide by N) of the data (a, 2, 6)."""
    return float(np.var([_num(params["a"]), 2.0, 6.0], ddof=0))


def _gaussian_pdf(z: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Density of N(mean, std^2) at z."""
    return np.exp(-0.5 * ((z - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi))


def vae_kl_numeric(params: dict) -> float:
    """KL(N(mu, s^2) || N(0, 1)) by numerical integration on a fine grid."""
    mu, s = _num(params["mu"]), _num(params["s"])
    z = np.linspace(mu - 12 * s, mu + 12 * s, 200_001)
    q, p = _gaussian_pdf(z, mu, s), _gaussian_pdf(z, 0.0, 1.0)
    return float(np.sum(q * np.log(q / p)) * (z[1] - z[0]))


def reparameterised_sample(params: dict) -> float:
    """z = mu + sigma * eps with sigma = sqrt(exp(log-variance))."""
    mu, log_var, eps = (_num(params[k]) for k in ("mu", "lv", "eps"))
    return mu + np.sqrt(np.exp(log_var)) * eps


def _returns_backwards(rewards: list[float], gamma: float) -> float:
    """G_0 computed from the back with G_t = r_{t+1} + gamma * G_{t+1}."""
    g = 0.0
    for reward in reversed(rewards):
        g = reward + gamma * g
    return g


def discounted_return(params: dict) -> float:
    """Discounted return of the three rewards r1, r2, r3."""
    rewards = [_num(params[k]) for k in ("r1", "r2", "r3")]
    return _returns_backwards(rewards, _num(params["g"]))


def _td_update(params: dict, next_value: float) -> float:
    """Q(s, a) after one tabular TD step toward r + gamma * next_value."""
    table = {("s", "a"): _num(params["q"])}
    target = _num(params["r"]) + _num(params["g"]) * next_value
    table["s", "a"] += _num(params["a"]) * (target - table["s", "a"])
    return table["s", "a"]


def q_learning_update(params: dict) -> float:
    """Q-learning: bootstrap on the greedy next action of Q(s', .) = (1, 4, 2.5)."""
    return _td_update(params, float(np.max([1.0, 4.0, 2.5])))


def sarsa_update(params: dict) -> float:
    """SARSA: bootstrap on the chosen next action a'_1 of Q(s', .) = (1, 4, 2.5)."""
    return _td_update(params, [1.0, 4.0, 2.5][0])


def constant_reward_value(params: dict) -> float:
    """Value of receiving r forever, as a long truncated discounted sum."""
    gamma = _num(params["g"])
    steps = int(np.ceil(np.log(1e-15) / np.log(gamma)))
    return _returns_backwards([_num(params["r"])] * steps, gamma)


def _uint8_affine(lo: float, hi: float) -> tuple[float, int]:
    """Scale and zero point that map [lo, hi] onto the integers 0..255."""
    levels = np.arange(256)
    scale = (hi - lo) / (levels[-1] - levels[0])
    return scale, int(np.round(-lo / scale))


def uint8_quantization_scale(params: dict) -> float:
    """Scale of asymmetric uint8 quantisation of [lo, hi]."""
    return _uint8_affine(_num(params["lo"]), _num(params["hi"]))[0]


def uint8_quantization_zero_point(params: dict) -> float:
    """Zero point for the range [-z s, (255 - z) s], checked by quantising the real 0."""
    z, s = int(params["z"]), _num(params["s"])
    scale, zero_point = _uint8_affine(-z * s, (255 - z) * s)
    return float(np.clip(np.round(0.0 / scale) + zero_point, 0, 255))


def distillation_soft_target(params: dict) -> float:
    """p_1 of softmax((3, -1) / T)."""
    return float(_softmax(np.array([3.0, -1.0]) / _num(params["t"]))[0])


def depthwise_separable_cost_ratio(params: dict) -> float:
    """Multiplications per output pixel: (depthwise + pointwise) / standard convolution."""
    k, c, n = (int(params[key]) for key in ("k", "c", "n"))
    standard = np.zeros((n, c, k, k)).size
    separable = np.zeros((c, 1, k, k)).size + np.zeros((n, c, 1, 1)).size
    return separable / standard


def iterative_pruning_remaining(params: dict) -> float:
    """Percent of 10^5 weights left after r rounds that each drop the smallest p of the rest."""
    p, rounds = _num(params["p"]), int(params["r"])
    weights = np.random.default_rng(0).normal(size=100_000)
    for _ in range(rounds):
        keep = int(round(weights.size * (1 - p)))
        weights = weights[np.argsort(np.abs(weights))[weights.size - keep :]]
    return 100.0 * weights.size / 100_000


def self_information_bits(params: dict) -> float:
    """-log2 of the probability 1 / 2^k."""
    return float(-np.log2(1.0 / 2 ** int(params["k"])))


def gaussian_kl_numeric(params: dict) -> float:
    """KL(N(m1, s1^2) || N(m2, s2^2)) by numerical integration on a fine grid."""
    m1, m2, s1, s2 = (_num(params[k]) for k in ("m1", "m2", "s1", "s2"))
    z = np.linspace(m1 - 12 * s1, m1 + 12 * s1, 200_001)
    p, q = _gaussian_pdf(z, m1, s1), _gaussian_pdf(z, m2, s2)
    return float(np.sum(p * np.log(p / q)) * (z[1] - z[0]))


def categorical_variance(params: dict) -> float:
    """Variance of X in {1, 2, 3} with probabilities (a, b, 1 - a - b), computed exactly from the pmf."""
    a, b = _num(params["a"]), _num(params["b"])
    values, probs = np.array([1.0, 2.0, 3.0]), np.array([a, b, 1 - a - b])
    mean = probs @ values
    return float(probs @ (values - mean) ** 2)
