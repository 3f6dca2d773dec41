"""``check_steps``: check a derivation ``expr0 = expr1 = ...`` step by step.

Public names: ``check_steps``, ``STEP_FORBID``.

A step may begin the way a continued line of a derivation does on paper or in an
``align`` environment: ``= expr``, ``＝ expr`` or ``&= expr``; that prefix is not part of
the step (spans of errors still point into the text as typed).

Every step is compared with the last readable step before it (step 0 with ``start``
when one is given); a step that cannot be read is ``invalid`` and the chain continues
from the step before it. ``first_broken`` is the first step that is ``invalid`` or
``not_equivalent``; ``final_ok`` says whether the last step equals ``reference``
(None without a reference, or when that could not be decided). Steps may use
``diff(expr, x)``: a derivation usually starts from one. Wrong math never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import sympy

from derivations import explain
from derivations.check import FORMATS, Definitions, ReferenceProblem, definitions_of, problem_for
from derivations.equivalence import Decision, Equivalence, decide
from derivations.errors import LearnerInputError
from derivations.parsing import expand_definitions, parse_math
from derivations.sampling import seed_for
from derivations.verdict import StepReport, StepResult
from derivations.vocabulary import DEFAULT_FORBIDDEN, Vocabulary

STEP_FORBID = DEFAULT_FORBIDDEN - {"diff", "Derivative"}
_STATUS = {
    Equivalence.EQUIVALENT: "equivalent",
    Equivalence.NOT_EQUIVALENT: "not_equivalent",
    Equivalence.UNDECIDED: "undetermined",
}


#: ``=``, ``＝``, ``&=`` or ``&＝`` opening a continued line (not ``==``, ``=>``).
_CONTINUATION = re.compile(r"\s*&?\s*[=＝](?![=＝>])\s*")


def _body(text: str) -> tuple[str, int]:
    """The step without a continuation prefix, and the prefix's length."""
    match = _CONTINUATION.match(text)
    return (text[match.end() :], match.end()) if match else (text, 0)


def _step_messages(index: int, decision: Decision | None) -> dict[str, str]:
    if decision is None:
        return {"en": "Starting expression.", "ja": "最初の式です。"}
    before = "the start" if index == 0 else f"step {index - 1}"
    before_ja = "最初の式" if index == 0 else f"ステップ {index - 1}"
    if decision.equivalence is Equivalence.EQUIVALENT:
        if decision.method == "symbolic":
            how, how_ja = "proved symbolically", "記号計算で確認"
        else:
            how, how_ja = (
                f"agreed at {decision.points} random points",
                f"{decision.points} 点で数値的に一致",
            )
        return {
            "en": f"Step {index} equals {before} ({how}).",
            "ja": f"ステップ {index} は{before_ja}と等しいです（{how_ja}）。",
        }
    if decision.equivalence is Equivalence.NOT_EQUIVALENT and decision.counterexample:
        ce = decision.counterexample
        where = explain.format_point(ce["point"]) or "(no variables)"
        mine, theirs = (
            explain.format_value(ce["answer_value"]),
            explain.format_value(ce["reference_value"]),
        )
        return {
            "en": f"Step {index} does not equal {before}: at {where} it gives {mine}, "
            f"but {before} gives {theirs}.",
            "ja": f"ステップ {index} は{before_ja}と等しくありません。{where} のとき、"
            f"このステップは {mine}、{before_ja}は {theirs} です。",
        }
    return explain.undetermined(decision.reason)


def _summary(first_broken: int | None, final_ok: bool | None, count: int) -> dict[str, str]:
    if first_broken is not None:
        return {
            "en": f"The derivation breaks at step {first_broken}.",
            "ja": f"ステップ {first_broken} で式変形が崩れています。",
        }
    if final_ok is False:
        return {
            "en": "Every step follows from the one before, but the result is not the expected answer.",
            "ja": "各ステップは前の式と等しいですが、最後の式が求める答えと一致しません。",
        }
    ending = " and the result is right." if final_ok else "."
    ending_ja = "、最後の式も正解です。" if final_ok else "。"
    return {
        "en": f"All {count} steps are consistent{ending}",
        "ja": f"{count} 個のステップはすべて整合しています{ending_ja}",
    }


def check_steps(
    steps: Sequence[str],
    *,
    format: str = "text",
    definitions: Definitions = None,
    variables: Iterable[str] | None = None,
    reference: str | None = None,
    start: str | None = None,
) -> StepReport:
    """Check each step of a derivation against the previous one.

    >>> report = check_steps(["diff(x**2*y, x)", "2*x*y", "x*y"])
    >>> report.first_broken, [s.status for s in report.steps]
    (2, ['equivalent', 'equivalent', 'not_equivalent'])
    """
    if (
        format not in FORMATS
        or isinstance(steps, str)
        or not all(isinstance(t, str) for t in steps)
    ):
        return StepReport((), None, None, explain.bad_request(FORMATS))
    try:
        defs = definitions_of(definitions)
        names = frozenset(variables) if variables is not None else None
        anchor = (
            problem_for(reference or start, defs, names, STEP_FORBID)
            if (reference or start)
            else None
        )
        start_expr = problem_for(start, defs, names, STEP_FORBID).reference if start else None
    except ReferenceProblem as error:
        message = explain.reference_unreadable(str(error))
        return StepReport((), None, None, message)
    vocabulary = anchor.vocabulary if anchor else Vocabulary(names, dict(defs), STEP_FORBID)
    symbols = anchor.symbols if anchor else None
    results: list[StepResult] = []
    previous: sympy.Expr | None = start_expr
    for index, text in enumerate(steps):
        body, offset = _body(text)
        try:
            parsed = parse_math(body, format=format, vocabulary=vocabulary)
        except LearnerInputError as error:
            span = (error.span[0] + offset, error.span[1] + offset)
            results.append(StepResult(index, text, "invalid", dict(error.messages), span=span))
            continue
        expr = expand_definitions(parsed.expr, vocabulary)
        decision = None
        if previous is not None:
            decision = decide(expr, previous, symbols, seed=seed_for("step", index, text, defs))
        status = "equivalent" if decision is None else _STATUS[decision.equivalence]
        results.append(
            StepResult(
                index,
                text,
                status,
                _step_messages(index, decision),
                method=decision.method if decision else None,
                counterexample=decision.counterexample if decision else None,
            )
        )
        previous = expr
    broken = [r.index for r in results if r.status in ("invalid", "not_equivalent")]
    first_broken = broken[0] if broken else None
    final_ok = None
    if reference is not None and anchor is not None and results:
        if results[-1].status == "invalid" or previous is None:
            final_ok = False
        else:
            final = decide(previous, anchor.reference, symbols, seed=seed_for("final", *steps))
            final_ok = {Equivalence.EQUIVALENT: True, Equivalence.NOT_EQUIVALENT: False}.get(
                final.equivalence
            )
    return StepReport(
        tuple(results), first_broken, final_ok, _summary(first_broken, final_ok, len(results))
    )
