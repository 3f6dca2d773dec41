"""Accounts."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import Base


def utcnow() -> datetime:
    """Timezone-aware now in UTC (the only clock models use)."""
    return datetime.now(UTC)


class User(UserMixin, Base):
    """A learner. ``session_version`` changes on logout and password change, which
    invalidates every session cookie issued before."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    locale: Mapped[str] = mapped_column(String(8), default="ja")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Tokyo")
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def get_id(self) -> str:
        """Flask-Login identity: the id plus the session version."""
        return f"{self.id}:{self.session_version}"
