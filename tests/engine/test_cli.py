"""`python -m engine` as a learner runs it: real subprocesses, exit codes, text and JSON."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_check_gradient_text_correct_and_invalid_with_marker() -> None:
    ok = run(
        "check-gradient",
        "--network",
        "coursera-shallow",
        "--target",
        "dW1",
        "dZ1 @ X.T / m",
        "--lang",
        "en",
    )
    assert ok.returncode == 0
    assert ok.stdout.startswith("correct\nCorrect: your formula equals `dW1`")
    bad = run(
        "check-gradient",
        "--network",
        "coursera-shallow",
        "--target",
        "dA1",
        "W2 @ dZ2 + 0",
        "--lang",
        "en",
    )
    assert bad.returncode == 0
    lines = bad.stdout.splitlines()
    assert lines[0] == "invalid"
    assert "(1, 4) @ (1, 5)" in lines[1]
    assert "`W2.T`" in lines[1]
    assert lines[2:] == ["  W2 @ dZ2 + 0", "  ^^^^^^^^"]


def test_check_gradient_json_in_japanese() -> None:
    result = run(
        "check-gradient",
        "--network",
        "zerotsuku-two-layer",
        "--target",
        "db1",
        "np.sum(da1, axis=1)",
        "--json",
        "--lang",
        "ja",
    )
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["verdict"] == "incorrect"
    assert data["diagnosis"]["code"] == "summed_wrong_axis"
    assert data["message"] == data["messages"]["ja"]
    assert (data["answer_shape"], data["target_shape"]) == ([7], [4])


def test_presets_json_lists_both_networks_with_formulas() -> None:
    result = run("presets", "--json")
    assert result.returncode == 0
    presets = {p["name"]: p for p in json.loads(result.stdout)}
    coursera = presets["coursera-shallow"]
    assert coursera["layout"] == "columns"
    assert coursera["targets"] == ["dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"]
    assert coursera["shapes"]["X"] == [3, 5]
    assert coursera["formulas"]["dW2"]["numpy"] == "dZ2 @ A1.T / m"
    assert "\\frac" in coursera["formulas"]["dW2"]["latex"]
    assert presets["zerotsuku-two-layer"]["upstream"]["dW1"] == ["da1", "dz1", "da2"]


def test_presets_text() -> None:
    result = run("presets", "--lang", "en")
    assert result.returncode == 0
    assert "zerotsuku-two-layer (rows)" in result.stdout
    assert "dW1 (5, 4) = x.T @ da1" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["check-gradient", "--network", "nope", "--target", "dW1", "x"], "`nope`"),
        (
            [
                "check-gradient",
                "--network",
                "coursera-shallow",
                "--target",
                "dW9",
                "x",
                "--lang",
                "en",
            ],
            "`dW9`",
        ),
        (["check-gradient", "--network", "coursera-shallow", "x"], "--target"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], fragment: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


FIXTURES = "tests/engine/fixtures"


CORRECT_NET = f"{FIXTURES}/two_layer_net.py:TwoLayerNet"
BATCH_SOFTMAX_NET = f"{FIXTURES}/two_layer_net_batch_softmax.py:TwoLayerNetBatchSoftmax"
PARAMETERS = ["W1", "b1", "W2", "b2"]


def test_gradcheck_passing_network_exits_0_with_table() -> None:
    result = run("gradcheck", CORRECT_NET, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == [
        "parameter",
        "shape",
        "relative",
        "error",
        "band",
    ]
    assert "result: PASSED" in result.stdout


def test_gradcheck_whole_batch_softmax_exits_1_with_table_and_cause() -> None:
    result = run("gradcheck", BATCH_SOFTMAX_NET, "--lang", "en")
    assert result.returncode == 1, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()[1:5]]
    assert [(row[0], row[-1]) for row in rows] == [(name, "WRONG") for name in PARAMETERS]
    assert "result: FAILED" in result.stdout
    assert "[softmax_whole_batch]" in result.stdout
    assert "whole batch" in result.stdout


@pytest.mark.parametrize("mode", [[], ["--fast"]])
@pytest.mark.parametrize(
    ("spec", "code", "passed", "bands", "diagnoses"),
    [
        (CORRECT_NET, 0, True, {"ok", "suspicious"}, ["log_delta"]),
        (BATCH_SOFTMAX_NET, 1, False, {"wrong"}, ["softmax_whole_batch"]),
        (
            f"{FIXTURES}/buggy_layers.py:TwoLayerNetNoMean",
            1,
            False,
            {"wrong"},
            ["missing_batch_mean"],
        ),
    ],
)
def test_gradcheck_json_passed_flag_bands_and_exit_code(
    mode: list[str],
    spec: str,
    code: int,
    passed: bool,
    bands: set[str],
    diagnoses: list[str],
) -> None:
    result = run("gradcheck", spec, "--json", "--lang", "en", *mode)
    assert result.returncode == code, result.stderr
    data = json.loads(result.stdout)
    assert data["passed"] is passed
    assert data["mode"] == ("fast" if mode else "all")
    assert [p["name"] for p in data["parameters"]] == PARAMETERS
    assert {p["band"] for p in data["parameters"]} <= bands
    assert all({"name", "shape", "relative_error", "band"} <= set(p) for p in data["parameters"])
    if not mode:  # the causes are read off the worst entry, which the full check sees
        assert [d["code"] for d in data["diagnoses"]] == diagnoses


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([f"{FIXTURES}/missing.py:Net", "--lang", "en"], "No Python file"),
        ([f"{FIXTURES}/buggy_layers.py:NotALayer", "--lang", "en"], "NotALayer"),
        ([f"{FIXTURES}/two_layer_net.py:Nope", "--lang", "ja"], "Nope"),
        ([f"{FIXTURES}/two_layer_net.py:TwoLayerNet", "--batch", "5", "--lang", "en"], "distinct"),
        (["no-colon-here"], "クラス名"),
    ],
)
def test_gradcheck_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    result = run("gradcheck", *args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
