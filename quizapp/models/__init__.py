"""Persistence only: typed SQLAlchemy 2.0 models. Import every model module here."""

from quizapp.models.attempt import Attempt
from quizapp.models.base import Base
from quizapp.models.exam import ExamAnswer, ExamSession
from quizapp.models.progress import Card, ReviewLog, SchedulerSettings
from quizapp.models.rate_limit import RateLimitCounter
from quizapp.models.user import User

__all__ = [
    "Attempt",
    "Base",
    "Card",
    "ExamAnswer",
    "ExamSession",
    "RateLimitCounter",
    "ReviewLog",
    "SchedulerSettings",
    "User",
]
