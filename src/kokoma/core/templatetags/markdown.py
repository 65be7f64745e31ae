from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from kokoma.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """`{{ text|markdown }}`: the Markdown as sanitised HTML (`kokoma.core.markdown`)."""
    return render_markdown(text or "")
