"""The learner's words for Python constructs a formula may not use, in both languages.

``construct_name("Subscript")`` → ``{"en": "indexing with [...]", "ja": "[...] による添字"}``;
``{name}`` in an entry is the attribute or method the learner wrote.
"""

from __future__ import annotations

from engine.formula.messages import Localized

# Python ast class names (and a few of our own) as a learner would call them: (en, ja).
CONSTRUCTS: dict[str, tuple[str, str]] = {
    "Subscript": (
        "indexing with [...] (only name.shape[k])",
        "[...] による添字（使えるのは 名前.shape[k] だけ）",
    ),
    "Slice": ("slices", "スライス"),
    "Lambda": ("lambda", "lambda 式"),
    "ListComp": ("comprehensions", "内包表記"),
    "SetComp": ("comprehensions", "内包表記"),
    "DictComp": ("comprehensions", "内包表記"),
    "GeneratorExp": ("generator expressions", "ジェネレータ式"),
    "str": ("text strings", "文字列"),
    "bytes": ("byte strings", "バイト列"),
    "JoinedStr": ("f-strings", "f 文字列"),
    "NoneType": ("None", "None"),
    "bool": ("True/False (except keepdims=True/False)", "True/False（keepdims 以外）"),
    "complex": ("complex numbers", "複素数"),
    "ellipsis": ("...", "..."),
    "IfExp": ("conditional expressions (if ... else)", "条件式（if ... else）"),
    "BoolOp": ("and / or", "and / or"),
    "List": ("lists [...]", "リスト [...]"),
    "Tuple": ("tuples (outside axis=...)", "タプル（axis= 以外）"),
    "Dict": ("dicts {...}", "辞書 {...}"),
    "Set": ("sets {...}", "集合 {...}"),
    "NamedExpr": ("assignment expressions (:=)", "代入式（:=）"),
    "Starred": ("*arguments", "*引数"),
    "Attribute": (
        "the attribute `.{name}` (only .T, .shape[k] and the methods .sum() .mean() .max() .dot() .transpose() .astype(float))",
        "属性 `.{name}`（使えるのは .T、.shape[k] と、メソッド .sum() .mean() .max() .dot() .transpose() .astype(float) だけ）",
    ),
    "Method": (
        "the method `.{name}()` (only .sum() .mean() .max() .dot() .transpose() .astype(float))",
        "メソッド `.{name}()`（使えるのは .sum() .mean() .max() .dot() .transpose() .astype(float) だけ）",
    ),
    "CallOfExpression": ("calling the result of an expression", "式の結果の呼び出し"),
    "ChainedCompare": ("chained comparisons (a < b < c)", "連続した比較（a < b < c）"),
    "BitXor": (
        "`^` (bitwise XOR in NumPy; write ** for powers)",
        "`^`（NumPy ではビット XOR。累乗は ** ）",
    ),
    "FloorDiv": ("`//`", "`//`"),
    "Mod": ("`%`", "`%`"),
    "BitAnd": ("`&`", "`&`"),
    "BitOr": ("`|`", "`|`"),
    "LShift": ("`<<`", "`<<`"),
    "RShift": ("`>>`", "`>>`"),
    "Not": ("`not`", "`not`"),
    "Invert": ("`~`", "`~`"),
    "Is": ("`is`", "`is`"),
    "IsNot": ("`is not`", "`is not`"),
    "In": ("`in`", "`in`"),
    "NotIn": ("`not in`", "`not in`"),
    "Await": ("`await`", "`await`"),
}


def construct_name(construct: str, name: str = "") -> Localized:
    """The learner's word for a forbidden construct (falls back to the ast class name)."""
    en, ja = CONSTRUCTS.get(construct, (f"`{construct}`", f"`{construct}`"))
    return {"en": en.replace("{name}", name), "ja": ja.replace("{name}", name)}
