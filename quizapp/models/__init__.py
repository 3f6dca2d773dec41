"""Persistence only: typed SQLAlchemy 2.0 models. Import every model module here."""

from quizapp.models.attempt import Attempt
from quizapp.models.base import Base
from quizapp.models.user import User

__all__ = ["Attempt", "Base", "User"]
