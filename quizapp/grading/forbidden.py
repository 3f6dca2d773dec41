"""Question-level forbidden names (``forbid_names`` in FORMAT.md): a gradient or code
question may ask for a formula that avoids an intermediate gradient such as ``dz2``."""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterable
from typing import Any

from quizapp.verdicts import verdict


def names_in(answer: str) -> list[str]:
    """The bare names of a formula in order (attributes after ``.`` such as ``.T`` excluded).

    An answer Python cannot tokenize gives no names; the engine then reports why it cannot
    read it.
    """
    names: list[str] = []
    previous = ""
    try:
        for token in tokenize.generate_tokens(io.StringIO(answer).readline):
            if token.type == tokenize.NAME and previous != ".":
                names.append(token.string)
            previous = token.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return names
    return names


def forbidden_use(answer: str, forbidden: Iterable[str], lang: str) -> dict[str, Any] | None:
    """An ``invalid`` verdict naming the first forbidden name ``answer`` uses, else ``None``."""
    banned = set(forbidden)
    used = next((name for name in names_in(answer) if name in banned), None)
    if used is None:
        return None
    return verdict(
        "invalid",
        {
            "ja": f"この問題では `{used}` を使わずに答えてください。",
            "en": f"This question asks for an answer without `{used}`.",
        },
        lang,
        reason="forbidden_name",
        name=used,
    )
