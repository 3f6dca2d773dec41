"""Hints of a question variant, revealed one at a time on the practice page.

The hints come from the question itself, in this order:

1. its ``format_hint`` — only where the answer box does not already show it (choice and
   steps questions);
2. the first sentence of the explanation's first line (Markdown paragraph); when that
   sentence is the whole explanation, only its first clause (up to a colon, semicolon or
   comma): the full worked answer is never a hint.

How many hints a learner opened travels with the answer form (``hints_used``) and is
stored on the attempt; a right answer after a hint is rated *Hard* by FSRS.

Public names: ``hints_for``, ``explanation_hint``, ``first_sentence``, ``parse_hint_count``,
``MAX_HINTS``.
"""

from __future__ import annotations

import re

from quizapp.bank.variants import Variant

MAX_HINTS = 9
# Types whose answer box already shows the format hint under the input.
FORMAT_HINT_SHOWN = frozenset({"expression", "gradient", "numeric", "code"})
# Math ($...$), code (`...`) and the abbreviations e.g. / i.e. are read as one token.
_TOKEN = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|\b[ei]\.[ge]\.|.", re.DOTALL)
# A sentence ends at 。！？ or at . ! ? before white space or the end of the line.
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s|$)")
_CLAUSE_END = re.compile(r"[:;：；、,]")
MIN_CLAUSE_CHARS = 12


def _until(text: str, stop: re.Pattern[str], keep_stop: bool) -> str:
    """``text`` up to the first token matching ``stop`` (outside math and code spans)."""
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if len(token) == 1 and stop.match(text, match.start()):
            return text[: match.end() if keep_stop else match.start()].strip()
    return text.strip()


def first_sentence(text: str) -> str:
    """The first sentence of ``text``'s first line (math and code spans kept whole)."""
    return _until(text.strip().split("\n", 1)[0], _SENTENCE_END, keep_stop=True)


def explanation_hint(explanation: str) -> str | None:
    """The explanation's first sentence; when that is all of it, its first clause; never
    the whole explanation."""
    whole = explanation.strip()
    sentence = first_sentence(whole)
    if sentence != whole:
        return sentence or None
    clause = _until(sentence, _CLAUSE_END, keep_stop=False)
    return clause if MIN_CLAUSE_CHARS <= len(clause) < len(sentence) else None


def hints_for(variant: Variant, lang: str) -> list[str]:
    """The variant's hints in ``lang``, in the order they are revealed."""
    hints: list[str] = []
    format_hint = variant.data.get("format_hint")
    if format_hint and variant.type not in FORMAT_HINT_SHOWN:
        hints.append(format_hint[lang])
    hint = explanation_hint(variant.data["explanation"][lang])
    if hint and hint not in hints:
        hints.append(hint)
    return hints[:MAX_HINTS]


def parse_hint_count(value: str | None, available: int) -> int:
    """A posted hint count: a whole number clamped to ``0..available`` (0 when unreadable)."""
    if not value or not value.isdigit() or len(value) > 3:
        return 0
    return min(int(value), available)
