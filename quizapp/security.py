"""Security headers on every response: Content-Security-Policy and friends.

Policy choices (checked in Chromium with a violation listener, see tests/browser):

- ``script-src 'self'``: every script is a file under /static; pages pass data through
  ``data-`` attributes or ``<script type="application/json">`` blocks, never inline code.
- ``style-src 'self'`` everywhere. KaTeX is used through ``katex.render``, which sets its
  inline sizes through the CSSOM (not blocked by CSP), with ``throwOnError`` so that its
  error markup (a ``style`` attribute) is never produced.
- MathLive builds its editor from HTML strings with ``style="..."`` attributes (measured:
  dozens of ``style-src-attr`` violations per keystroke, and a garbled editor). Pages that
  offer the visual editor call ``allow_inline_style_attributes()``, which adds only
  ``style-src-attr 'unsafe-inline'`` to *that* response: style attributes, never ``<style>``
  elements or scripts, and ``img-src``/``font-src 'self'`` still stop a style from loading
  anything off-site. All learner text is escaped, so no learner markup reaches the page.
- ``font-src 'self'`` for the KaTeX and MathLive woff2 files; ``img-src 'self' data:`` for
  the small data-URI images some widgets draw; ``connect-src 'self'`` for the preview API.
- ``object-src 'none'``, ``base-uri 'self'``, ``frame-ancestors 'none'``, ``form-action 'self'``.
"""

from __future__ import annotations

from flask import Flask, Response, g

CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
)
CONTENT_SECURITY_POLICY = "; ".join(CSP_DIRECTIVES)
INLINE_STYLE_ATTRIBUTES = "style-src-attr 'unsafe-inline'"

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Strict-Transport-Security": "max-age=31536000",
}


def allow_inline_style_attributes() -> None:
    """Let this response's page use ``style="..."`` attributes (needed by MathLive)."""
    g.csp_inline_style_attributes = True


def content_security_policy() -> str:
    """The policy for the current response."""
    if g.get("csp_inline_style_attributes"):
        return f"{CONTENT_SECURITY_POLICY}; {INLINE_STYLE_ATTRIBUTES}"
    return CONTENT_SECURITY_POLICY


def add_security_headers(response: Response) -> Response:
    """Set every security header unless a view chose its own value."""
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": content_security_policy()}
    for name, value in headers.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    """Attach the headers to every response of ``app``, error pages included."""
    app.after_request(add_security_headers)
