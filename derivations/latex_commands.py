"""The LaTeX commands and words we understand, by what they become (see latex_lexer)."""

from __future__ import annotations

IGNORED = frozenset(
    [
        "quad",
        "qquad",
        ",",
        ";",
        "!",
        ":",
        ">",
        "displaystyle",
        "textstyle",
        "limits",
        "nolimits",
        "big",
        "Big",
        "bigg",
        "Bigg",
    ]
    + [" "]
)
#: Commands that announce a delimiter; the opening ones are listed separately.
OPENING_SIZERS = frozenset({"left", "mleft", "bigl", "Bigl", "biggl", "Biggl"})
DELIMITER_SIZERS = OPENING_SIZERS | {"right", "mright", "bigr", "Bigr", "biggr", "Biggr"}
OPERATOR_COMMANDS = {
    "cdot": "*",
    "times": "*",
    "ast": "*",
    "div": "/",
    "le": "<=",
    "leq": "<=",
    "leqq": "<=",
    "leqslant": "<=",
    "ge": ">=",
    "geq": ">=",
    "geqq": ">=",
    "geqslant": ">=",
    "lt": "<",
    "gt": ">",
}
FUNCTION_COMMANDS = frozenset(
    [
        "exp",
        "log",
        "ln",
        "sin",
        "cos",
        "tan",
        "sec",
        "csc",
        "cot",
        "sinh",
        "cosh",
        "tanh",
        "coth",
        "sech",
        "csch",
        "arcsin",
        "arccos",
        "arctan",
        "max",
        "min",
    ]
)
STRUCTURE_COMMANDS = {"frac": "frac", "dfrac": "frac", "tfrac": "frac", "sqrt": "sqrt"}
CALCULUS_COMMANDS = frozenset({"partial", "nabla", "int", "iint", "oint", "lim"})
GREEK_VARIANTS = {
    "varepsilon": "epsilon",
    "vartheta": "theta",
    "varphi": "phi",
    "varsigma": "sigma",
}
WORD_COMMANDS = frozenset({"text", "textrm", "mathrm", "operatorname", "mbox", "textit"})
WORD_KEYWORDS = {
    "if": "if",
    "for": "if",
    "when": "if",
    "where": "if",
    "otherwise": "otherwise",
    "else": "otherwise",
    "それ以外": "otherwise",
    "その他": "otherwise",
    "上記以外": "otherwise",
    "and": "and",
    "or": "or",
}
SILENT_WORDS = frozenset({"", "のとき", "の場合", "ならば", "とき", ",", "."})
ENVIRONMENTS = frozenset({"cases", "array", "dcases"})
#: MathLive spellings of single letters.
LETTER_COMMANDS = {"exponentialE": "e", "differentialD": "d"}
#: Bracket commands → (token kind, bracket); after ``\\left``/``\\right`` only the bracket counts.
BRACKET_COMMANDS = {
    "{": ("open", "\\{"),
    "}": ("close", "\\}"),
    "lbrace": ("open", "\\{"),
    "rbrace": ("close", "\\}"),
    "lbrack": ("open", "["),
    "rbrack": ("close", "]"),
    "lvert": ("open", "|"),
    "rvert": ("close", "|"),
}
