"""The paired-run options of ``python -m loadtest``: scenario lists and pooled latencies."""

import argparse
import json
from pathlib import Path

import pytest

from loadtest.__main__ import _scenarios
from loadtest.scenarios import NAMES, pooled


def _write(folder: Path, rows: list[tuple[str, int, float]]) -> Path:
    folder.mkdir(parents=True)
    lines = [json.dumps({"t": 0.0, "kind": k, "status": s, "ms": ms}) for k, s, ms in rows]
    (folder / "samples.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("value", "expected"),
    [("all", NAMES), ("steady", ("steady",)), ("steady, hostile", ("steady", "hostile"))],
)
def test_scenario_lists(value: str, expected: tuple[str, ...]) -> None:
    assert _scenarios(value) == expected


@pytest.mark.parametrize("value", ["", "steady,nope", ","])
def test_unknown_scenarios_are_refused(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        _scenarios(value)


def test_pooled_latency_counts_only_acknowledged_benign_answers(tmp_path: Path) -> None:
    first = _write(tmp_path / "round1", [("text", 201, 10.0)] * 99 + [("hostile", 201, 900.0)])
    second = _write(
        tmp_path / "round2",
        [("latex", 201, 20.0)] * 96 + [("matrix", 503, 800.0)] + [("text", 201, 300.0)] * 3,
    )
    figures = pooled([first, second])
    assert figures["runs"] == 2
    assert figures["benign_answers"] == 99 + 99  # the hostile answer and the 503 are left out
    assert figures["benign_p50_ms"] == 20.0
    assert figures["benign_p99_ms"] == 300.0
