"""Fixtures of the page tests: CSRF tokens from a page, questions picked from the real bank."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.bank.loader import Question, get_bank

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def form_token(client: FlaskClient) -> Callable[[str], str]:
    """``form_token(path)``: the CSRF token of the form on ``path``."""

    def token(path: str) -> str:
        match = CSRF_FIELD.search(client.get(path).get_data(as_text=True))
        assert match, f"no csrf_token field on {path}"
        return match.group(1)

    return token


@pytest.fixture
def question_of(app: Flask) -> Callable[[str], Question]:
    """``question_of(kind)``: the bank's first question of that type without parameters."""

    def pick(kind: str) -> Question:
        with app.app_context():
            return next(q for q in get_bank().filter(type=kind) if not q.has_params)

    return pick


@pytest.fixture
def correct_key(app: Flask) -> Callable[[Question, int], str]:
    """``correct_key(question, seed)``: the right option's key in that variant."""

    def key(question: Question, seed: int) -> str:
        with app.app_context():
            return question.variant(seed).reference

    return key
