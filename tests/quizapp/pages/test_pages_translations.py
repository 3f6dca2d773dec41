"""Every string the pages show has a Japanese translation in a compiled catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

QUIZAPP = Path(__file__).resolve().parents[3] / "quizapp"
SOURCES = ["practice", "checkers", "templates/practice", "templates/checkers"]
CATALOGS = sorted(QUIZAPP.rglob("translations/ja/LC_MESSAGES/messages.po"))
METHODS = [("**.py", "python"), ("**.html", "jinja2")]
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}


def _japanese() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in CATALOGS:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and not message.fuzzy:
                    key = message.id[0] if isinstance(message.id, tuple) else message.id
                    text = (
                        message.string[0] if isinstance(message.string, tuple) else message.string
                    )
                    table.setdefault(key, text)
    return table


def _page_strings() -> list[str]:
    found = []
    for folder in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            QUIZAPP / folder, METHODS, keywords=KEYWORDS
        ):
            found.append(message[0] if isinstance(message, tuple) else message)
    base = extract_from_file("jinja2", QUIZAPP / "templates" / "base.html", keywords=KEYWORDS)
    found.extend(message for _line, message, _comments, _context in base)
    return sorted(set(found))


JAPANESE = _japanese()


@pytest.mark.parametrize("text", _page_strings())
def test_string_has_a_japanese_translation(text: str) -> None:
    assert JAPANESE.get(text), f"no ja translation for {text!r}"


def test_extraction_sees_the_layout_and_the_pages() -> None:
    strings = _page_strings()
    assert "Skip to content" in strings  # base.html
    assert "Check my answer" in strings  # practice templates
    assert "Four choices" in strings  # lazy strings in Python
