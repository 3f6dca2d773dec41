"""Every string the pages show has a Japanese translation in a compiled catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

QUIZAPP = Path(__file__).resolve().parents[3] / "quizapp"
SOURCES = [
    "practice",
    "checkers",
    "auth",
    "api",
    "templates/practice",
    "templates/checkers",
    "templates/auth",
]
# Top-level modules and templates with learner-facing strings (besides base.html).
FILES = [
    ("python", "errors.py"),
    ("python", "security.py"),
    ("jinja2", "templates/base.html"),
    ("jinja2", "templates/error.html"),
]
# The catalogs of the pages tested here (the other blueprints test their own).
OWN_CATALOGS = ["translations", "practice/translations", "checkers/translations"]
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
    for method, name in FILES:
        found.extend(
            message[0] if isinstance(message, tuple) else message
            for _line, message, _comments, _context in extract_from_file(
                method, QUIZAPP / name, keywords=KEYWORDS
            )
        )
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
    assert "Hint" in strings  # the hint button (practice)
    assert "Log in" in strings  # auth templates


def _first(text: str | tuple[str, ...] | list[str]) -> str:
    """A message id or string; of a plural entry, its singular form."""
    return text if isinstance(text, str) else text[0]


def _messages(reader, path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {_first(m.id): _first(m.string) for m in reader(handle) if m.id and m.string}


@pytest.mark.parametrize("folder", OWN_CATALOGS)
def test_compiled_catalog_matches_its_source(folder: str) -> None:
    """``pybabel compile -d quizapp/<folder>`` was run after the last .po edit."""
    messages = QUIZAPP / folder / "ja" / "LC_MESSAGES"
    assert _messages(read_mo, messages / "messages.mo") == _messages(
        read_po, messages / "messages.po"
    )
