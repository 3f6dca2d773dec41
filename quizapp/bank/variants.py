"""Variants: parameters drawn from a seed, ``{{name}}`` / ``{{= expr }}`` substituted into
every string, options shuffled; rendered per language without leaking answers.

A variant is fully determined by ``(question, seed)``: ``random.Random(seed)`` draws the
parameters in the order the file lists them, then shuffles the options.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")
DERIVED = re.compile(r"\{\{=(.*?)\}\}", re.DOTALL)
OPTION_KEYS = ("a", "b", "c", "d")
# Keys shown to learners before they answer (never answers, mistakes or explanations).
PUBLIC_KEYS = (
    "topic", "syllabus", "tags", "difficulty", "type", "notation", "aid",
    "variables", "definitions", "snippet", "start", "network", "target", "inputs",
    "forbid_names",
)  # fmt: skip
DEFAULT_MIN_STEPS = 2
"""Learner lines a ``steps`` answer needs unless the question sets ``min_steps``."""
TEXT_KEYS = ("prompt", "format_hint", "unit")

ParamValue = int | str


@dataclass(frozen=True)
class Variant:
    """A question with its parameters fixed; ``data`` holds the substituted file entry."""

    question_id: str
    seed: int
    params: dict[str, ParamValue]
    data: dict[str, Any]
    option_order: tuple[int, ...]

    @property
    def type(self) -> str:
        return self.data["type"]

    @property
    def reference(self) -> str:
        """The reference answer (for ``choice``: the key of the correct option)."""
        if self.type == "choice":
            return next(key for key, option in self.options() if option.get("correct"))
        return str(self.data["answer"])

    @property
    def mistakes(self) -> list[dict[str, Any]]:
        return list(self.data.get("mistakes", []))

    def options(self) -> list[tuple[str, dict[str, Any]]]:
        """``(key, option)`` in display order; keys are ``a``–``d`` by position."""
        options = self.data.get("options", [])
        return [(OPTION_KEYS[i], options[j]) for i, j in enumerate(self.option_order)]

    def option(self, key: str) -> dict[str, Any] | None:
        return dict(self.options()).get(key)

    def render(self, lang: str) -> dict[str, Any]:
        """What a learner sees before answering, in ``lang``."""
        shown: dict[str, Any] = {
            "id": self.question_id,
            "seed": self.seed,
            "has_params": bool(self.params),
        }
        shown.update({k: self.data[k] for k in PUBLIC_KEYS if k in self.data})
        shown.update({k: self.data[k][lang] for k in TEXT_KEYS if k in self.data})
        if self.type == "steps":
            shown["min_steps"] = self.data.get("min_steps", DEFAULT_MIN_STEPS)
        if self.type == "choice":
            shown["options"] = [{"key": key, "text": o["text"][lang]} for key, o in self.options()]
        return shown

    def reveal(self, lang: str) -> dict[str, Any]:
        """The worked answer, shown after an attempt."""
        revealed: dict[str, Any] = {
            "answer": self.reference,
            "explanation": self.data["explanation"][lang],
        }
        if "steps" in self.data:
            revealed["steps"] = self.data["steps"]
        if self.type == "choice":
            revealed["options"] = [
                {
                    "key": key,
                    "text": o["text"][lang],
                    "correct": bool(o.get("correct")),
                    "why": o["why"][lang] if "why" in o else None,
                }
                for key, o in self.options()
            ]
        return revealed


def draw_params(spec: dict[str, Any], rng: random.Random) -> dict[str, ParamValue]:
    """One value per parameter, in the file's key order."""
    values: dict[str, ParamValue] = {}
    for name, rule in spec.items():
        if "choices" in rule:
            values[name] = rng.choice(rule["choices"])
        else:
            values[name] = rng.randint(rule["min"], rule["max"])
    return values


def substitute(text: str, params: dict[str, ParamValue]) -> str:
    """Replace ``{{= expr }}`` by its exact value and ``{{name}}`` by the parameter."""
    if "{{" not in text:
        return text
    from quizapp.grading import evaluate_exact

    text = DERIVED.sub(lambda m: evaluate_exact(m.group(1).strip(), params), text)
    return PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), text)


def _substitute_all(value: Any, params: dict[str, ParamValue]) -> Any:
    if isinstance(value, str):
        return substitute(value, params)
    if isinstance(value, list):
        return [_substitute_all(v, params) for v in value]
    if isinstance(value, dict):
        return {k: _substitute_all(v, params) for k, v in value.items()}
    return value


def make_variant(question_id: str, raw: dict[str, Any], seed: int) -> Variant:
    """Draw parameters from ``seed``, substitute them everywhere, shuffle the options."""
    rng = random.Random(seed)
    params = draw_params(raw.get("params") or {}, rng)
    body = {k: v for k, v in raw.items() if k != "params"}
    data = _substitute_all(body, params)
    order = list(range(len(raw.get("options", []))))
    rng.shuffle(order)
    return Variant(question_id, seed, params, data, tuple(order))
