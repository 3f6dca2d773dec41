"""Resource limits on learner input, checked before any SymPy object is built.

Each limit is a named constant (as simpleeval's ``MAX_POWER``); exceeding one raises a
:class:`~derivations.errors.LearnerInputError` whose code names the limit.

============================  =====================  ===========================
constant                      error code             what it bounds
============================  =====================  ===========================
``MAX_INPUT_CHARS``           ``too_long``           raw characters, checked first
``MAX_DEPTH``                 ``too_deep``           nesting of brackets/powers/signs
``MAX_NODES``                 ``too_complex``        nodes of our syntax tree
``MAX_NUMBER_DIGITS``         ``number_too_large``   digits of one literal
``MAX_DECIMAL_EXPONENT``      ``number_too_large``   ``|k|`` in ``1e k``
``MAX_EXPONENT``              ``power_too_large``    ``|n|`` of a numeric exponent
``MAX_RESULT_BITS``           ``power_too_large``    estimated bits of a numeric power
============================  =====================  ===========================
"""

from __future__ import annotations

#: Longest answer accepted, in characters of the text as typed.
MAX_INPUT_CHARS = 2000
#: Deepest nesting of brackets, powers, signs and function calls.
MAX_DEPTH = 40
#: Most nodes in one syntax tree (numbers, names, operators, calls).
MAX_NODES = 1000
#: Most digits in one number literal (integer and fraction part together).
MAX_NUMBER_DIGITS = 40
#: Largest ``|k|`` in scientific notation ``m e k``.
MAX_DECIMAL_EXPONENT = 100
#: Largest ``|n|`` when an exponent is a plain number (``x^n``).
MAX_EXPONENT = 100
#: Largest estimated size, in bits, of a number computed from numeric literals.
MAX_RESULT_BITS = 4096
