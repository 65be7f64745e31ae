from __future__ import annotations

from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context: template.Context, kind: str) -> str:
    """The list's own address with its filters, asking for all its rows as `kind`."""
    request: HttpRequest = context["request"]
    query = request.GET.copy()
    query.pop("seite", None)
    query["export"] = kind
    return f"{request.path}?{query.urlencode()}"
