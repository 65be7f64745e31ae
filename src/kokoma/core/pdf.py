"""PDF answers: HTML rendered by WeasyPrint (docs/decisions/0005-pdf-with-weasyprint.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def pdf_response(request: HttpRequest, html: str, *, filename: str) -> HttpResponse:
    """The HTML as a PDF download; never cached, since it may hold need-to-know data."""
    from weasyprint import HTML  # imported here: loading pango costs time at start-up

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
