"""The question bank: loading, schema errors, variants, and the ``bank`` CLI."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from quizapp.bank.loader import get_bank, load_bank
from quizapp.bank.schema import BankError
from quizapp.grading import evaluate_exact
from quizapp.verdicts import format_exact

QUESTIONS = Path(__file__).resolve().parents[2] / "quizapp" / "questions"
BASICS_TYPES = {"choice", "expression", "gradient", "numeric", "code", "steps"}


def test_whole_bank_loads() -> None:
    bank = load_bank(QUESTIONS)
    basics = [q for q in bank.questions.values() if q.source == "basics.toml"]
    assert {q.type for q in basics} == BASICS_TYPES
    assert len(basics) == 6
    assert all(q.topic in bank.topics for q in bank.questions.values())


def test_bank_is_cached_per_process(app: Flask) -> None:
    with app.app_context():
        assert get_bank() is get_bank()


MINIMAL = """
[[question]]
id = "{qid}"
topic = "backprop"
syllabus = "深層学習の基礎"
tags = ["誤差逆伝播法"]
difficulty = 1
type = "gradient"
notation = "zerotsuku"
network = "zerotsuku-two-layer"
target = "dW1"
answer = "{answer}"
prompt = {{ ja = "問題", en = "Question" }}
explanation = {{ ja = "解説", en = "Explanation" }}
{extra}
[[question.mistakes]]
answer = "x.T @ dz1"
message = {{ ja = "違う", en = "Wrong" }}
"""


def _write(folder: Path, qid: str = "broken-q", answer: str = "x.T @ da1", extra: str = "") -> None:
    (folder / "extra.toml").write_text(
        MINIMAL.format(qid=qid, answer=answer, extra=extra), encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("difficulty = 7", "difficulty"),
        ('topic = "astrology"', "topic"),
        ('syllabus = "料理"', "syllabus"),
        ('type = "essay"', "type"),
        ("params = { a = { choices = [] } }", "parameter `a`"),
        ("params = { a = { min = 5, max = 1 } }", "min is larger than max"),
        ('answer = "x.T @ da1 * {{k}}"', "undeclared parameters: k"),
    ],
)
def test_schema_errors_name_file_and_id(bank_dir: Path, extra: str, message: str) -> None:
    text = MINIMAL.format(qid="broken-q", answer="x.T @ da1", extra="")
    key = extra.split(" = ")[0]
    text = "\n".join(line for line in text.splitlines() if not line.startswith(f"{key} = "))
    text = text.replace("\n[[question.mistakes]]", f"\n{extra}\n[[question.mistakes]]", 1)
    (bank_dir / "extra.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as raised:
        load_bank(bank_dir)
    assert any(
        p.startswith("extra.toml: broken-q: ") and message in p for p in raised.value.problems
    )


def test_missing_language_and_duplicate_id_are_reported(bank_dir: Path) -> None:
    _write(bank_dir, qid="basics-two-layer-dw1")
    text = (bank_dir / "extra.toml").read_text(encoding="utf-8").replace(', en = "Question"', "")
    (bank_dir / "extra.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as raised:
        load_bank(bank_dir)
    problems = "\n".join(raised.value.problems)
    assert (
        "extra.toml: basics-two-layer-dw1: `prompt` must be a table with non-empty `ja` and `en`"
        in problems
    )
    assert "duplicate id" in problems


def test_bad_toml_is_reported_with_its_file(bank_dir: Path) -> None:
    (bank_dir / "oops.toml").write_text("[[question]\nid = 1", encoding="utf-8")
    with pytest.raises(BankError, match="oops.toml: not valid TOML"):
        load_bank(bank_dir)


def test_variants_are_deterministic_and_vary(bank_dir: Path) -> None:
    bank = load_bank(bank_dir)
    scaled = bank.get("basics-sigmoid-scaled-deriv")
    assert scaled.variant(3).render("ja") == scaled.variant(3).render("ja")
    prompts = {scaled.variant(seed).render("en")["prompt"] for seed in range(12)}
    assert len(prompts) > 1
    for seed in range(12):
        variant = scaled.variant(seed)
        a = variant.params["a"]
        assert variant.reference == f"{a}*sigmoid({a}*x)*(1 - sigmoid({a}*x))"
        assert "{{" not in json.dumps(variant.data, ensure_ascii=False)


def test_derived_values_are_exact(bank_dir: Path) -> None:
    count = load_bank(bank_dir).get("basics-affine-param-count")
    for seed in range(8):
        variant = count.variant(seed)
        d, h = variant.params["d"], variant.params["h"]
        assert variant.reference == str(d * h + h)
        assert f"{d * h + h} in total" in variant.reveal("en")["explanation"]


def test_options_are_shuffled_per_seed(bank_dir: Path) -> None:
    choice = load_bank(bank_dir).get("basics-tanh-deriv-choice")
    keys = {choice.variant(seed).reference for seed in range(16)}
    assert len(keys) > 1
    variant = choice.variant(5)
    texts = [o["text"] for o in variant.render("en")["options"]]
    assert sorted(texts) == sorted(o["text"]["en"] for o in variant.data["options"])


def test_bank_list_json(runner, app: Flask) -> None:
    result = runner.invoke(args=["bank", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert rows["basics-sigmoid-scaled-deriv"] == {
        "id": "basics-sigmoid-scaled-deriv",
        "topic": "activation",
        "type": "expression",
        "languages": ["ja", "en"],
        "difficulty": 1,
        "has_params": True,
    }
    assert rows["basics-two-layer-dw1"]["has_params"] is False


def _runner_for(make_app, folder: Path):
    return make_app(QUESTION_BANK_DIR=str(folder)).test_cli_runner()


def test_bank_verify_fails_naming_the_question(make_app, bank_dir: Path) -> None:
    _write(bank_dir, qid="wrong-reference", answer="x.T @ dz1")
    result = _runner_for(make_app, bank_dir).invoke(
        args=["bank", "verify", "--only", "wrong-reference"]
    )
    assert result.exit_code == 1
    assert (
        "FAIL wrong-reference (seed 0): reference 'x.T @ dz1' was judged incorrect" in result.output
    )


def test_bank_verify_fails_on_schema_error(make_app, bank_dir: Path) -> None:
    _write(bank_dir, qid="no-mistakes", extra="")
    text = (bank_dir / "extra.toml").read_text(encoding="utf-8").split("[[question.mistakes]]")[0]
    (bank_dir / "extra.toml").write_text(text, encoding="utf-8")
    result = _runner_for(make_app, bank_dir).invoke(args=["bank", "verify"])
    assert result.exit_code == 1
    assert "extra.toml: no-mistakes: at least one" in result.output


def test_bank_verify_checks_oracles(make_app, bank_dir: Path) -> None:
    (bank_dir / "oracles.py").write_text(
        "def param_count(params):\n    return params['d'] * params['h']  # forgot the bias\n",
        encoding="utf-8",
    )
    text = (bank_dir / "basics.toml").read_text(encoding="utf-8")
    text = text.replace(
        "tolerance = { abs = 0.5 }", 'tolerance = { abs = 0.5 }\noracle = "param_count"'
    )
    (bank_dir / "basics.toml").write_text(text, encoding="utf-8")
    result = _runner_for(make_app, bank_dir).invoke(
        args=["bank", "verify", "--only", "basics-affine-param-count"]
    )
    assert result.exit_code == 1
    assert "FAIL basics-affine-param-count (seed 0): answer" in result.output
    assert "disagrees with oracle 'param_count'" in result.output


@pytest.mark.parametrize(
    "question_id", ["basics-two-layer-dw1", "basics-affine-db-code", "basics-affine-param-count"]
)
def test_bank_verify_passes_engine_questions(make_app, bank_dir: Path, question_id: str) -> None:
    result = _runner_for(make_app, bank_dir).invoke(args=["bank", "verify", "--only", question_id])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_bank_verify_passes_on_basics(make_app, bank_dir: Path) -> None:
    result = _runner_for(make_app, bank_dir).invoke(args=["bank", "verify", "--seeds", "2"])
    assert result.exit_code == 0, result.output
    assert "bank verify: 6 questions" in result.output


def test_unjudgeable_question_is_undetermined_not_a_crash(make_app, bank_dir: Path) -> None:
    _write(bank_dir, qid="bad-network")
    text = (bank_dir / "extra.toml").read_text(encoding="utf-8")
    (bank_dir / "extra.toml").write_text(
        text.replace("zerotsuku-two-layer", "no-such-net"), encoding="utf-8"
    )
    app = make_app(QUESTION_BANK_DIR=str(bank_dir))
    result = app.test_cli_runner().invoke(args=["bank", "verify", "--only", "bad-network"])
    assert result.exit_code == 1
    assert (
        "FAIL bad-network (seed 0): reference 'x.T @ da1' was judged undetermined" in result.output
    )
    assert "no-such-net" in result.output


def test_every_question_renders_without_placeholders_or_answers() -> None:
    bank = load_bank(QUESTIONS)
    for question in bank.questions.values():
        for seed in range(3) if question.has_params else [0]:
            variant = question.variant(seed)
            for lang in ("ja", "en"):
                shown = json.dumps(variant.render(lang), ensure_ascii=False)
                assert "{{" not in shown, (question.id, seed)
                assert not {"answer", "explanation", "mistakes"} & variant.render(lang).keys()
                assert "{{" not in variant.reveal(lang)["explanation"], (question.id, seed)


@given(st.fractions(max_denominator=10**6))
def test_exact_values_print_back_exactly(value: Fraction) -> None:
    assert Fraction(format_exact(value)) == value


@given(st.integers(-(10**6), 10**6), st.integers(1, 10**4))
def test_derived_values_are_exact_fractions(numerator: int, denominator: int) -> None:
    text = evaluate_exact("a / b", {"a": numerator, "b": denominator})
    assert Fraction(text) == Fraction(numerator, denominator)
