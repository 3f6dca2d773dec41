"""Blueprint ``review``: today's queue — FSRS reviews that are due, then new questions
within the daily limit, optionally for one topic. Answers go through the practice pages,
whose attempts become reviews."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, render_template, request
from flask_login import current_user, login_required

from quizapp.bank.loader import get_bank
from quizapp.extensions import db
from quizapp.models.user import utcnow
from quizapp.practice.assets import lang
from quizapp.practice.flow import TYPE_LABELS
from quizapp.progress.localtime import zone
from quizapp.progress.queue import today_queue

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.get("/")
@login_required
def index() -> str:
    """Due reviews and new questions for today (``?topic=`` narrows both)."""
    bank = get_bank()
    topic = request.args.get("topic") or None
    if topic is not None and topic not in bank.topics:
        abort(404)
    tz = zone(current_user.timezone)
    found = today_queue(db.session, current_user.id, utcnow(), tz, bank, topic)
    language = lang()
    due = [(card, bank.get(card.question_id)) for card in found.due]
    return render_template(
        "review/index.html",
        due=[(card, q) for card, q in due if q is not None],
        new=found.new,
        topic=topic,
        topics=[
            (tid, t["name"][language]) for tid, t in bank.topics.items() if bank.filter(topic=tid)
        ],
        topic_names={tid: t["name"][language] for tid, t in bank.topics.items()},
        type_labels=TYPE_LABELS,
    )


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)
