"""Markdown written by people (minutes of a meeting) as HTML that is safe to show.

Two locks, each enough on its own: markdown-it renders with raw HTML switched off (a `<script>`
in the text stays text), and nh3 (the Rust sanitiser ammonia) keeps only an allow-list of tags
and attributes of what comes out, links only to http, https and mailto, each with
`rel="noopener noreferrer"`.
"""

from __future__ import annotations

from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td", "del", "s",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# "js-default": no raw HTML, no linkify of bare text; tables and strikethrough on.
_markdown = MarkdownIt("js-default", {"html": False}).enable(["table", "strikethrough"])
# A heading `# ` in the minutes becomes h2 at most: the page's h1 is its own title.
_renderer: Any = _markdown.renderer
_renderer.rules["heading_open"] = lambda tokens, idx, options, env: (
    f"<h{min(int(tokens[idx].tag[1]) + 1, 6)}>"
)
_renderer.rules["heading_close"] = lambda tokens, idx, options, env: (
    f"</h{min(int(tokens[idx].tag[1]) + 1, 6)}>\n"
)


def render_markdown(text: str) -> SafeString:
    """`text` (Markdown) as sanitised HTML."""
    if not text:
        return mark_safe("")
    html = _markdown.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 with an allow-list
