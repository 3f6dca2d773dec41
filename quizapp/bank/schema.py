"""Validation of one question table from a TOML file (FORMAT.md), error messages that
name the file and the question id."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from quizapp.bank.variants import DEFAULT_MIN_STEPS, PLACEHOLDER

TYPES = ("choice", "expression", "gradient", "numeric", "code", "steps")
SYLLABUS = ("数学的基礎", "機械学習", "深層学習の基礎", "深層学習の応用", "開発・運用環境")
NOTATIONS = ("zerotsuku", "coursera", "jdla", "generic")
LANGS = ("ja", "en")
ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


class BankError(ValueError):
    """The bank has authoring errors; ``problems`` lists ``file: id: message`` lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def check_question(raw: dict[str, Any], topics: set[str]) -> list[str]:
    """Every problem of one question table (empty when it is valid)."""
    problems: list[str] = []
    need = _Checker(raw, problems)
    qid = raw.get("id")
    if not (isinstance(qid, str) and qid and set(qid) <= ID_CHARS):
        problems.append("`id` must be a non-empty kebab-case string")
    need.one_of("topic", sorted(topics))
    need.one_of("syllabus", SYLLABUS)
    need.one_of("type", TYPES)
    need.one_of("notation", NOTATIONS)
    need.typed("tags", list)
    difficulty = raw.get("difficulty")
    if difficulty not in (1, 2, 3) or isinstance(difficulty, bool):
        problems.append("`difficulty` must be 1, 2 or 3")
    need.text("prompt")
    need.text("explanation")
    _check_params(raw.get("params"), problems)
    _check_placeholders(raw, problems)
    _check_mistakes(raw, problems)
    per_type = TYPE_CHECKS.get(raw.get("type", ""))
    if per_type:
        per_type(need)
    return problems


class _Checker:
    """Small helpers that append a message for each missing or mistyped key."""

    def __init__(self, raw: dict[str, Any], problems: list[str]) -> None:
        self.raw, self.problems = raw, problems

    def typed(self, key: str, kind: type | tuple[type, ...], required: bool = True) -> bool:
        if key not in self.raw:
            if required:
                self.problems.append(f"missing `{key}`")
            return False
        if not isinstance(self.raw[key], kind) or isinstance(self.raw[key], bool):
            self.problems.append(f"`{key}` has the wrong type")
            return False
        return True

    def one_of(self, key: str, allowed: tuple[str, ...] | list[str]) -> None:
        if self.typed(key, str) and self.raw[key] not in allowed:
            self.problems.append(f"`{key}` = {self.raw[key]!r} is not one of {', '.join(allowed)}")

    def text(self, key: str, required: bool = True, where: dict[str, Any] | None = None) -> None:
        table = self.raw if where is None else where
        if key not in table:
            if required:
                self.problems.append(f"missing `{key}`")
            return
        if not is_text(table[key]):
            self.problems.append(f"`{key}` must be a table with non-empty `ja` and `en` strings")

    def strings(self, key: str, required: bool = True) -> None:
        if self.typed(key, list, required) and not all(isinstance(v, str) for v in self.raw[key]):
            self.problems.append(f"`{key}` must be an array of strings")


def is_text(value: Any) -> bool:
    """A ``{ja = "...", en = "..."}`` table with both languages."""
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang] for lang in LANGS
    )


def _check_params(params: Any, problems: list[str]) -> None:
    if params is None:
        return
    if not isinstance(params, dict) or not params:
        problems.append("`params` must be a non-empty table")
        return
    for name, spec in params.items():
        if not name.isidentifier():
            problems.append(f"parameter name {name!r} is not an identifier")
        elif isinstance(spec, dict) and isinstance(spec.get("choices"), list) and spec["choices"]:
            continue
        elif isinstance(spec, dict) and all(isinstance(spec.get(k), int) for k in ("min", "max")):
            if spec["min"] > spec["max"]:
                problems.append(f"parameter `{name}`: min is larger than max")
        else:
            problems.append(
                f"parameter `{name}` needs `choices = [...]` or integer `min` and `max`"
            )


def _check_placeholders(raw: dict[str, Any], problems: list[str]) -> None:
    """Every ``{{name}}`` must name a declared parameter (else it would show as typed)."""
    params = raw.get("params")
    declared = set(params) if isinstance(params, dict) else set()
    text = json.dumps({k: v for k, v in raw.items() if k != "params"}, ensure_ascii=False)
    unknown = sorted(set(PLACEHOLDER.findall(text)) - declared)
    if unknown:
        problems.append(f"`{{{{name}}}}` uses undeclared parameters: {', '.join(unknown)}")


def _check_mistakes(raw: dict[str, Any], problems: list[str]) -> None:
    mistakes = raw.get("mistakes", [])
    if not isinstance(mistakes, list):
        problems.append("`mistakes` must be an array of tables")
        return
    if not mistakes and raw.get("type") != "choice":
        problems.append("at least one `[[question.mistakes]]` is required")
    for index, mistake in enumerate(mistakes):
        if not (isinstance(mistake, dict) and isinstance(mistake.get("answer"), str | int | float)):
            problems.append(f"mistake {index + 1}: needs an `answer`")
        elif not is_text(mistake.get("message")):
            problems.append(f"mistake {index + 1}: needs a `message` with ja and en")


def _check_expression(need: _Checker) -> None:
    need.typed("answer", str)
    need.strings("variables")
    need.typed("definitions", dict, required=False)
    need.strings("forbid", required=False)
    need.text("format_hint", required=False)


def _check_choice(need: _Checker) -> None:
    options = need.raw.get("options")
    if not (
        isinstance(options, list)
        and len(options) == 4
        and all(isinstance(o, dict) for o in options)
    ):
        need.problems.append("`options` must be exactly 4 tables")
        return
    if sum(o.get("correct") is True for o in options) != 1:
        need.problems.append("exactly one option must have `correct = true`")
    for index, option in enumerate(options, start=1):
        if not is_text(option.get("text")):
            need.problems.append(f"option {index}: `text` needs ja and en")
        if option.get("correct") is not True and not is_text(option.get("why")):
            need.problems.append(f"option {index}: a wrong option needs `why` with ja and en")
    check = need.raw.get("check")
    if check is not None:
        kinds = ("expression", "gradient")
        if not (isinstance(check, dict) and check.get("kind") in kinds):
            need.problems.append("`check.kind` must be `expression` or `gradient`")
        elif not (isinstance(check.get("answers"), list) and len(check["answers"]) == 4):
            need.problems.append("`check.answers` must list one formula per option (4)")
        elif check["kind"] == "expression" and not isinstance(
            check.get("reference", need.raw.get("reference")), str
        ):
            need.problems.append("an expression `check` needs a `reference`")
        elif check["kind"] == "gradient" and not all(
            isinstance(check.get(k), str) for k in ("network", "target")
        ):
            need.problems.append("a gradient `check` needs `network` and `target`")


def _check_gradient(need: _Checker) -> None:
    for key in ("network", "target", "answer"):
        need.typed(key, str)
    need.strings("forbid_names", required=False)


def _check_numeric(need: _Checker) -> None:
    need.typed("answer", (str, int, float))
    tolerance = need.raw.get("tolerance", {})
    if not (
        isinstance(tolerance, dict)
        and set(tolerance) <= {"abs", "rel"}
        and all(isinstance(v, int | float) and v >= 0 for v in tolerance.values())
    ):
        need.problems.append(
            "`tolerance` must be `{ abs = ... }` and/or `{ rel = ... }` with numbers ≥ 0"
        )
    need.typed("oracle", str, required=False)
    need.text("unit", required=False)


def _check_code(need: _Checker) -> None:
    if need.typed("snippet", str) and need.raw["snippet"].count("____") != 1:
        need.problems.append("`snippet` must contain exactly one `____` blank")
    need.typed("answer", str)
    has_target = "network" in need.raw or "target" in need.raw
    if has_target:
        _check_gradient(need)
    else:
        need.strings("forbid_names", required=False)
    if not has_target and need.typed("inputs", dict):
        for name, shape in need.raw["inputs"].items():
            if not (isinstance(shape, list) and all(isinstance(n, int) and n > 0 for n in shape)):
                need.problems.append(f"input `{name}` needs a shape such as [4, 3]")


def _check_steps(need: _Checker) -> None:
    need.typed("start", str)
    need.typed("answer", str)
    need.strings("steps")
    need.strings("variables")
    need.typed("definitions", dict, required=False)
    if need.typed("min_steps", int, required=False) and need.raw["min_steps"] < 1:
        need.problems.append("`min_steps` must be 1 or more")
    steps, least = need.raw.get("steps"), need.raw.get("min_steps", DEFAULT_MIN_STEPS)
    if isinstance(steps, list) and isinstance(least, int) and len(steps) < least:
        need.problems.append(f"the reference `steps` chain is shorter than min_steps ({least})")


TYPE_CHECKS: dict[str, Callable[[_Checker], None]] = {
    "choice": _check_choice,
    "expression": _check_expression,
    "gradient": _check_gradient,
    "numeric": _check_numeric,
    "code": _check_code,
    "steps": _check_steps,
}
