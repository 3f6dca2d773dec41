"""Spelling of variable names: Greek letters, subscripts, canonical forms.

A well-formed name is a letter run (ASCII, or a Greek letter name) with optional
trailing digits and one optional subscript: ``x``, ``y1``, ``y_1``, ``beta1``,
``w_ji``, ``u_k``. The lexers keep the spelling typed (``y_{1}`` → ``y_1``); a
vocabulary that declares only one of ``y1``/``y_1`` accepts both spellings for it
(:func:`spellings`), and without declared names both mean the :func:`canonical`
``y1`` (as in ``x11``, ``w12``).

>>> subscripted("y", "1"), subscripted("w", "ji"), subscripted("u", None)
('y_1', 'w_ji', 'u')
"""

from __future__ import annotations

import re

#: Names a Symbol may have. Anything else never becomes a Symbol.
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?\Z")

GREEK_NAMES = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "omicron",
    "pi",
    "rho",
    "sigma",
    "tau",
    "upsilon",
    "phi",
    "chi",
    "psi",
    "omega",
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Pi",
    "Sigma",
    "Upsilon",
    "Phi",
    "Psi",
    "Omega",
]
_GREEK_LOWER = "αβγδεζηθικλμνξοπρστυφχψω"
_GREEK_UPPER = "ΓΔΘΛΞΠΣΥΦΨΩ"
#: Unicode Greek letter → ASCII name.
GREEK_LETTERS: dict[str, str] = {
    **dict(zip(_GREEK_LOWER, GREEK_NAMES[:24], strict=True)),
    **dict(zip(_GREEK_UPPER, GREEK_NAMES[24:], strict=True)),
    "ς": "sigma",
    "ϵ": "epsilon",
    "ϑ": "theta",
    "ϕ": "phi",
    "ϱ": "rho",
    "ϖ": "pi",
}
#: Names that mean the same variable; a declared member wins when resolving.
ALIASES: tuple[frozenset[str], ...] = (
    frozenset({"eps", "epsilon", "varepsilon"}),
    frozenset({"lam", "lambda"}),
    frozenset({"theta", "vartheta"}),
    frozenset({"phi", "varphi"}),
)

_TRAILING_DIGITS = re.compile(r"([A-Za-z]+)([0-9]+)\Z")


def subscripted(base: str, subscript: str | None) -> str:
    """The name spelled with its subscript, as typed (``x``, ``_{1}`` → ``x_1``)."""
    return f"{base}_{subscript}" if subscript else base


def canonical(name: str) -> str:
    """One spelling per variable when no names are declared: digit subscripts joined.

    >>> canonical("y_1"), canonical("w_ji"), canonical("beta_1")
    ('y1', 'w_ji', 'beta1')
    """
    base, _, subscript = name.partition("_")
    return base + subscript if subscript.isdigit() else name


def spellings(name: str) -> tuple[str, ...]:
    """Spellings that denote ``name`` when a vocabulary declares one of them.

    >>> spellings("y1"), spellings("y_1"), spellings("eps")[:1]
    (('y1', 'y_1'), ('y_1', 'y1'), ('eps',))
    """
    found = [name]
    if "_" in name:
        base, sub = name.split("_", 1)
        if sub.isdigit():
            found.append(base + sub)
    else:
        match = _TRAILING_DIGITS.match(name)
        if match:
            found.append(f"{match.group(1)}_{match.group(2)}")
    for group in ALIASES:
        if name in group:
            found.extend(sorted(group - {name}))
    return tuple(found)


def split_name(name: str) -> tuple[str, str | None]:
    """Split a canonical name into a base and a subscript for printing.

    >>> split_name("beta1"), split_name("w_ji"), split_name("x")
    (('beta', '1'), ('w', 'ji'), ('x', None))
    """
    if "_" in name:
        base, sub = name.split("_", 1)
        return base, sub
    match = _TRAILING_DIGITS.match(name)
    if match:
        return match.group(1), match.group(2)
    return name, None
