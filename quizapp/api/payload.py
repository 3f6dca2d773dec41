"""Reading JSON request bodies: one object, typed fields, 400 with a specific message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from quizapp.errors import ApiError

FORMATS = ("text", "latex")
# field type name → (check, human description)
KINDS = {
    "str": (lambda v: isinstance(v, str), _l("a string")),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), _l("an integer")),
    "str_list": (
        lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
        "an array of strings",
    ),
    "str_map": (
        lambda v: isinstance(v, dict) and all(isinstance(i, str) for i in v.values()),
        _l("an object of strings"),
    ),
}


def json_object() -> dict[str, Any]:
    """The request body as a JSON object, whatever the Content-Type says."""
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "malformed_json", _("The body must be a JSON object."))
    return body


def _has_bad_characters(value: Any) -> bool:
    """NUL or a lone surrogate anywhere in the value (JSON allows both; storage does not)."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, list):
        return any(_has_bad_characters(v) for v in value)
    if isinstance(value, dict):
        return any(_has_bad_characters(v) for v in value.values())
    return False


def fields(body: Mapping[str, Any], spec: Mapping[str, tuple[str, bool]]) -> dict[str, Any]:
    """Pick the fields of ``spec`` (name → (kind, required)); unknown fields are ignored."""
    picked: dict[str, Any] = {}
    for name, (kind, required) in spec.items():
        if name not in body or body[name] is None:
            if required:
                raise ApiError(
                    400, "missing_field", _("The field “%(name)s” is required.", name=name)
                )
            continue
        check, description = KINDS[kind]
        if not check(body[name]):
            raise ApiError(
                400,
                "invalid_field",
                _("The field “%(name)s” must be %(kind)s.", name=name, kind=description),
            )
        if _has_bad_characters(body[name]):
            raise ApiError(
                400,
                "invalid_characters",
                _(
                    "The field “%(name)s” contains a NUL or an unpaired surrogate character.",
                    name=name,
                ),
            )
        picked[name] = body[name]
    if picked.get("format", "text") not in FORMATS:
        raise ApiError(400, "invalid_field", _("The field “format” must be “text” or “latex”."))
    return picked
