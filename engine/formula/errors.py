"""Why a formula cannot be judged: a stable ``code``, the ``span`` to highlight and the
parameters its ja/en message needs (see ``messages.py``)."""

from __future__ import annotations

from typing import Any

from engine.formula.nodes import Node, Span


class FormulaError(Exception):
    """The learner's formula is unreadable, forbidden, too big or badly shaped.

    Raised by the parser and the shape checker, turned into an ``invalid`` verdict by
    ``check.py``; it never escapes the public functions.
    """

    def __init__(
        self, code: str, span: Span | None, node: Node | None = None, **params: Any
    ) -> None:
        super().__init__(code)
        self.code = code
        self.span = span
        self.node = node
        self.params = params


class FormulaRequestError(ValueError):
    """The request itself is wrong (unknown network or target, bad reference): a caller's
    error, not the learner's. ``messages`` holds the text in ja and en."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__(messages["en"])
        self.messages = messages
