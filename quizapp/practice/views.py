"""Practice views: read the request, call the bank / grading seam, render."""

from __future__ import annotations

from flask import render_template

from quizapp.practice import bp


@bp.get("/")
def topics() -> str:
    """Every topic of the bank with its syllabus area."""
    return render_template("practice/topics.html", topics=[])
