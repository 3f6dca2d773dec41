"""Drop a leading ``f(x) =``, ``y =``, ``f'(x) =`` or ``dy/dx =`` from an answer.

Only a plain function head (a name with optional primes, optionally applied to names) or a derivative
notation (``dy/dx``, ``d y / d x``, ``∂L/∂w``, ``\\frac{dy}{dx}``,
``\\frac{\\partial L}{\\partial w}``)
is dropped, and only when the answer has exactly one top-level ``=``. Anything else,
such as ``x + 1 = 2``, is left for the parser, which reports an ``equation`` error.
"""

from __future__ import annotations

from collections.abc import Sequence

from derivations.lexer import Token


def _top_level_equals(tokens: Sequence[Token]) -> list[int]:
    found, depth = [], 0
    for index, token in enumerate(tokens):
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            depth -= 1
        elif depth == 0 and token.kind == "op" and token.value == "=":
            found.append(index)
    return found


def _is_function_head(head: Sequence[Token]) -> bool:
    """``y``, ``f(x)``, ``g(x, y)``, and the same with primes: ``y'``, ``f'(x)``."""
    if not head or head[0].kind != "name":
        return False
    primes = 1
    while primes < len(head) and head[primes].kind == "prime":
        primes += 1
    head = [head[0], *head[primes:]]
    if len(head) == 1:
        return True
    if len(head) < 4 or head[1].kind != "open":
        return False
    if head[-1].kind != "close":
        return False
    inner = head[2:-1]
    names = inner[0::2]
    commas = inner[1::2]
    return all(t.kind == "name" for t in names) and all(t.value == "," for t in commas)


def _starts_differential(part: Sequence[Token]) -> bool:
    if not part:
        return False
    first = part[0]
    if first.kind == "cmd":
        return first.value == "partial"
    return first.kind == "name" and first.value.startswith("d")


def _braced_groups(tokens: Sequence[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if token.kind == "open" and token.value == "{":
            depth += 1
            if depth == 1:
                groups.append([])
                continue
        elif token.kind == "close" and token.value == "}":
            depth -= 1
            if depth == 0:
                continue
        if depth >= 1:
            groups[-1].append(token)
        else:
            return []
    return groups


def _is_derivative_head(head: Sequence[Token]) -> bool:
    if head and head[0].kind == "cmd" and head[0].value == "frac":
        parts = _braced_groups(head[1:])
        return len(parts) == 2 and all(_starts_differential(p) for p in parts)
    slashes = [i for i, t in enumerate(head) if t.kind == "op" and t.value == "/"]
    if len(slashes) != 1 or any(t.kind not in ("name", "op", "cmd") for t in head):
        return False
    cut = slashes[0]
    return _starts_differential(head[:cut]) and _starts_differential(head[cut + 1 :])


def strip_head(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` without a droppable ``head =`` prefix (see the module docstring)."""
    equals = _top_level_equals(tokens)
    if len(equals) != 1:
        return list(tokens)
    head = tokens[: equals[0]]
    if _is_function_head(head) or _is_derivative_head(head):
        return list(tokens[equals[0] + 1 :])
    return list(tokens)
