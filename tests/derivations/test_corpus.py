"""The shared 152-case answer corpus: every verdict right, never a false "correct"."""

import json
from pathlib import Path

import pytest

from derivations import check_expression

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "bench" / "corpus.json"
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared is not present")


def test_whole_corpus_is_judged_right() -> None:
    cases = json.loads(CORPUS.read_text(encoding="utf-8"))
    verdicts = {
        c["id"]: check_expression(c["answer"], c["reference"], variables=c["vars"]) for c in cases
    }
    false_correct = [
        c["id"] for c in cases if not c["expected"] and verdicts[c["id"]].verdict == "correct"
    ]
    wrong = [c["id"] for c in cases if (verdicts[c["id"]].verdict == "correct") != c["expected"]]
    undecided = [i for i, v in verdicts.items() if v.verdict not in ("correct", "incorrect")]
    assert false_correct == []
    assert wrong == []
    assert undecided == []
    assert len(cases) == 152
