"""Size limits of a formula, checked before anything is built: named constants (as in
simpleeval's ``MAX_POWER``) and the pre-passes that enforce them on the raw ``ast``."""

from __future__ import annotations

import ast

from engine.formula.errors import FormulaError
from engine.formula.normalise import node_span, original_span

MAX_INPUT_CHARS = 1000
MAX_AST_NODES = 300
MAX_AST_DEPTH = 40
MAX_NUMBER = 1e6
MAX_EXPONENT = 10

_BRACKETS = {")": "(", "]": "[", "}": "{"}


def check_brackets(body: str, shift: int, origin: list[int]) -> None:
    """Report the first bracket without a partner, by position."""
    stack: list[int] = []
    for index, char in enumerate(body):
        if char in "([{":
            stack.append(index)
        elif char in _BRACKETS:
            if not stack or body[stack[-1]] != _BRACKETS[char]:
                at = shift + index
                raise FormulaError("unbalanced", original_span(origin, at, at + 1), bracket=char)
            stack.pop()
    if stack:
        at = shift + stack[-1]
        raise FormulaError("unbalanced", original_span(origin, at, at + 1), bracket=body[stack[-1]])


def check_size(tree: ast.AST, origin: list[int], shift: int) -> None:
    """Bound node count and nesting depth without recursion; reject ``_`` identifiers
    (the leftmost one is named)."""
    pending = [(tree, 0)]
    count = 0
    private: list[ast.AST] = []
    while pending:
        node, depth = pending.pop()
        count += 1
        if count > MAX_AST_NODES:
            raise FormulaError("too_many_nodes", None, limit=MAX_AST_NODES)
        if depth > MAX_AST_DEPTH:
            raise FormulaError("too_deep", node_span(node, origin, shift), limit=MAX_AST_DEPTH)
        identifier = getattr(node, "id", None) or getattr(node, "attr", None)
        if isinstance(identifier, str) and identifier.startswith("_"):
            private.append(node)
        pending.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    if private:
        first = min(private, key=lambda n: (n.end_col_offset, n.col_offset))
        name = getattr(first, "id", None) or first.attr
        raise FormulaError("private_name", node_span(first, origin, shift), name=name)
