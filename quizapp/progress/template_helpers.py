"""Template helpers of the progress, review and exam pages: UTC times shown in the
learner's time zone, syllabus area names in the page language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask
from flask_login import current_user

from quizapp.practice.assets import lang
from quizapp.progress.localtime import zone
from quizapp.progress.syllabus import area_name


def learner_zone() -> ZoneInfo:
    """The signed-in learner's zone (the default zone for visitors)."""
    name = current_user.timezone if current_user.is_authenticated else None
    return zone(name)


def localtime(moment: datetime | None) -> str:
    """``YYYY-MM-DD HH:MM`` in the learner's zone; empty for None."""
    if moment is None:
        return ""
    return moment.astimezone(learner_zone()).strftime("%Y-%m-%d %H:%M")


def area_label(area: str) -> str:
    """A syllabus area's name in the page language."""
    return area_name(area, lang())


def init_app(app: Flask) -> None:
    """Install the filter and the global."""
    app.jinja_env.filters["localtime"] = localtime
    app.jinja_env.globals["area_label"] = area_label
