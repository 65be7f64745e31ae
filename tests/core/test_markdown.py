"""Markdown written by people is rendered harmless: no script, no handler, no foreign scheme."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template

from kokoma.core.markdown import render_markdown

INJECTIONS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg onload=alert(1)>",
    "<form action=https://evil.example><input name=x></form>",
    "<!-- comment --><b>raw</b>",
    '<a href="javascript:alert(1)">raw link</a>',
    "`<script>in code</script>`",
    "```\n<script>in a block</script>\n```",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '[x](https://ok.example "title" onmouseover=alert(1))',
]


def _has_no_active_content(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    assert "<style" not in lowered
    assert "<img" not in lowered
    assert "<svg" not in lowered
    assert "<form" not in lowered
    assert "<div" not in lowered
    assert not re.search(r"<[^>]+\son\w+\s*=", lowered), html
    for href in re.findall(r'<a [^>]*href="([^"]*)"', html):
        assert href.startswith(("http://", "https://", "mailto:")), href


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_is_rendered_harmless(text: str) -> None:
    _has_no_active_content(render_markdown(text))


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("<b>raw</b> and <script>alert(1)</script>")
    assert "&lt;b&gt;raw&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html


def test_markdown_is_rendered() -> None:
    html = render_markdown(
        "# Minutes\n\n**Decided:** the *youth* forum.\n\n- one\n- two\n\n"
        "[Programme](https://example.org/p) and <mailto:office@example.org>"
    )
    assert "<h2>Minutes</h2>" in html
    assert "<strong>Decided:</strong>" in html
    assert "<em>youth</em>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://example.org/p" rel="noopener noreferrer">Programme</a>' in html


def test_template_filter_escapes_and_renders() -> None:
    template = Template("{% load markdown %}{{ text|markdown }}")
    html = template.render(Context({"text": "*x* <script>y</script>"}))
    assert "<em>x</em>" in html
    assert "<script>" not in html


def test_empty_text() -> None:
    assert render_markdown("") == ""
