"""Errors split by who reads them.

- :class:`LearnerInputError`: the learner's text cannot be read (verdict ``invalid``).
  It carries a stable ``code``, the ``span`` of the offending characters in the text
  the learner typed, and a specific message in Japanese and English.
- :class:`AuthoringError`: a question author's reference or definition is broken.
  Never shown to learners.

Messages live in :mod:`derivations.error_messages`; :func:`learner_error` builds an
error from a code (or a more specific message key) and the values its message needs.

Stable codes (:data:`CODES`): ``empty``, ``too_long``, ``too_deep``, ``too_complex``,
``number_too_large``, ``power_too_large``, ``bad_character``, ``unbalanced_bracket``,
``unexpected_token``, ``ambiguous_division``, ``unknown_name``, ``forbidden_operator``,
``function_needs_argument``, ``wrong_arity``, ``bad_condition``, ``bad_subscript``,
``unknown_latex_command``, ``bad_latex``, ``undefined``, ``not_real``.
"""

from __future__ import annotations

from derivations.error_messages import MESSAGES

CODES = frozenset(
    {
        "empty",
        "too_long",
        "too_deep",
        "too_complex",
        "number_too_large",
        "power_too_large",
        "bad_character",
        "unbalanced_bracket",
        "unexpected_token",
        "ambiguous_division",
        "unknown_name",
        "forbidden_operator",
        "function_needs_argument",
        "wrong_arity",
        "bad_condition",
        "bad_subscript",
        "unknown_latex_command",
        "bad_latex",
        "undefined",
        "not_real",
    }
)


class LearnerInputError(Exception):
    """The learner's input cannot be read as a formula.

    Attributes
    ----------
    code : str
        Stable machine-readable code such as ``"unknown_name"`` or ``"too_deep"``.
    span : tuple[int, int]
        Half-open character range in the ORIGINAL text the learner typed.
    messages : dict[str, str]
        The explanation, keyed by language (``"ja"``, ``"en"``).
    """

    def __init__(self, code: str, span: tuple[int, int], messages: dict[str, str]) -> None:
        super().__init__(messages.get("en", code))
        self.code = code
        self.span = span
        self.messages = messages

    def message(self, lang: str = "en") -> str:
        """The explanation in ``lang`` (English when that language is missing)."""
        return self.messages.get(lang) or self.messages["en"]

    def __repr__(self) -> str:
        return f"LearnerInputError({self.code!r}, span={self.span!r})"


class AuthoringError(Exception):
    """A question author's reference, definition or vocabulary is broken."""


def learner_error(
    code: str, span: tuple[int, int], key: str | None = None, **values: object
) -> LearnerInputError:
    """Build a :class:`LearnerInputError` whose message is ``MESSAGES[key or code]``.

    >>> learner_error("empty", (0, 0)).message("en")
    'The answer is empty: type a formula.'
    """
    templates = MESSAGES[key or code]
    shown = {name: _shortened(name, value) for name, value in values.items()}
    messages = {lang: template.format(**shown) for lang, template in templates.items()}
    return LearnerInputError(code, span, messages)


QUOTE_LIMIT = 40


def _shortened(name: str, value: object) -> object:
    """Quoted learner text is cut to ``QUOTE_LIMIT`` characters (the span has the rest)."""
    if name.startswith("hint") or not isinstance(value, str) or len(value) <= QUOTE_LIMIT:
        return value
    return value[: QUOTE_LIMIT - 1] + "…"
