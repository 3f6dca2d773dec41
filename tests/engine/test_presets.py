"""Presets: names, distinct shapes, true gradients vs numerical ones, reference formulas."""

import ast

import numpy as np
import pytest

from engine.presets import PRESETS, get_preset

NAMES = {
    "zerotsuku-two-layer": "x t W1 b1 a1 z1 W2 b2 a2 y N batch_size",
    "coursera-shallow": "X Y W1 b1 Z1 A1 W2 b2 Z2 A2 m",
}
TARGETS = {
    "zerotsuku-two-layer": ("da2", "dW2", "db2", "dz1", "da1", "dW1", "db1"),
    "coursera-shallow": ("dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"),
}


def _softmax(a, axis):
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _sig(a):
    return 1 / (1 + np.exp(-a))


# Independent forward graphs written with plain numpy: (name, f(values)) in forward order,
# then the loss; a numerical gradient w.r.t. any name recomputes everything after it.
GRAPHS = {
    "zerotsuku-two-layer": (
        [
            ("a1", lambda v: v["x"] @ v["W1"] + v["b1"]),
            ("z1", lambda v: _sig(v["a1"])),
            ("a2", lambda v: v["z1"] @ v["W2"] + v["b2"]),
        ],
        lambda v: -np.sum(v["t"] * np.log(_softmax(v["a2"], 1))) / v["x"].shape[0],
        1.0,
    ),
    "coursera-shallow": (
        [
            ("Z1", lambda v: v["W1"] @ v["X"] + v["b1"]),
            ("A1", lambda v: np.tanh(v["Z1"])),
            ("Z2", lambda v: v["W2"] @ v["A1"] + v["b2"]),
        ],
        lambda v: (
            -np.sum(v["Y"] * np.log(_sig(v["Z2"])) + (1 - v["Y"]) * np.log(1 - _sig(v["Z2"])))
            / v["X"].shape[1]
        ),
        "m",  # activation gradients are of the summed loss: scale by m
    ),
    "relu-three-layer": (
        [
            ("a1", lambda v: v["x"] @ v["W1"] + v["b1"]),
            ("z1", lambda v: np.maximum(v["a1"], 0)),
            ("a2", lambda v: v["z1"] @ v["W2"] + v["b2"]),
            ("z2", lambda v: np.maximum(v["a2"], 0)),
            ("a3", lambda v: v["z2"] @ v["W3"] + v["b3"]),
        ],
        lambda v: -np.sum(v["t"] * np.log(_softmax(v["a3"], 1))) / v["x"].shape[0],
        1.0,
    ),
    "batchnorm-two-layer": (
        [
            ("a1", lambda v: v["x"] @ v["W1"] + v["b1"]),
            ("mu1", lambda v: v["a1"].mean(axis=0)),
            ("var1", lambda v: ((v["a1"] - v["mu1"]) ** 2).mean(axis=0)),
            ("xhat1", lambda v: (v["a1"] - v["mu1"]) / np.sqrt(v["var1"] + v["eps"])),
            ("u1", lambda v: v["gamma1"] * v["xhat1"] + v["beta1"]),
            ("z1", lambda v: np.maximum(v["u1"], 0)),
            ("a2", lambda v: v["z1"] @ v["W2"] + v["b2"]),
        ],
        lambda v: -np.sum(v["t"] * np.log(_softmax(v["a2"], 1))) / v["x"].shape[0],
        1.0,
    ),
}


def _numerical(preset_name, values, wrt, h=1e-6):
    steps, loss, _ = GRAPHS[preset_name]
    names = [n for n, _ in steps]
    later = steps[names.index(wrt) + 1 :] if wrt in names else steps

    def f(v):
        v = dict(v)
        for name, fn in later:
            v[name] = fn(v)
        return loss(v)

    grad = np.zeros_like(values[wrt])
    for idx in np.ndindex(grad.shape):
        plus, minus = dict(values), dict(values)
        plus[wrt], minus[wrt] = values[wrt].copy(), values[wrt].copy()
        plus[wrt][idx] += h
        minus[wrt][idx] -= h
        grad[idx] = (f(plus) - f(minus)) / (2 * h)
    return grad


def _eval_dialect(text, env):
    """Evaluate a NumPy-dialect formula by walking its AST (names, + - * / **, @, .T,
    comparisons, np.sum with axis/keepdims, np.sqrt) - a test-only oracle, no eval()."""

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Name):
            return env[node.id]
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.BinOp):
            ops = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
                   ast.Div: np.divide, ast.Pow: np.power, ast.MatMult: np.matmul}  # fmt: skip
            return ops[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.Gt):
            return (walk(node.left) > walk(node.comparators[0])).astype(float)
        if isinstance(node, ast.Attribute) and node.attr == "T":
            return walk(node.value).T
        if isinstance(node, ast.Call) and ast.unparse(node.func) in ("np.sum", "np.sqrt"):
            kwargs = {k.arg: walk(k.value) for k in node.keywords}
            return getattr(np, node.func.attr)(walk(node.args[0]), **kwargs)
        raise AssertionError(f"unsupported construct {ast.dump(node)}")

    return walk(ast.parse(text, mode="eval"))


@pytest.mark.parametrize("name", sorted(NAMES))
def test_design_presets_have_exact_names_and_targets(name):
    preset = get_preset(name)
    assert set(preset.shapes) == set(NAMES[name].split())
    assert preset.targets == TARGETS[name]
    assert set(preset.target_shapes) == set(preset.targets)


def test_batchnorm_preset_statistics_and_zero_bias_gradient():
    values = get_preset("batchnorm-two-layer").sample(np.random.default_rng(3))
    np.testing.assert_allclose(values["xhat1"].mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(values["u1"], values["gamma1"] * values["xhat1"] + values["beta1"])
    np.testing.assert_allclose(values["db1"], 0, atol=1e-12)
    assert np.abs(values["dW1"]).max() > 1e-3


def test_preset_conventions():
    zerotsuku, coursera = get_preset("zerotsuku-two-layer"), get_preset("coursera-shallow")
    assert zerotsuku.layout == "rows"
    assert coursera.layout == "columns"
    assert zerotsuku.shapes["b1"] == (zerotsuku.shapes["W1"][1],)
    assert coursera.shapes["b1"] == (coursera.shapes["W1"][0], 1)
    assert zerotsuku.shapes["N"] == zerotsuku.shapes["batch_size"] == coursera.shapes["m"] == ()
    assert zerotsuku.upstream["dW1"] == ("da1", "dz1", "da2")
    assert zerotsuku.upstream["dW2"] == ("da2",)
    assert coursera.upstream["dZ1"] == ("dA1", "dZ2")
    assert coursera.upstream["dZ2"] == ()


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_dimensions_are_pairwise_distinct(name):
    preset = get_preset(name)
    x_name = "x" if preset.layout == "rows" else "X"
    # every data dimension and every layer width differs from all others
    widths = [preset.shapes[f"W{i}"] for i in range(1, 4) if f"W{i}" in preset.shapes]
    batch = preset.shapes[x_name][0 if preset.layout == "rows" else 1]
    sizes = {batch, *(w[0] for w in widths), *(w[1] for w in widths)}
    assert len(sizes) == len(widths) + 2, sizes


@pytest.mark.parametrize("name", sorted(PRESETS))
@pytest.mark.parametrize(("seed", "other_batch"), [(0, False), (1, False), (2, True)])
def test_true_gradients_match_numerical(name, seed, other_batch):
    preset = get_preset(name)
    batch = preset.other_batch if other_batch else None
    values = preset.sample(np.random.default_rng(seed), batch)
    scale = GRAPHS[name][2]
    scale = values[scale] if isinstance(scale, str) else scale
    for target in preset.targets:
        wrt = target[1:]
        numerical = _numerical(name, values, wrt)
        if wrt in dict(GRAPHS[name][0]):
            numerical = numerical * scale
        if batch is None:
            assert values[target].shape == preset.target_shapes[target]
        np.testing.assert_allclose(values[target], numerical, rtol=1e-6, atol=1e-9, err_msg=target)


@pytest.mark.parametrize("name", sorted(PRESETS))
@pytest.mark.parametrize("seed", [0, 5])
def test_reference_formulas_reproduce_true_gradients(name, seed):
    preset = get_preset(name)
    values = preset.sample(np.random.default_rng(seed))
    for target in preset.targets:
        env = {
            k: v for k, v in values.items() if k in preset.shapes or k in preset.upstream[target]
        }
        got = _eval_dialect(preset.reference_formulas[target], env)
        assert np.shape(got) == preset.target_shapes[target], target
        np.testing.assert_allclose(got, values[target], rtol=1e-12, atol=1e-15, err_msg=target)
        assert preset.latex[target]


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_samples_are_seeded_well_conditioned_and_kink_free(name):
    preset = get_preset(name)
    a = preset.sample(np.random.default_rng(7))
    b = preset.sample(np.random.default_rng(7))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    pred = a["y"] if "y" in a else a["A2"]
    assert pred.min() > 1e-3
    assert pred.max() < 1 - 1e-3
    relu_inputs = {"relu-three-layer": ("a1", "a2"), "batchnorm-two-layer": ("u1",)}
    for key in relu_inputs.get(name, ()):
        assert np.abs(a[key]).min() > 0.05


def test_unknown_preset_lists_the_names():
    with pytest.raises(KeyError, match="zerotsuku-two-layer"):
        get_preset("two-layer")


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_many_draws_all_succeed_and_stay_off_kinks(name):
    preset = get_preset(name)
    rng = np.random.default_rng(123)
    relu_inputs = {"relu-three-layer": ("a1", "a2"), "batchnorm-two-layer": ("u1",)}
    for _ in range(300):
        values = preset.sample(rng)
        for key in relu_inputs.get(name, ()):
            assert np.abs(values[key]).min() > 0.05


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_other_batch_size_resizes_only_the_batch_axis(name):
    preset = get_preset(name)
    widths = {n for k, s in preset.shapes.items() if k.startswith("W") for n in s}
    assert preset.other_batch not in widths | {preset.batch, 1}
    values = preset.sample(np.random.default_rng(4), preset.other_batch)
    axis = 0 if preset.layout == "rows" else 1
    x_name = "x" if preset.layout == "rows" else "X"
    assert values[x_name].shape[axis] == preset.other_batch
    scalars = [k for k, s in preset.shapes.items() if s == ()]
    assert all(values[k] == preset.other_batch for k in scalars if k != "eps")
    for key, shape in preset.shapes.items():
        resized = tuple(preset.other_batch if n == preset.batch else n for n in shape)
        assert np.shape(values[key]) == resized, key
    with pytest.raises(ValueError, match="batch must be"):
        preset.sample(np.random.default_rng(4), 100)
