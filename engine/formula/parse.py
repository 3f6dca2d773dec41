"""Learner text → checked formula tree (``nodes.py``), through a whitelist over Python's
``ast``. Nothing is ever executed: the ``ast`` tree is only walked, and any construct
outside the dialect raises ``FormulaError`` naming it, with its character span.

Dialect: preset names, numbers, ``+ - * / ** @``, unary minus, parentheses, ``.T``,
``.sum/.mean/.max(axis=, keepdims=)``, ``.dot(b)``, ``.transpose()``, ``.astype(float)``,
``name.shape[int]``, one comparison (``a1 > 0``), the functions of
``functions.FUNCTIONS`` (and ``functions.ALIASES``), and an optional leading ``target =``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection

from engine.formula.errors import FormulaError
from engine.formula.functions import ALIASES, FLOAT_TYPES, FUNCTIONS, METHODS
from engine.formula.limits import (
    MAX_EXPONENT,
    MAX_INPUT_CHARS,
    MAX_NUMBER,
    check_brackets,
    check_size,
)
from engine.formula.nodes import (
    Axis,
    Binary,
    Call,
    Dim,
    Name,
    Negate,
    Node,
    Number,
    Span,
    Transpose,
)
from engine.formula.normalise import node_span, normalise, original_span

_BINARY = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.MatMult: "@",
}
_COMPARE = {ast.Gt: ">", ast.Lt: "<", ast.GtE: ">=", ast.LtE: "<=", ast.Eq: "==", ast.NotEq: "!="}
_LEFT_SIDE = re.compile(r"\s*([A-Za-z_]\w*)\s*=(?!=)")


def parse_formula(
    text: str,
    *,
    names: Collection[str],
    target: str | None = None,
    reserved: Collection[str] = (),
) -> Node:
    """Parse ``text`` into a formula tree over ``names``.

    ``target``: the name an optional leading ``target =`` must use (``None``: any name).
    ``reserved``: names that exist but may not be used here (targets not upstream).
    """
    if len(text) > MAX_INPUT_CHARS:
        raise FormulaError("too_long", None, limit=MAX_INPUT_CHARS, length=len(text))
    clean, origin = normalise(text)
    start = _strip_left_side(clean, target, origin)
    shift = len(clean) - len(clean[start:].lstrip())
    body = clean[shift:]
    if not body.strip():
        raise FormulaError("empty", None)
    if "\\" in body:
        at = shift + body.index("\\")
        raise FormulaError("latex", original_span(origin, at, at + 1))
    check_brackets(body, shift, origin)
    try:
        tree = ast.parse(body, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        at = min(shift + max((getattr(error, "offset", None) or 1) - 1, 0), len(clean) - 1)
        raise FormulaError("syntax", original_span(origin, at, at + 1), position=at + 1) from None
    check_size(tree, origin, shift)
    return _Converter(names, reserved, target, origin, shift).convert(tree.body)


def _strip_left_side(clean: str, target: str | None, origin: list[int]) -> int:
    """Index where the formula starts after an optional ``name =``; checks the name."""
    match = _LEFT_SIDE.match(clean)
    if match is None:
        return 0
    if target is not None and match.group(1) != target:
        raise FormulaError(
            "wrong_left_side",
            original_span(origin, *match.span(1)),
            name=match.group(1),
            target=target,
        )
    return match.end()


def _dotted(node: ast.AST) -> str | None:
    """``np.linalg.norm`` for a chain of names, else ``None``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


class _Converter:
    """Walks a Python ``ast`` expression and builds ``nodes`` objects, or raises."""

    def __init__(
        self,
        names: Collection[str],
        reserved: Collection[str],
        target: str | None,
        origin: list[int],
        shift: int,
    ) -> None:
        self.names, self.reserved, self.target = names, reserved, target
        self.origin, self.shift = origin, shift
        self.handlers = {
            ast.Constant: self._constant,
            ast.Name: self._name,
            ast.UnaryOp: self._unary,
            ast.BinOp: self._binary,
            ast.Compare: self._compare,
            ast.Attribute: self._attribute,
            ast.Call: self._call,
            ast.Subscript: self._subscript,
        }

    def span(self, node: ast.AST) -> Span:
        return node_span(node, self.origin, self.shift)

    def forbid(self, node: ast.AST, construct: str, **params: object) -> FormulaError:
        return FormulaError("forbidden", self.span(node), construct=construct, **params)

    def convert(self, node: ast.AST) -> Node:
        handler = self.handlers.get(type(node))
        if handler is None:
            raise self.forbid(node, type(node).__name__)
        return handler(node)

    def _constant(self, node: ast.Constant) -> Node:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.forbid(node, "bool" if isinstance(value, bool) else type(value).__name__)
        if not abs(value) <= MAX_NUMBER:
            raise FormulaError("number_too_large", self.span(node), limit=MAX_NUMBER)
        return Number(float(value), self.span(node))

    def _name(self, node: ast.Name) -> Node:
        if node.id in self.names:
            return Name(node.id, self.span(node))
        if node.id in self.reserved:
            raise FormulaError("not_upstream", self.span(node), name=node.id, target=self.target)
        if node.id in FUNCTIONS or f"np.{node.id}" in FUNCTIONS or node.id in ("np", "numpy"):
            raise FormulaError("function_not_called", self.span(node), name=node.id)
        raise FormulaError(
            "unknown_name", self.span(node), name=node.id, allowed=", ".join(sorted(self.names))
        )

    def _unary(self, node: ast.UnaryOp) -> Node:
        if isinstance(node.op, ast.USub):
            return Negate(self.convert(node.operand), self.span(node))
        if isinstance(node.op, ast.UAdd):
            return self.convert(node.operand)
        raise self.forbid(node, type(node.op).__name__)

    def _binary(self, node: ast.BinOp) -> Node:
        op = _BINARY.get(type(node.op))
        if op is None:
            raise self.forbid(node, type(node.op).__name__)
        left = self.convert(node.left)
        right = self.convert(node.right)
        if op == "**":
            self._check_exponent(node.right)
        return Binary(op, left, right, self.span(node))

    def _check_exponent(self, node: ast.AST) -> None:
        value = _constant_value(node)
        if value is None:
            raise FormulaError("exponent_not_number", self.span(node))
        if abs(value) > MAX_EXPONENT:
            raise FormulaError("exponent_too_large", self.span(node), limit=MAX_EXPONENT)

    def _compare(self, node: ast.Compare) -> Node:
        if len(node.ops) != 1:
            raise self.forbid(node, "ChainedCompare")
        op = _COMPARE.get(type(node.ops[0]))
        if op is None:
            raise self.forbid(node, type(node.ops[0]).__name__)
        return Binary(
            op, self.convert(node.left), self.convert(node.comparators[0]), self.span(node)
        )

    def _attribute(self, node: ast.Attribute) -> Node:
        if node.attr == "T":
            return Transpose(self.convert(node.value), self.span(node))
        dotted = _dotted(node)
        if dotted in FUNCTIONS or (dotted or "").startswith(("np.", "numpy.")):
            raise FormulaError("function_not_called", self.span(node), name=dotted)
        raise self.forbid(node, "Attribute", name=node.attr)

    def _subscript(self, node: ast.Subscript) -> Node:
        """``name.shape[int]`` only: one dimension of a preset array (range checked later)."""
        owner = node.value
        if not (
            isinstance(owner, ast.Attribute)
            and owner.attr == "shape"
            and isinstance(owner.value, ast.Name)
        ):
            raise self.forbid(node, "Subscript")
        name = self._name(owner.value)
        index = _constant_value(node.slice)
        if index is None or index != int(index) or abs(index) > 32:
            raise FormulaError("bad_shape_index", self.span(node.slice))
        return Dim(name.name, int(index), self.span(node))

    def _astype(self, node: ast.Call, value: ast.AST) -> Node:
        """``a.astype(float)`` is ``a``: every value is already float64."""
        argument = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if isinstance(argument, ast.Constant):
            spelled = argument.value if isinstance(argument.value, str) else None
        else:
            spelled = _dotted(argument) if argument is not None else None
        if spelled not in FLOAT_TYPES:
            raise FormulaError("bad_astype", self.span(node))
        return self.convert(value)

    def _call(self, node: ast.Call) -> Node:
        if isinstance(node.func, ast.Attribute) and node.func.attr == "astype":
            return self._astype(node, node.func.value)
        func, args = self._callee(node)
        spec = FUNCTIONS[func]
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.forbid(node, "Starred")
        positional = list(args) + list(node.args)
        options: dict[str, object] = {}
        if spec.kind == "reduce" and len(positional) == 2:
            if func == "np.max" and _constant_value(positional[1]) is None:
                raise FormulaError("max_of_two", self.span(node))
            options["axis"] = self._axis(positional.pop())
        if len(positional) != spec.arity:
            raise FormulaError(
                "argument_count",
                self.span(node),
                name=func,
                expected=spec.arity,
                given=len(positional),
            )
        for keyword in node.keywords:
            name = self._keyword_name(keyword, spec.kind)
            options[name] = self._option(keyword)
        converted = tuple(self.convert(a) for a in positional)
        if func == "np.power":
            self._check_exponent(positional[1])
        return Call(func, converted, self.span(node), **options)

    def _callee(self, node: ast.Call) -> tuple[str, tuple[ast.AST, ...]]:
        """The canonical function name and the implicit first argument of a method call."""
        dotted = _dotted(node.func) or ""
        if dotted.startswith("numpy."):
            dotted = "np." + dotted.removeprefix("numpy.")
        dotted = ALIASES.get(dotted, dotted)
        if dotted in FUNCTIONS:
            return dotted, ()
        if dotted and ("." not in dotted or dotted.startswith("np.")):
            spellings = (f"np.{dotted}", dotted.removeprefix("np."))
            hint = next((f for f in spellings if f in FUNCTIONS), "")
            raise FormulaError("unknown_function", self.span(node.func), name=dotted, hint=hint)
        if isinstance(node.func, ast.Attribute):
            method = METHODS.get(node.func.attr)
            if method is None:
                raise self.forbid(node.func, "Method", name=node.func.attr)
            return method, (node.func.value,)
        self.convert(node.func)  # names what is being called (lambda, [...], ...) if forbidden
        raise self.forbid(node.func, "CallOfExpression")

    def _keyword_name(self, keyword: ast.keyword, kind: str) -> str:
        allowed = {"reduce": ("axis", "keepdims"), "softmax": ("axis",)}.get(kind, ())
        if keyword.arg not in allowed:
            code = "bad_keyword" if allowed else "no_keywords"
            name = keyword.arg or "**"
            raise FormulaError(code, self.span(keyword), name=name, allowed=", ".join(allowed))
        return keyword.arg

    def _option(self, keyword: ast.keyword) -> object:
        if keyword.arg == "axis":
            return self._axis(keyword.value)
        if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, bool):
            return keyword.value.value
        raise FormulaError("bad_keepdims", self.span(keyword.value))

    def _axis(self, node: ast.AST) -> Axis:
        """``axis=1``, ``axis=-1``, ``axis=(0, 1)`` or ``axis=None``; range checked later."""
        if isinstance(node, ast.Constant) and node.value is None:
            return None
        items = node.elts if isinstance(node, ast.Tuple) else [node]
        values = [_constant_value(item) for item in items]
        if not items or any(v is None or v != int(v) or abs(v) > 32 for v in values):
            raise FormulaError("bad_axis", self.span(node))
        axes = tuple(int(v) for v in values)
        return axes if isinstance(node, ast.Tuple) else axes[0]


def _constant_value(node: ast.AST) -> float | None:
    """Value of a number built from literals with ``+ - * /`` (``1/2``, ``-1``), else None."""
    if isinstance(node, ast.Constant):
        ok = isinstance(node.value, int | float) and not isinstance(node.value, bool)
        return float(node.value) if ok and abs(node.value) <= MAX_NUMBER else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _constant_value(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.BinOp) and type(node.op) in (ast.Add, ast.Sub, ast.Mult, ast.Div):
        left, right = _constant_value(node.left), _constant_value(node.right)
        if left is None or right is None or (isinstance(node.op, ast.Div) and right == 0):
            return None
        op = _BINARY[type(node.op)]
        return {"+": left + right, "-": left - right, "*": left * right, "/": left / right}[op]
    return None
