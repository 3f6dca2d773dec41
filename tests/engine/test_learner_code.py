"""Gradient check of learner code, end to end on learner-style fixture files."""

import json
from pathlib import Path

import numpy as np
import pytest

from engine.learner_code import LearnerCodeError, format_table, run_learner_gradcheck

FIXTURES = Path(__file__).parent / "fixtures"
ALL = {"W1", "b1", "W2", "b2"}

# spec -> (passed, kind, tensors in the wrong band, diagnosis codes)
CASES = {
    "two_layer_net.py:TwoLayerNet": (True, "network", set(), ["log_delta"]),
    "two_layer_net_batch_softmax.py:TwoLayerNetBatchSoftmax": (False, "network", ALL, ["softmax_whole_batch"]),
    "two_layer_net_batch_softmax.py:TwoLayerNetBatchSoftmaxProbs": (False, "network", ALL, ["softmax_whole_batch"]),
    "buggy_layers.py:TwoLayerNetNoMean": (False, "network", ALL, ["missing_batch_mean"]),
    "buggy_layers.py:TwoLayerNetWrongSign": (False, "network", {"W2"}, ["sign_flip"]),
    "buggy_layers.py:TwoLayerNetNoBiasGrad": (False, "network", {"b1"}, ["zero_gradient"]),
    "batchnorm_net.py:BatchNormNet": (True, "network", set(), ["log_delta"]),
    "batchnorm_net.py:BatchNormalization": (True, "layer", set(), []),
    "two_layer_net.py:Affine": (True, "layer", set(), []),
    "two_layer_net.py:Relu": (True, "layer", set(), []),
    "buggy_layers.py:InPlaceRelu": (True, "layer", set(), ["mutated_argument"]),
    "buggy_layers.py:TransposedAffine": (False, "layer", {"W"}, ["transposed_gradient"]),
    "buggy_layers.py:SigmoidSquared": (False, "layer", {"x"}, []),
    "buggy_layers.py:Float32Affine": (True, "layer", set(), ["not_float64"]),
    "two_layer_net.py:SoftmaxWithLoss": (True, "loss", set(), ["log_delta"]),
    "two_layer_net_batch_softmax.py:BatchSoftmaxWithLoss": (False, "loss", {"x"}, ["softmax_whole_batch"]),
}  # fmt: skip


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("spec", sorted(CASES))
def test_fixture_verdicts_and_diagnoses(spec, fast):
    passed, kind, wrong, codes = CASES[spec]
    report = run_learner_gradcheck(str(FIXTURES / spec), fast=fast)
    assert report.passed is passed
    assert report.kind == kind
    assert {e.name for e in report.check.entries if e.band == "wrong"} == wrong
    if not fast:  # diagnoses rely on the worst entry, which the full mode always sees
        assert [d.code for d in report.diagnoses] == codes
    assert report.check.mode == ("fast" if fast else "all")


def test_whole_batch_softmax_without_y_is_told_by_the_last_bias_gradient():
    spec = f"{FIXTURES}/two_layer_net_batch_softmax.py:TwoLayerNetBatchSoftmaxProbs"
    (diagnosis,) = run_learner_gradcheck(spec, batch=6).diagnoses
    assert diagnosis.code == "softmax_whole_batch"
    assert "b2 sums to -0.833 over the classes instead of 0" in diagnosis.messages["en"]
    assert "b2 の勾配のクラス方向の和が 0 でなく -0.833" in diagnosis.messages["ja"]


def test_missing_mean_names_every_tensor_and_the_batch_size():
    report = run_learner_gradcheck(f"{FIXTURES}/buggy_layers.py:TwoLayerNetNoMean", batch=7)
    (diagnosis,) = report.diagnoses
    assert diagnosis.tensors == ("W1", "b1", "W2", "b2")
    assert "7" in diagnosis.messages["en"]
    assert "7" in diagnosis.messages["ja"]


def test_square_transpose_is_found_by_values():
    rng = np.random.default_rng(0)
    report = run_learner_gradcheck(
        f"{FIXTURES}/buggy_layers.py:SquareTransposedAffine",
        constructor_args={"W": rng.standard_normal((5, 5)), "b": np.zeros(5)},
    )
    assert report.check["W"].band == "wrong"
    assert report.check["W"].grad_shape is None  # same shape: a value bug, not a shape bug
    assert [d.code for d in report.diagnoses] == ["transposed_gradient"]


def test_json_shape_and_languages():
    report = run_learner_gradcheck(
        f"{FIXTURES}/two_layer_net_batch_softmax.py:TwoLayerNetBatchSoftmax"
    )
    for lang in ("ja", "en"):
        data = json.loads(json.dumps(report.to_dict(lang), ensure_ascii=False))
        assert data["passed"] is False
        assert [p["name"] for p in data["parameters"]] == ["W1", "b1", "W2", "b2"]
        assert {"name", "shape", "relative_error", "band"} <= set(data["parameters"][0])
        assert data["parameters"][0]["band"] == "wrong"
        assert data["diagnoses"][0]["code"] == "softmax_whole_batch"
    assert "バッチ全体" in report.to_dict("ja")["diagnoses"][0]["message"]
    assert "whole batch" in report.to_dict("en")["diagnoses"][0]["message"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ja", ["相対誤差", "誤り", "不合格"]), ("en", ["relative error", "WRONG", "FAILED"])],
)
def test_table_in_both_languages(lang, words):
    report = run_learner_gradcheck(f"{FIXTURES}/buggy_layers.py:TwoLayerNetWrongSign")
    table = format_table(report, lang)
    assert all(w in table for w in words)
    assert len(table.splitlines()) == 1 + 4 + 1 + 1  # header, tensors, verdict, one cause


def test_shape_mismatch_note_in_both_languages():
    report = run_learner_gradcheck(f"{FIXTURES}/buggy_layers.py:TransposedAffine")
    assert "(3, 5)" in format_table(report, "ja")
    assert "gradient has shape (3, 5)" in format_table(report, "en")


def _write(tmp_path, text, name="learner.py"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _spec(tmp_path, text, class_name):
    return f"{_write(tmp_path, text)}:{class_name}"


RAISES_ON_IMPORT = "import numpy as np\nx = 1 / 0\n"
LOSS_RAISES = """
class Net:
    params = {}
    def loss(self, x, t):
        raise KeyError(1)
    def gradient(self, x, t):
        return {}
"""
LIST_PARAMS = """
import numpy as np
class Net:
    def __init__(self):
        self.params = {"W": [1.0]}
    def loss(self, x, t):
        return float("nan")
    def gradient(self, x, t):
        return {"W": np.zeros(1)}
"""
TEXT_GRADIENT = """
import numpy as np
class Net:
    def __init__(self):
        self.params = {"W": np.ones(2)}
    def loss(self, x, t):
        return float(np.sum(self.params["W"]))
    def gradient(self, x, t):
        return {"W": "ones"}
"""
RANDOM_FORWARD = """
import numpy as np
class Drop:
    def forward(self, x):
        return x * np.random.rand(*x.shape)
    def backward(self, d):
        return d
"""


@pytest.mark.parametrize(
    ("make_spec", "ja", "en"),
    [
        (lambda tmp: "two_layer_net.py", "ファイル.py:クラス名", "FILE.py:ClassName"),
        (lambda tmp: f"{tmp}/nothing.py:Net", "見つかりません", "No Python file"),
        (lambda tmp: f"{FIXTURES}/two_layer_net.py:ThreeLayerNet", "TwoLayerNet", "TwoLayerNet"),
        (lambda tmp: f"{FIXTURES}/buggy_layers.py:NeedsConfig", "vocabulary", "vocabulary"),
        (lambda tmp: f"{FIXTURES}/buggy_layers.py:NotALayer", "レイヤ", "neither"),
        (lambda tmp: _spec(tmp, RAISES_ON_IMPORT, "Net"), "ZeroDivisionError", "ZeroDivisionError"),
        (lambda tmp: _spec(tmp, "def f(:\n", "Net"), "SyntaxError", "SyntaxError"),
        (lambda tmp: _spec(tmp, LOSS_RAISES, "Net"), "KeyError", "loss(x, t) raised KeyError"),
        (lambda tmp: _spec(tmp, RANDOM_FORWARD, "Drop"), "乱数", "dropout"),
        (lambda tmp: _spec(tmp, LIST_PARAMS, "Net"), "浮動小数点", "floating-point NumPy array"),
        (lambda tmp: _spec(tmp, LIST_PARAMS.replace("[1.0]", "np.ones(1)"), "Net"), "有限でない", "non-finite"),
        (lambda tmp: _spec(tmp, TEXT_GRADIENT, "Net"), "数値の配列", "not a numeric array"),
    ],
)  # fmt: skip
def test_unusable_code_gives_a_clear_message_in_both_languages(tmp_path, make_spec, ja, en):
    with pytest.raises(LearnerCodeError) as caught:
        run_learner_gradcheck(make_spec(tmp_path))
    assert ja in caught.value.messages["ja"]
    assert en in caught.value.messages["en"]


def test_learner_files_may_use_dataclasses_and_future_annotations(tmp_path):
    source = (
        "from __future__ import annotations\n"
        "from dataclasses import dataclass\n"
        "import numpy as np\n"
        "@dataclass\n"
        "class Scale:\n"
        "    W: np.ndarray = None\n"
        "    def __post_init__(self):\n"
        "        self.W = np.array([1.5, -0.5])\n"
        "        self.dW = None\n"
        "    def forward(self, x):\n"
        "        self.x = x\n"
        "        return x[:, :2] * self.W\n"
        "    def backward(self, dout):\n"
        "        self.dW = np.sum(dout * self.x[:, :2], axis=0)\n"
        "        dx = np.zeros_like(self.x)\n"
        "        dx[:, :2] = dout * self.W\n"
        "        return dx\n"
    )
    report = run_learner_gradcheck(f"{_write(tmp_path, source)}:Scale")
    assert report.passed
    assert [e.name for e in report.check.entries] == ["x", "W"]


def test_forward_that_overwrites_its_input_is_named(tmp_path):
    source = (
        "import numpy as np\n"
        "class Square:\n"
        "    def forward(self, x):\n"
        "        self.x = x.copy()\n"
        "        x *= x\n"
        "        return x\n"
        "    def backward(self, dout):\n"
        "        return 2 * self.x * dout\n"
    )
    report = run_learner_gradcheck(f"{_write(tmp_path, source)}:Square")
    assert ("mutated_argument", ("x",)) in [(d.code, d.tensors) for d in report.diagnoses]
    assert report.passed  # checked on fresh copies, so the right gradient still passes


def test_grads_attribute_protocol_and_sizes_must_differ(tmp_path):
    source = (
        "import numpy as np\n"
        "class Net:\n"
        "    def __init__(self, input_size, output_size):\n"
        "        self.params = {'W': np.linspace(-1, 1, input_size * output_size).reshape(input_size, output_size)}\n"
        "        self.grads = {'W': np.zeros((input_size, output_size))}\n"
        "    def loss(self, x, t):\n"
        "        return float(np.sum((x @ self.params['W'] - t) ** 2)) / 2\n"
        "    def gradient(self, x, t):\n"
        "        self.grads['W'][...] = x.T @ (x @ self.params['W'] - t)\n"
    )
    report = run_learner_gradcheck(f"{_write(tmp_path, source)}:Net")
    assert report.passed
    assert report.check["W"].band == "ok"
    for sizes in ({"input_size": 3, "output_size": 3}, {"batch": 0}):
        with pytest.raises(LearnerCodeError, match="distinct positive"):
            run_learner_gradcheck(f"{FIXTURES}/two_layer_net.py:TwoLayerNet", **sizes)
