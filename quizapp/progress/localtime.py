"""Learner-local days: times are stored in UTC and grouped by the learner's time zone
(``User.timezone``, default Asia/Tokyo; an unknown zone name falls back to it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Tokyo"


def zone(name: str | None) -> ZoneInfo:
    """The ``ZoneInfo`` for ``name``; the default zone when it is empty or unknown."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar date of an aware ``moment`` in ``tz``."""
    return moment.astimezone(tz).date()


def day_start_utc(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant at which ``day`` begins in ``tz``."""
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def day_end_utc(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant at which ``day`` ends in ``tz`` (the next day's start)."""
    return day_start_utc(day + timedelta(days=1), tz)
