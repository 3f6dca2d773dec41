"""Bracket pre-pass: balance and nesting depth, with the span of the culprit.

Runs on tokens before parsing, so ``((((…`` ten thousand deep is rejected in one
linear scan and an unclosed bracket is pointed at where it was opened.
"""

from __future__ import annotations

from collections.abc import Sequence

from derivations.errors import learner_error
from derivations.lexer import Token
from derivations.limits import MAX_DEPTH

PAIRS = {"(": ")", "[": "]", "{": "}", "|": "|", "\\{": "\\}", ".": "."}
#: LaTeX's invisible delimiter (``\left.`` / ``\right.``) pairs with any bracket.
INVISIBLE = "."


def check_brackets(tokens: Sequence[Token]) -> None:
    """Raise ``unbalanced_bracket`` or ``too_deep`` for the first offending bracket."""
    stack: list[Token] = []
    for token in tokens:
        if token.kind == "open":
            stack.append(token)
            if len(stack) > MAX_DEPTH:
                raise learner_error("too_deep", token.span, limit=MAX_DEPTH)
        elif token.kind == "close":
            if not stack:
                raise learner_error(
                    "unbalanced_bracket",
                    token.span,
                    "unbalanced_bracket_unopened",
                    bracket=token.value,
                )
            opening = stack.pop()
            expected = PAIRS[opening.value]
            if INVISIBLE not in (opening.value, token.value) and token.value != expected:
                raise learner_error(
                    "unbalanced_bracket",
                    token.span,
                    "unbalanced_bracket_mismatch",
                    bracket=token.value,
                    opening=opening.value,
                    expected=expected,
                )
    if stack:
        raise learner_error(
            "unbalanced_bracket",
            stack[-1].span,
            "unbalanced_bracket_unclosed",
            bracket=stack[-1].value,
        )
