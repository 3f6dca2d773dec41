"""Every string of the progress, review and exam pages has a Japanese translation, and the
compiled catalog matches its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

QUIZAPP = Path(__file__).resolve().parents[2] / "quizapp"
SOURCES = ["progress", "exam", "review", "templates/progress", "templates/exam", "templates/review"]
CATALOG = QUIZAPP / "progress" / "translations" / "ja" / "LC_MESSAGES"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id[0] if isinstance(message_id, tuple | list) else message_id


def _strings() -> list[str]:
    methods = [("**.py", "python"), ("**.html", "jinja2")]
    return sorted(
        {
            _key(message)
            for folder in SOURCES
            for _f, _l, message, _c, _x in extract_from_dir(
                QUIZAPP / folder, methods, keywords=KEYWORDS
            )
        }
    )


def _catalog(reader, name: str) -> dict[str, str]:
    with (CATALOG / name).open("rb") as handle:
        return {_key(m.id): _key(m.string) for m in reader(handle) if m.id and m.string}


PO = _catalog(read_po, "messages.po")


@pytest.mark.parametrize("text", _strings())
def test_string_has_a_japanese_translation(text: str) -> None:
    assert PO.get(text), f"no ja translation for {text!r}"


def test_compiled_catalog_is_up_to_date() -> None:
    assert _catalog(read_mo, "messages.mo") == PO
