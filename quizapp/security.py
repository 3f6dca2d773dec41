"""Security headers on every response: Content-Security-Policy and friends.

Policy choices (checked in Chromium with a violation listener, see tests/browser):

- ``script-src 'self'``: every script is a file under /static; pages pass data through
  ``data-`` attributes or ``<script type="application/json">`` blocks, never inline code.
- ``style-src 'self'``: no ``'unsafe-inline'``. KaTeX is used through ``katex.render`` (DOM
  nodes whose inline sizes are set through the CSSOM, which CSP does not block) instead of
  ``renderToString`` + ``innerHTML``; MathLive styles its shadow DOM with constructed
  stylesheets, which CSP does not block either.
- ``font-src 'self'`` for the KaTeX and MathLive woff2 files; ``img-src 'self' data:`` for
  the small data-URI images some widgets draw; ``connect-src 'self'`` for the preview API.
- ``object-src 'none'``, ``base-uri 'self'``, ``frame-ancestors 'none'``, ``form-action 'self'``.
"""

from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join(
    [
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
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Strict-Transport-Security": "max-age=31536000",
}


def add_security_headers(response: Response) -> Response:
    """Set every header of SECURITY_HEADERS unless a view chose its own value."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    """Attach the headers to every response of ``app``, error pages included."""
    app.after_request(add_security_headers)
