"""Rate-limit counters shared by every app process (see ``quizapp.ops.rate_limit_storage``)."""

from __future__ import annotations

from sqlalchemy import Float, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import Base


class RateLimitCounter(Base):
    """One fixed window of one Flask-Limiter key: ``hits`` so far, and when the window
    ends (``expires_at``, seconds since the Unix epoch). A row past ``expires_at`` counts
    as absent; the storage restarts it in place or sweeps it away."""

    __tablename__ = "rate_limit_counter"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    hits: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
