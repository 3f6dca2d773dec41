"""Numeric oracles for the question bank.

Each oracle is a plain function ``name(params: dict) -> float`` that recomputes the
answer of a ``numeric`` question independently of the TOML reference, from the
variant's parameters (values as drawn: ints or decimal strings). ``bank verify``
requires the oracle and the question's ``answer`` to agree for every verified seed.

The file is shared by the two content engineers: each edits only their own section.
"""

from __future__ import annotations

# --- core topics (G1) ---


# --- applied topics (G2) ---
