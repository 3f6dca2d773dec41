"""Markdown-ish text with inline math, rendered to safe HTML.

Question prompts and explanations are reviewed data, but they are still treated as
untrusted text: everything is HTML-escaped, and only a few constructs become markup:

- ``$...$`` → ``<span class="math">TeX</span>`` and ``$$...$$`` → ``<span class="math
  math-display">TeX</span>``; the TeX stays as escaped text, which the browser's KaTeX
  (``trust: false``) replaces by rendered math, and which is readable as is without JS;
- ``` `code` ``` → ``<code>``, ``**bold**`` → ``<strong>``;
- blank lines separate paragraphs, lines starting with ``- `` form a bullet list.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_INLINE = re.compile(
    r"(?P<display>\$\$(?P<dtex>.+?)\$\$)"
    r"|(?P<inline>\$(?P<itex>[^$\n]+?)\$)"
    r"|(?P<code>`(?P<ctext>[^`\n]+)`)"
    r"|(?P<bold>\*\*(?P<btext>[^*\n]+)\*\*)",
    re.DOTALL,
)
_BLOCK_SPLIT = re.compile(r"\n\s*\n")


def math_span(tex: str, *, display: bool = False) -> Markup:
    """One math element holding escaped TeX for KaTeX to render in the browser."""
    css = "math math-display" if display else "math"
    return Markup('<span class="{}">{}</span>').format(css, tex.strip())


def _inline(text: str) -> Markup:
    """Escape ``text`` and turn its math, code and bold runs into elements."""
    parts: list[Markup] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(escape(text[position : match.start()]))
        if match["display"]:
            parts.append(math_span(match["dtex"], display=True))
        elif match["inline"]:
            parts.append(math_span(match["itex"]))
        elif match["code"]:
            parts.append(Markup("<code>{}</code>").format(match["ctext"]))
        else:
            parts.append(Markup("<strong>{}</strong>").format(match["btext"]))
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts).replace("\n", Markup("<br>"))


def _block(block: str) -> Markup:
    """A paragraph, or a bullet list when every line starts with ``- ``."""
    lines = block.strip("\n").split("\n")
    if all(line.lstrip().startswith("- ") for line in lines):
        items = Markup("").join(
            Markup("<li>{}</li>").format(_inline(line.lstrip()[2:])) for line in lines
        )
        return Markup("<ul>{}</ul>").format(items)
    return Markup("<p>{}</p>").format(_inline(block.strip()))


def render_inline(text: str | None) -> Markup:
    """Like ``render_mathtext`` for one short message: no paragraphs, no lists."""
    return _inline(text) if text else Markup("")


def render_mathtext(text: str | None) -> Markup:
    """Safe HTML for Markdown-ish ``text`` (see module docstring); empty for None."""
    if not text:
        return Markup("")
    blocks = [block for block in _BLOCK_SPLIT.split(text.replace("\r\n", "\n")) if block.strip()]
    return Markup("").join(_block(block) for block in blocks)
