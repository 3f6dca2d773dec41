"""LaTeX front end (in progress)."""

from __future__ import annotations

from derivations.errors import learner_error
from derivations.syntax import Node
from derivations.vocabulary import Vocabulary


def parse_latex_source(text: str, vocabulary: Vocabulary) -> Node:
    """Read LaTeX math into our syntax tree."""
    raise learner_error("unknown_latex_command", (0, len(text)), command="LaTeX")
