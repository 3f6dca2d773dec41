"""Learner-facing step numbers: the pages list a derivation as 1., 2., 3., so every message
about a step counts from 1 too. ``derivations`` numbers steps from 0 in its messages; the
JSON field ``first_broken`` stays the 0-based index it documents."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

STEP_NUMBER = re.compile(r"(?P<word>\b[Ss]tep |ステップ ?)(?P<n>\d+)")


def _zero_based(steps: list[Mapping[str, Any]]) -> bool:
    """Whether the step messages count from 0 (checked, not assumed: step ``i`` names ``i``)."""
    for step in steps:
        for match in STEP_NUMBER.finditer(step.get("message") or ""):
            return int(match["n"]) == step["index"]
    return False


def _shift(text: str | None) -> str | None:
    if not text:
        return text
    return STEP_NUMBER.sub(lambda m: f"{m['word']}{int(m['n']) + 1}", text)


def one_based(result: dict[str, Any]) -> dict[str, Any]:
    """``result`` (a step report dict) with every "step N" in its messages counted from 1."""
    steps = result.get("steps") or []
    if not _zero_based(steps):
        return result
    renumbered = [{**step, "message": _shift(step.get("message"))} for step in steps]
    return {**result, "steps": renumbered, "message": _shift(result.get("message"))}
