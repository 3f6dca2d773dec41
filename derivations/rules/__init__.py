"""Diagnosis rules, grouped by topic; :mod:`derivations.mistakes` registers them in order.

Each module exposes ``RULES``: a list of :class:`~derivations.mistakes.MistakeRule`.
Shared helpers that look at the shape of a reference live in :mod:`.shapes`.
"""
