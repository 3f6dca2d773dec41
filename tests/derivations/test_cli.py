"""python -m derivations: check and steps, human and JSON output, exit code 0."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from derivations.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def _json(capsys, *argv: str) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_check_correct_with_definition(capsys) -> None:
    data = _json(
        capsys, "check", "y*(1-y)", "--reference", "diff(sigmoid(x), x)", "--define", "y=sigmoid(x)"
    )
    assert data["verdict"] == "correct"


def test_check_wrong_answer_in_japanese(capsys) -> None:
    data = _json(
        capsys, "check", "x*(1-x)", "--reference", "sigmoid(x)*(1-sigmoid(x))", "--lang", "ja"
    )
    assert data["verdict"] == "incorrect"
    assert data["diagnosis"]["code"] == "input_for_output"
    assert "正しい値" in data["message"]


def test_check_latex_and_variables(capsys) -> None:
    data = _json(
        capsys,
        "check",
        r"\frac{1}{m}(a-y)",
        "--reference",
        "(a-y)/m",
        "--latex",
        "--var",
        "a",
        "--var",
        "y",
        "--var",
        "m",
    )
    assert data["verdict"] == "correct"


def test_invalid_answer_prints_where(capsys) -> None:
    assert main(["check", "x+(", "--reference", "x"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("invalid:")
    assert "characters" in out


def test_steps_human_output(capsys) -> None:
    assert main(["steps", "x^2+x", "x*(x+1)", "x^2", "--reference", "x^2+x"]) == 0
    out = capsys.readouterr().out
    assert "[2] not_equivalent" in out
    assert "step 2" in out


def test_steps_json(capsys) -> None:
    data = _json(capsys, "steps", "diff(x^3, x)", "3*x^2")
    assert data["first_broken"] is None


def test_bad_command_line_exits_2() -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "x"])  # --reference missing
    assert stop.value.code == 2


def test_module_entry_point_exit_code_is_0_for_a_wrong_answer() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "derivations", "check", "x", "--reference", "x+1", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "incorrect"
