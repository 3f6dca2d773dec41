"""Our syntax tree: what both front ends (plain text and LaTeX) produce.

Every node carries ``span``, a half-open range in the ORIGINAL text. Sums and products
are n-ary so a long chain of terms stays shallow. Names are still unchecked strings
here; :mod:`derivations.build` checks them against the vocabulary.

Node kinds: :class:`Number`, :class:`Name`, :class:`Neg`, :class:`Sum`,
:class:`Product`, :class:`Power`, :class:`Call`, :class:`Compare`, :class:`AllOf`,
:class:`AnyOf`, :class:`Piecewise`.
"""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class Number:
    """A decimal literal; its exact value is ``mantissa * 10**scale``."""

    text: str
    mantissa: int
    scale: int
    span: Span


@dataclass(frozen=True)
class Name:
    """An identifier as typed, in canonical spelling (``u_{k}`` → ``u_k``, ``σ`` → ``sigma``)."""

    name: str
    span: Span


@dataclass(frozen=True)
class Neg:
    """Unary minus."""

    operand: Node
    span: Span


@dataclass(frozen=True)
class Sum:
    """``terms[0] + terms[1] + ...``; a subtracted term is wrapped in :class:`Neg`."""

    terms: tuple[Node, ...]
    span: Span


@dataclass(frozen=True)
class Product:
    """``first (op node)*`` left to right, each op ``"*"`` or ``"/"``."""

    first: Node
    rest: tuple[tuple[str, Node], ...]
    span: Span


@dataclass(frozen=True)
class Power:
    """``base ^ exponent``."""

    base: Node
    exponent: Node
    span: Span


@dataclass(frozen=True)
class Call:
    """A function applied to arguments; ``name`` is the spelling typed (``σ`` → ``sigma``)."""

    name: str
    args: tuple[Node, ...]
    span: Span
    name_span: Span


@dataclass(frozen=True)
class Compare:
    """A (possibly chained) comparison ``operands[0] ops[0] operands[1] ...``."""

    ops: tuple[str, ...]
    operands: tuple[Node, ...]
    span: Span


@dataclass(frozen=True)
class AllOf:
    """Several conditions that must all hold (``and``, ``\\wedge``)."""

    parts: tuple[Condition, ...]
    span: Span


@dataclass(frozen=True)
class AnyOf:
    """Several conditions of which one must hold (``or``, ``\\vee``)."""

    parts: tuple[Condition, ...]
    span: Span


@dataclass(frozen=True)
class Piecewise:
    """``value_i if condition_i``, first match wins; ``None`` means otherwise."""

    pieces: tuple[tuple[Node, Condition | None], ...]
    span: Span


Condition = Compare | AllOf | AnyOf
Node = Number | Name | Neg | Sum | Product | Power | Call | Piecewise

COMPARISONS = ("<", "<=", ">", ">=")


def children(node: Node | Condition) -> tuple[Node | Condition, ...]:
    """The direct sub-nodes of ``node`` (conditions included)."""
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, Sum):
        return node.terms
    if isinstance(node, Product):
        return (node.first, *(item for _, item in node.rest))
    if isinstance(node, Power):
        return (node.base, node.exponent)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Compare):
        return node.operands
    if isinstance(node, AllOf | AnyOf):
        return node.parts
    if isinstance(node, Piecewise):
        return tuple(part for piece in node.pieces for part in piece if part is not None)
    return ()
