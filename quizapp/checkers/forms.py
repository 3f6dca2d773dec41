"""Reading the checker forms into the JSON payloads of the grading seam.

Each reader returns ``(payload, problems)``: the payload the API would receive, and
learner-facing messages for fields that cannot be read (a form error, not a verdict).
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

MAX_FIELD_CHARS = 2000
MAX_LINES = 30
FORMATS = ("text", "latex")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

Payload = dict[str, Any]


def _text(form: MultiDict[str, str], key: str, label: str, problems: list[str]) -> str:
    value = (form.get(key) or "").replace("\r\n", "\n").strip()
    if len(value) > MAX_FIELD_CHARS:
        problems.append(
            _("%(field)s is too long: at most %(n)d characters.", field=label, n=MAX_FIELD_CHARS)
        )
    return value


def _format(form: MultiDict[str, str]) -> str:
    value = form.get("format", "text")
    return value if value in FORMATS else "text"


def parse_definitions(text: str, problems: list[str]) -> dict[str, str]:
    """``name = expression`` per line → ``{name: expression}``; problems name the line."""
    definitions: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, equals, expression = line.partition("=")
        name, expression = name.strip(), expression.strip()
        if not equals or not _NAME.match(name) or not expression:
            problems.append(
                _(
                    "Definitions, line %(n)d: write one definition per line as name = expression, e.g. y = sigmoid(x).",
                    n=number,
                )
            )
        elif name in definitions:
            problems.append(
                _("Definitions, line %(n)d: %(name)s is defined twice.", n=number, name=name)
            )
        else:
            definitions[name] = expression
    return definitions


def parse_variables(text: str, problems: list[str]) -> list[str] | None:
    """Comma- or space-separated variable names, None when the field is empty."""
    names = [name for name in re.split(r"[\s,]+", text) if name]
    bad = [name for name in names if not _NAME.match(name)]
    if bad:
        problems.append(_("Variables: %(names)s is not a valid name.", names=", ".join(bad)))
    return names or None


def expression_payload(form: MultiDict[str, str]) -> tuple[Payload, list[str]]:
    """The scalar checker: answer, reference, optional definitions and variables."""
    problems: list[str] = []
    payload: Payload = {
        "answer": _text(form, "answer", _("Your answer"), problems),
        "reference": _text(form, "reference", _("Reference"), problems),
        "format": _format(form),
    }
    definitions = parse_definitions(
        _text(form, "definitions", _("Definitions"), problems), problems
    )
    if definitions:
        payload["definitions"] = definitions
    variables = parse_variables(_text(form, "variables", _("Variables"), problems), problems)
    if variables:
        payload["variables"] = variables
    if not payload["answer"] or not payload["reference"]:
        problems.append(_("Fill in both your answer and the reference to compare with."))
    return payload, problems


def steps_payload(form: MultiDict[str, str]) -> tuple[Payload, list[str]]:
    """The derivation checker: one expression per line, optional definitions."""
    problems: list[str] = []
    lines = [line.strip() for line in _text(form, "steps", _("Steps"), problems).splitlines()]
    steps = [line for line in lines if line]
    payload: Payload = {"steps": steps, "format": _format(form)}
    definitions = parse_definitions(
        _text(form, "definitions", _("Definitions"), problems), problems
    )
    if definitions:
        payload["definitions"] = definitions
    if len(steps) < 2:
        problems.append(_("Write at least two lines: the start and one step after it."))
    elif len(steps) > MAX_LINES:
        problems.append(_("Too many steps: at most %(n)d lines.", n=MAX_LINES))
    return payload, problems


def gradient_payload(
    form: MultiDict[str, str], targets: dict[str, list[str]]
) -> tuple[Payload, list[str]]:
    """The backprop checker: a preset network, one of its targets, a NumPy formula."""
    problems: list[str] = []
    network = form.get("network", "")
    target = form.get("target", "")
    payload: Payload = {
        "network": network,
        "target": target,
        "answer": _text(form, "answer", _("Your formula"), problems),
    }
    if network not in targets:
        problems.append(_("Choose one of the preset networks."))
    elif target not in targets[network]:
        problems.append(_("Choose a gradient of this network to check."))
    if not payload["answer"]:
        problems.append(_("Type the formula you derived."))
    return payload, problems
