"""Which names a question's answers may use, and the one place Symbols are created.

A :class:`Vocabulary` lists the variables (``None``: any well-formed name), the names
defined by the question (``{"y": "sigmoid(x)"}``; usable in answers, substituted by
:func:`derivations.parsing.expand_definitions`) and the operators answers may not use.

Resolution of a typed name (:meth:`Vocabulary.resolve`): the spelling typed if it is
defined or declared, else an equivalent declared spelling (``y_1``/``y1``,
``eps``/``epsilon``); with no declared list any well-formed name, in its canonical
spelling (``y_1`` → ``y1``). ``e`` and ``pi`` are constants unless declared.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from derivations.function_table import ALSO_VARIABLES, FUNCTIONS, OPERATORS
from derivations.names import IDENTIFIER, canonical, spellings

#: Operators refused in answers unless a question allows them.
DEFAULT_FORBIDDEN = OPERATORS
#: Longest letter run for which ``xy`` → "write x*y" is suggested.
PRODUCT_HINT_LETTERS = 4
#: Names that are constants unless a question declares them as variables.
CONSTANTS = {"e": sympy.E, "pi": sympy.pi}


@dataclass(frozen=True)
class Vocabulary:
    """Names an answer may use (see the module docstring)."""

    variables: frozenset[str] | None = None
    definitions: Mapping[str, str] = field(default_factory=dict, hash=False)
    forbid: frozenset[str] = DEFAULT_FORBIDDEN

    def __post_init__(self) -> None:
        declared = set(self.variables or ()) | set(self.definitions)
        bad = sorted(name for name in declared if not IDENTIFIER.match(name))
        if bad:
            raise ValueError(f"not well-formed names: {bad}")

    def symbol(self, name: str) -> sympy.Symbol:
        """The real Symbol called ``name``; the name must be well formed."""
        if not IDENTIFIER.match(name):
            raise ValueError(f"not a well-formed name: {name!r}")
        return sympy.Symbol(name, real=True)

    def resolve(self, name: str, *, any_name: bool = False) -> str | None:
        """The declared spelling ``name`` stands for, or ``None`` if it is not allowed.

        ``any_name`` (authoring) accepts every well-formed name, like ``variables=None``.
        """
        declared = set(self.definitions) | set(self.variables or ())
        for spelling in spellings(name):
            if spelling in declared:
                return spelling
        if (self.variables is None or any_name) and name not in CONSTANTS:
            return canonical(name) if IDENTIFIER.match(name) else None
        return None

    def known_names(self) -> list[str]:
        """Declared variables and defined names, sorted (for messages)."""
        return sorted(set(self.variables or ()) | set(self.definitions))

    def suggestion(self, name: str) -> str | None:
        """The closest allowed name or function to a mistyped ``name``."""
        pool = self.known_names() + sorted(set(FUNCTIONS) - ALSO_VARIABLES)
        close = difflib.get_close_matches(name, pool, n=1, cutoff=0.7)
        return close[0] if close else None

    def as_product(self, name: str) -> str | None:
        """``"x*y"`` when ``name`` is ``"xy"`` and every letter is an allowed name."""
        if self.variables is None or not name.isalpha():
            return None
        if 2 <= len(name) <= PRODUCT_HINT_LETTERS and all(
            self.resolve(letter) or letter in CONSTANTS for letter in name
        ):
            return "*".join(name)
        return None
