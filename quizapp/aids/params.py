"""Query parameters of the aids: each field's kind, range and default, and the parser
that turns ``request.args`` into typed values or a specific, translated complaint."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel.speaklater import LazyString

Value = float | int | str
MAX_FIELD_CHARS = 40


class AidParameterError(ValueError):
    """A parameter the aid cannot use; ``field`` names it, ``message`` is translated."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Field:
    """One control: a number in [low, high] (``step`` for its slider, or a number box when
    not ``slider``; integers when ``integer``), or one of ``choices`` (value → label)."""

    name: str
    label: LazyString
    default: Value
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0
    integer: bool = False
    slider: bool = True
    choices: tuple[tuple[str, LazyString], ...] = ()

    def parse(self, raw: str | None) -> Value:
        """The typed value of ``raw`` (the default when absent or empty)."""
        if raw is None or raw.strip() == "":
            return self.default
        raw = raw.strip()
        if len(raw) > MAX_FIELD_CHARS:
            raise AidParameterError(self.name, _("%(field)s is too long.", field=self.label))
        if self.choices:
            keys = [key for key, _label in self.choices]
            if raw not in keys:
                message = _(
                    "%(field)s must be one of: %(choices)s.",
                    field=self.label,
                    choices=", ".join(keys),
                )
                raise AidParameterError(self.name, message)
            return raw
        return self._number(raw)

    def _number(self, raw: str) -> Value:
        try:
            value = int(raw) if self.integer else float(raw)
        except ValueError:
            kind = _("a whole number") if self.integer else _("a number")
            message = _("%(field)s must be %(kind)s.", field=self.label, kind=kind)
            raise AidParameterError(self.name, message) from None
        if not (math.isfinite(value) and self.low <= value <= self.high):
            message = _(
                "%(field)s must lie between %(low)s and %(high)s.",
                field=self.label,
                low=_plain(self.low),
                high=_plain(self.high),
            )
            raise AidParameterError(self.name, message)
        return value


def _plain(number: float) -> str:
    """1.0 → "1", 0.001 → "0.001" (for messages)."""
    return f"{number:g}"


def parse_params(
    fields: tuple[Field, ...], args: Mapping[str, str], *, ordered: tuple[str, str] | None = None
) -> dict[str, Value]:
    """Every field's value from ``args``; ``ordered = (low, high)`` requires low < high."""
    values = {field.name: field.parse(args.get(field.name)) for field in fields}
    if ordered and not float(values[ordered[0]]) < float(values[ordered[1]]):
        labels = {field.name: field.label for field in fields}
        message = _(
            "%(low)s must be smaller than %(high)s.",
            low=labels[ordered[0]],
            high=labels[ordered[1]],
        )
        raise AidParameterError(ordered[0], message)
    return values


def defaults(fields: tuple[Field, ...]) -> dict[str, Value]:
    """Every field at its default."""
    return {field.name: field.default for field in fields}
