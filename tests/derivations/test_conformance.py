"""Agreement with STACK's answer-test fixtures (../shared/conformance), via the bench harness."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT.parent / "shared" / "conformance" / "stack_answertests.json"
pytestmark = pytest.mark.skipif(not CASES.exists(), reason="../shared is not present")


def _harness():
    spec = importlib.util.spec_from_file_location(
        "conformance_bench", ROOT / "bench" / "conformance_bench.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outcomes():
    harness = _harness()
    return harness.run(json.loads(CASES.read_text(encoding="utf-8")))


def _agreement(outcomes) -> float:
    inside = [o for o in outcomes if o.in_grammar]
    return sum(o.agrees for o in inside) / len(inside)


def test_agreement_within_our_grammar_is_at_least_95_percent(outcomes) -> None:
    assert _agreement(outcomes) >= 0.95


def test_most_cases_are_inside_our_grammar(outcomes) -> None:
    assert sum(o.in_grammar for o in outcomes) >= 140


def test_translation_of_maxima_syntax() -> None:
    assert _harness().translate("%e^(%pi*x)*signum(x)+'root(x,3)") == "e^(pi*x)*sign(x)+(x)^(1/(3))"
