"""Account steps the browser tests share: register (which signs the learner in)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

PASSWORD = "a long enough passphrase 7"


def register(page: Page, name: str, password: str = PASSWORD) -> None:
    """Create the account ``name`` through the form; the learner is then signed in."""
    page.goto("/auth/register?lang=en")
    page.fill("#username", name)
    page.fill("#password", password)
    page.fill("#confirm", password)
    page.click("main button[type=submit]")
    expect(page.locator(".username")).to_have_text(name)
