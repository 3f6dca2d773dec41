"""Template helpers shared by every page: vendored asset URLs, navigation, language links.

Vendored files (KaTeX, MathLive, charts) are build output of ``scripts/vendor_assets.py``;
``vendor_url`` returns None when a file is missing, so templates leave the tag out and the
page falls back to readable TeX text instead of loading a broken script.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from flask import current_app, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

# (endpoint, label): shown in the header when the endpoint exists in this app.
NAVIGATION = (
    ("practice.topics", _l("Practice")),
    ("checkers.index", _l("Checkers")),
    ("aids.index", _l("Learning aids")),
    ("review.index", _l("Review")),
    ("exam.index", _l("Mock exam")),
    ("progress.index", _l("Progress")),
)

# Strings the browser scripts show; written into the page as JSON (see base.html).
UI_STRINGS = {
    "we_read": _l("We read your answer as"),
    "preview_unavailable": _l("The preview is not available right now; you can still submit."),
    "submit_failed": _l("Could not reach the server. Sending the form again…"),
    "submit_refused": _l(
        "The server did not accept this answer. Reload the page and send it again; your answer is still in the box."
    ),
    "visual_editor": _l("Visual math editor"),
    "line": _l("line"),
}


def lang() -> str:
    """The request's language code (``ja`` or ``en``)."""
    return str(get_locale() or "ja")


def preview_url() -> str | None:
    """The preview API's address, None while the API does not offer it."""
    has_preview = "api.preview" in current_app.view_functions
    return url_for("api.preview") if has_preview else None


def vendor_url(relative: str) -> str | None:
    """URL of ``static/vendor/<relative>`` if that file exists, else None."""
    static = Path(current_app.static_folder or "")
    if not (static / "vendor" / relative).is_file():
        return None
    return url_for("static", filename=f"vendor/{relative}")


def navigation() -> list[tuple[str, str, bool]]:
    """(url, label, is_current) for the header links whose blueprints are registered."""
    items = []
    current_blueprint = request.blueprint or ""
    for endpoint, label in NAVIGATION:
        if endpoint in current_app.view_functions:
            blueprint = endpoint.split(".")[0]
            items.append((url_for(endpoint), str(label), blueprint == current_blueprint))
    return items


def language_url(code: str) -> str:
    """This page's address with ``?lang=code`` (other query arguments kept)."""
    args = {key: value for key, value in request.args.items() if key != "lang"}
    args["lang"] = code
    return f"{request.path}?{urlencode(args)}"


def ui_strings() -> dict[str, str]:
    """The scripts' strings in the request's language."""
    return {key: str(value) for key, value in UI_STRINGS.items()}


TEMPLATE_GLOBALS = {
    "vendor_url": vendor_url,
    "preview_url": preview_url,
    "navigation": navigation,
    "language_url": language_url,
    "ui_strings": ui_strings,
}
