"""Static size estimates on our syntax tree, so SymPy never builds a huge number.

For every subtree made only of numbers and ``+ - * / ^`` we estimate the bits of its
exact rational value (``log2`` of numerator plus denominator, an upper bound):

- a number with ``d`` digits and decimal exponent ``k``: about ``3.33 (d + |k|)`` bits;
- a sum or product: the sum of its parts' bits (common denominators multiply);
- ``a ^ n`` with a numeric exponent ``n``: ``|n|`` must be at most ``MAX_EXPONENT``
  (whatever the base: ``x^1000000`` is refused), and the result ``bits(a) |n|`` at most
  ``MAX_RESULT_BITS`` (so ``(((9^64)^64)^64)^64`` is refused at the second power).

An exponent is evaluated exactly (with :class:`fractions.Fraction`) only after its own
estimate is below 64 bits, so ``9^9^9`` and ``2^(2^64)`` cost microseconds to refuse.
"""

from __future__ import annotations

import math
from fractions import Fraction

from derivations.errors import learner_error
from derivations.limits import MAX_EXPONENT, MAX_RESULT_BITS
from derivations.syntax import Neg, Node, Number, Power, Product, Sum, children

LOG2_10 = math.log2(10)
EXACT_EXPONENT_BITS = 64


def _number_bits(node: Number) -> float:
    return math.log2(node.mantissa + 1) + abs(node.scale) * LOG2_10 + 1


def _exact(node: Node) -> Fraction | None:
    """Exact rational value of a small numeric subtree (``None``: irrational or undefined)."""
    if isinstance(node, Number):
        return Fraction(node.mantissa) * Fraction(10) ** node.scale
    if isinstance(node, Neg):
        value = _exact(node.operand)
        return None if value is None else -value
    if isinstance(node, Sum):
        values = [_exact(term) for term in node.terms]
        return None if None in values else sum(values, Fraction(0))  # type: ignore[arg-type]
    if isinstance(node, Product):
        return _exact_product(node)
    if isinstance(node, Power):
        base, exponent = _exact(node.base), _exact(node.exponent)
        if base is None or exponent is None or exponent.denominator != 1:
            return None
        if base == 0 and exponent < 0:
            return None
        return base ** int(exponent)
    return None


def _exact_product(node: Product) -> Fraction | None:
    value = _exact(node.first)
    for op, item in node.rest:
        factor = _exact(item)
        if value is None or factor is None or (op == "/" and factor == 0):
            return None
        value = value * factor if op == "*" else value / factor
    return value


class SizeChecker:
    """Walks a tree once; raises ``power_too_large`` / ``number_too_large``."""

    def __init__(self, original: str) -> None:
        self.original = original

    def _text(self, node: Node) -> str:
        text = self.original[node.span[0] : node.span[1]]
        return text if len(text) <= 30 else text[:27] + "..."

    def bits(self, node: Node) -> float | None:
        """Estimated bits of a numeric subtree's value, ``None`` if it is not numeric."""
        if isinstance(node, Number):
            return _number_bits(node)
        if isinstance(node, Power):
            return self._power_bits(node)
        parts = [self.bits(child) for child in children(node)]  # type: ignore[arg-type]
        if not isinstance(node, Neg | Sum | Product) or None in parts:
            return None
        total = sum(parts) + len(parts)  # type: ignore[arg-type]
        if total > MAX_RESULT_BITS:
            raise learner_error(
                "number_too_large", node.span, "number_too_large_result", text=self._text(node)
            )
        return total

    def _power_bits(self, node: Power) -> float | None:
        base_bits = self.bits(node.base)
        exponent_bits = self.bits(node.exponent)
        if exponent_bits is None:
            return None
        too_large = learner_error(
            "power_too_large", node.span, text=self._text(node), limit=MAX_EXPONENT
        )
        if exponent_bits > EXACT_EXPONENT_BITS:
            raise too_large
        exponent = _exact(node.exponent)
        if exponent is None:
            return None
        if abs(exponent) > MAX_EXPONENT:
            raise too_large
        if base_bits is None:
            return None
        result = base_bits * max(abs(exponent), 1)
        if result > MAX_RESULT_BITS:
            raise too_large
        return float(result)


def check_sizes(node: Node, original: str) -> None:
    """Refuse numeric powers and products too large to build (see the module docstring)."""
    SizeChecker(original).bits(node)
