"""Progress pages: the dashboard, scheduler settings, export, import and account deletion.

- ``GET  /progress/``: numbers, charts (data in a JSON block) and table fallbacks;
- ``POST /progress/settings``: new questions per day, desired retention, time zone;
- ``GET  /progress/export.json`` and ``/progress/export.zip`` (CSV per table);
- ``POST /progress/import``: a JSON export file (idempotent);
- ``POST /progress/delete``: delete the account and all its data (password required).
"""

from __future__ import annotations

import json
from zoneinfo import available_timezones

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError

from quizapp.database import write_transaction
from quizapp.errors import error_response
from quizapp.extensions import csrf, db
from quizapp.models import SchedulerSettings
from quizapp.models.user import utcnow
from quizapp.practice.assets import lang
from quizapp.progress import bp
from quizapp.progress.dashboard import dashboard
from quizapp.progress.erase import delete_account
from quizapp.progress.export import export_csv_zip, export_data
from quizapp.progress.fsrs_service import settings_for
from quizapp.progress.importer import ImportProblem, import_data

MAX_IMPORT_BYTES = 16 * 1024 * 1024


@bp.get("/")
@login_required
def index() -> str:
    """The dashboard."""
    data = dashboard(current_user, utcnow(), lang())
    settings = settings_for(db.session, current_user.id)
    return render_template("progress/dashboard.html", data=data, settings=settings)


def _form_number(name: str, low: float, high: float, kind: type) -> float | int | None:
    try:
        value = kind(request.form.get(name, ""))
    except ValueError:
        return None
    return value if low <= value <= high else None


@bp.post("/settings")
@login_required
def settings() -> Response:
    """Store the scheduler settings and the time zone; refuse out-of-range values."""
    per_day = _form_number("new_per_day", 0, 200, int)
    retention = _form_number("desired_retention", 0.7, 0.97, float)
    timezone = request.form.get("timezone", "").strip()
    if per_day is None or retention is None or timezone not in available_timezones():
        return error_response(
            422,
            "bad_settings",
            _(
                "New questions per day must be 0–200, desired retention 0.70–0.97, and the "
                "time zone a name such as Asia/Tokyo."
            ),
        )
    with write_transaction() as session:
        row = session.get(SchedulerSettings, current_user.id)
        if row is None:
            row = SchedulerSettings(user_id=current_user.id)
            session.add(row)
        row.new_per_day, row.desired_retention = per_day, retention
        current_user.timezone = timezone
    flash(_("Settings saved."), "info")
    return redirect(url_for(".index"))


@bp.get("/export.json")
@login_required
def export_json() -> Response:
    """Download everything as one JSON file."""
    body = json.dumps(export_data(current_user, utcnow()), ensure_ascii=False, indent=1)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=bibun-dojo-export.json"},
    )


@bp.get("/export.zip")
@login_required
def export_zip() -> Response:
    """Download everything as CSV files in a zip."""
    return Response(
        export_csv_zip(export_data(current_user, utcnow())),
        mimetype="application/zip",
        headers={"Content-Disposition": "attachment; filename=bibun-dojo-export.zip"},
    )


@bp.post("/import")
@csrf.exempt  # checked below, after raising the body limit for this one endpoint
@login_required
def import_json() -> Response:
    """Restore a JSON export into this account (files up to 16 MiB)."""
    request.max_content_length = MAX_IMPORT_BYTES
    try:
        validate_csrf(request.form.get("csrf_token") or request.headers.get("X-CSRFToken"))
    except ValidationError:
        return error_response(
            400, "csrf_failed", _("The form expired. Reload the page and try again.")
        )
    upload = request.files.get("file")
    raw = upload.read(MAX_IMPORT_BYTES + 1) if upload else request.get_data()
    try:
        if not raw or len(raw) > MAX_IMPORT_BYTES:
            raise ImportProblem("choose a JSON export file")
        report = import_data(current_user, json.loads(raw.decode("utf-8")))
    except (ImportProblem, UnicodeDecodeError, json.JSONDecodeError) as problem:
        return error_response(
            422, "bad_import", _("This file cannot be imported: %(why)s", why=str(problem))
        )
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(imported=report.added)
    flash(_("Import finished: %(n)d attempts added.", n=report.added.get("attempts", 0)), "info")
    return redirect(url_for(".index"))


@bp.post("/delete")
@login_required
def delete() -> Response:
    """Delete the account after the password is confirmed."""
    if not delete_account(current_user, request.form.get("password", "")):
        return error_response(
            403, "wrong_password", _("The password is not correct; nothing was deleted.")
        )
    logout_user()
    flash(_("Your account and all its data were deleted."), "info")
    return redirect(url_for("index"))
