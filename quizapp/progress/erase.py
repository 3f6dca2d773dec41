"""Account deletion: the user row goes, and with it (foreign keys ``ON DELETE CASCADE``)
every attempt, card, review-log entry, setting and mock exam of the learner."""

from __future__ import annotations

from werkzeug.security import check_password_hash

from quizapp.database import write_transaction
from quizapp.models import User


def delete_account(user: User, password: str) -> bool:
    """Delete ``user`` and all their data if ``password`` is theirs; False otherwise."""
    if not check_password_hash(user.password_hash, password):
        return False
    with write_transaction() as session:
        session.delete(user)
    return True
