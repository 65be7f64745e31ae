"""PDF answers: HTML rendered by WeasyPrint (docs/decisions/0005-pdf-with-weasyprint.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Our PDFs carry everything inline; nothing is fetched, from the network or from disk."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDF rendering fetches nothing: {url}")


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango costs time at start-up

    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def pdf_response(request: HttpRequest, html: str, *, filename: str) -> HttpResponse:
    """The HTML as a PDF download; never cached, since it may hold need-to-know data."""
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
