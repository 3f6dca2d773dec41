"""What the pages show about the preset networks: names, shapes, gradient targets.

Read from ``engine``'s public preset table; lives in the grading seam, the only part of
quizapp that imports ``engine`` or ``derivations``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import engine


def target_names() -> dict[str, list[str]]:
    """Every preset's gradient targets, in backward order."""
    return {name: list(preset.targets) for name, preset in engine.PRESETS.items()}


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def describe(
    name: str, lang: str, target: str | None = None, forbid: Iterable[str] = ()
) -> dict[str, Any] | None:
    """Title, layout, named arrays with shapes, and targets (with the names each may use);
    names in ``forbid`` (a question's ``forbid_names``) are left out of what may be used."""
    preset = engine.PRESETS.get(name)
    if preset is None:
        return None
    banned = set(forbid)
    return {
        "name": preset.name,
        "title": preset.title.get(lang) or preset.title["en"],
        "layout": preset.layout,
        "arrays": [
            (key, _shape(shape)) for key, shape in preset.shapes.items() if key not in banned
        ],
        "targets": [(key, _shape(preset.target_shapes[key])) for key in preset.targets],
        "target": target,
        "upstream": [key for key in preset.upstream.get(target, ()) if key not in banned]
        if target
        else [],
    }


def all_networks(lang: str) -> list[dict[str, Any]]:
    """``describe`` for every preset, in the engine's order."""
    return [describe(name, lang) for name in engine.PRESETS]
