"""python -m derivations with math that starts with ``-``: read as math, not as an option."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "derivations", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("argv", "verdict"),
    [
        (("check", "-exp(-x)/(1+exp(-x))^2", "--reference", "diff(sigmoid(-x), x)"), "correct"),
        (("check", "-exp(-x)/(1+exp(-x))^2", "--reference", "diff(sigmoid(x), x)"), "incorrect"),
        (("check", "--reference", "-2*x", "-2x"), "correct"),
        (("check", "-x", "--reference", "-x", "--define", "y=-x"), "correct"),
        (("check", "-x)", "--reference", "-x"), "invalid"),
    ],
)
def test_answer_starting_with_minus(argv, verdict):
    done = _run(*argv, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["verdict"] == verdict
    if verdict == "invalid":
        assert data["span"] == [2, 3]  # the span is in the text as typed


def test_steps_starting_with_minus():
    done = _run("steps", "-x^2+x", "-2x+1", "--reference", "-2*x+1", "--json")
    assert done.returncode == 0, done.stderr
    statuses = [step["status"] for step in json.loads(done.stdout)["steps"]]
    assert statuses == ["equivalent", "not_equivalent"]


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "-x"),  # --reference is still required
        ("check", "-x", "--reference", "x", "--bogus"),
        ("check", "-x", "--reference", "x", "--lang", "fr"),
    ],
)
def test_a_wrong_command_line_still_exits_2(argv):
    done = _run(*argv)
    assert done.returncode == 2
    assert "usage:" in done.stderr
