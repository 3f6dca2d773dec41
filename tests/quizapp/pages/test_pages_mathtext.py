"""Markdown-ish text with math: everything escaped, only our own elements produced."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.practice.mathtext import render_inline, render_mathtext

ALLOWED_TAGS = {"p", "ul", "li", "span", "code", "strong", "br"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $x^2$ b", '<p>a <span class="math">x^2</span> b</p>'),
        ("$$\\frac{1}{2}$$", '<p><span class="math math-display">\\frac{1}{2}</span></p>'),
        ("use `np.sum(x, axis=0)`", "<p>use <code>np.sum(x, axis=0)</code></p>"),
        ("**bold** text", "<p><strong>bold</strong> text</p>"),
        ("one\n\ntwo", "<p>one</p><p>two</p>"),
        ("line\nbreak", "<p>line<br>break</p>"),
        ("- a\n- $b$", '<ul><li>a</li><li><span class="math">b</span></li></ul>'),
        ("$x<y$", '<p><span class="math">x&lt;y</span></p>'),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("`</code><script>`", "<p><code>&lt;/code&gt;&lt;script&gt;</code></p>"),
        (
            "$\\href{javascript:alert(1)}{x}$",
            '<p><span class="math">\\href{javascript:alert(1)}{x}</span></p>',
        ),
        ("costs $5 and $6", '<p>costs <span class="math">5 and</span>6</p>'),
        ("", ""),
    ],
)
def test_rendering_table(text: str, expected: str) -> None:
    assert str(render_mathtext(text)) == expected


def test_inline_has_no_paragraph() -> None:
    assert (
        str(render_inline("see `x` and $y$"))
        == 'see <code>x</code> and <span class="math">y</span>'
    )


@given(st.text(max_size=200))
def test_any_text_yields_only_our_tags_and_no_raw_angle_brackets(text: str) -> None:
    html = str(render_mathtext(text))
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= ALLOWED_TAGS
    stripped = re.sub(
        r'</?(?:p|ul|li|span|code|strong|br)(?: class="math(?: math-display)?")?>', "", html
    )
    assert "<" not in stripped
    assert ">" not in stripped
