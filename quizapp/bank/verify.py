"""``bank verify``: prove every reference right and every listed wrong answer wrong, with
our own checkers, for every seed in ``range(verify_seeds)`` of parameterised questions."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from quizapp import grading
from quizapp.bank.loader import Bank, Question
from quizapp.bank.variants import DEFAULT_MIN_STEPS, Variant

LANG = "en"


@dataclass
class VerifyReport:
    """Counts and ``(question id, seed, problem)`` failures."""

    questions: int = 0
    variants: int = 0
    checks: int = 0
    failures: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def verify_bank(
    bank: Bank, directory: str | Path, seeds: int = 5, deadline: float | None = None
) -> VerifyReport:
    """Check every question of ``bank``; oracles come from ``directory/oracles.py``."""
    oracles = _load_oracles(Path(directory) / "oracles.py")
    report = VerifyReport()
    for question in bank.questions.values():
        report.questions += 1
        for seed in range(seeds) if question.has_params else [0]:
            report.variants += 1
            for problem in _problems(question, seed, oracles, deadline, report):
                report.failures.append((question.id, seed, problem))
    return report


def _problems(
    question: Question,
    seed: int,
    oracles: ModuleType | None,
    deadline: float | None,
    report: VerifyReport,
) -> Iterator[str]:
    try:
        variant = question.variant(seed)
    except ValueError as error:
        yield f"cannot render the variant: {error}"
        return
    expectations = list(_expectations(variant))
    for label, answer, expected in expectations:
        report.checks += 1
        result = grading.grade(variant, answer, lang=LANG, deadline=deadline)
        if result["verdict"] != expected:
            yield f"{label} {answer!r} was judged {result['verdict']}, expected {expected}: {result.get('message', '')}"
    if _takes_derivative(variant):
        report.checks += 1
        problem = grading.reference_problem(
            variant.reference,
            variables=variant.data.get("variables"),
            definitions=variant.data.get("definitions"),
        )
        if problem:
            yield f"reference {variant.reference!r} cannot be read: {problem}"
    yield from _choice_check(variant, deadline, report)
    yield from _oracle_check(variant, question, oracles, report)


def _expectations(variant: Variant) -> Iterator[tuple[str, str, str]]:
    """(label, answer, expected verdict) triples for one variant."""
    if variant.type == "choice":
        for key, option in variant.options():
            yield f"option {key}", key, "correct" if option.get("correct") else "incorrect"
        return
    lead: list[str] = []
    if variant.type == "steps":
        chain = variant.data["steps"]
        yield "reference chain", "\n".join(chain), "correct"
        if variant.data.get("min_steps", DEFAULT_MIN_STEPS) > 1:
            yield "final answer alone", variant.reference, "invalid"
        lead = chain[:-1]  # a mistake is a wrong last line after the sound reference steps
    elif not _takes_derivative(variant):
        yield "reference", variant.reference, "correct"
    for index, mistake in enumerate(variant.mistakes, start=1):
        yield f"mistake {index}", "\n".join([*lead, str(mistake["answer"])]), "incorrect"


def _takes_derivative(variant: Variant) -> bool:
    """An ``expression`` reference written as ``diff(...)`` (authoring only): learners may
    not type ``diff``, so it is proved readable instead of graded as an answer."""
    return variant.type == "expression" and "diff(" in variant.reference


def _choice_check(variant: Variant, deadline: float | None, report: VerifyReport) -> Iterator[str]:
    check = variant.data.get("check")
    if variant.type != "choice" or not check:
        return
    for index, (option, formula) in enumerate(
        zip(variant.data["options"], check["answers"], strict=True), start=1
    ):
        report.checks += 1
        expected = "correct" if option.get("correct") else "incorrect"
        verdict = _judge_choice_formula(check, variant, formula, deadline)
        if verdict != expected:
            yield f"check of option {index} {formula!r} was judged {verdict}, expected {expected}"


def _judge_choice_formula(
    check: dict, variant: Variant, formula: str, deadline: float | None
) -> str:
    try:
        if check["kind"] == "gradient":
            result = grading.check_gradient_payload(
                check["network"],
                check["target"],
                formula,
                seed=variant.seed,
                lang=LANG,
                deadline=deadline,
            )
        else:
            result = grading.check_expression_payload(
                formula,
                check.get("reference", variant.data.get("reference")),
                variables=check.get("variables"),
                definitions=check.get("definitions"),
                lang=LANG,
                deadline=deadline,
            )
    except grading.RequestProblem as problem:
        return f"a request error ({problem})"
    return result["verdict"]


def _oracle_check(
    variant: Variant, question: Question, oracles: ModuleType | None, report: VerifyReport
) -> Iterator[str]:
    name = variant.data.get("oracle")
    if variant.type != "numeric" or not name:
        return
    report.checks += 1
    oracle = getattr(oracles, name, None) if oracles else None
    if not callable(oracle):
        yield f"oracle {name!r} is not defined in oracles.py"
        return
    try:
        expected = float(oracle(dict(variant.params)))
    except Exception as error:  # an oracle is author code: report any failure, don't crash
        yield f"oracle {name!r} failed: {error!r}"
        return
    reference = grading.parse_number(variant.reference)
    if reference is None or not grading.numbers_agree(
        reference, expected, variant.data.get("tolerance")
    ):
        yield f"answer {variant.reference!r} disagrees with oracle {name!r} = {expected!r}"


def _load_oracles(path: Path) -> ModuleType | None:
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"_bank_oracles_{abs(hash(path))}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
