"""Certificates: issued by the office for a cohort's completers, downloaded by their holders as
PDF and as an Open Badges 3.0 credential, revoked by the office with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.pdf import pdf_response
from kokoma.core.viewutils import call_service

from .. import credentials, services
from ..access import cohort_permission, enrolment_permission
from ..forms import RevokeForm
from ..models import Certificate, Cohort, Enrolment
from .enrolment import enrolment_url


def _certificate(enrolment: Enrolment) -> Certificate:
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if certificate is None:
        raise Http404
    return certificate


@cohort_permission("training.manage_cohort")
@require_POST
def issue(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    try:
        issued = services.issue_certificates(cohort, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Certificates issued: %(names)s.")
            % {"names": ", ".join(certificate.holder_name for certificate in issued)},
        )
    return redirect("training:participants", cohort_id=cohort.pk)


@enrolment_permission("training.view_certificate")
@require_safe
def certificate_pdf(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    certificate = _certificate(enrolment)
    url = credentials.verification_url(certificate)
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "verification_url": url,
            "qr": credentials.qr_data_uri(url),
            "issuer": credentials.issuer_name(),
        },
        request=request,
    )
    return pdf_response(
        request, html, filename=f"zertifikat-{slugify(certificate.holder_name)}.pdf"
    )


@enrolment_permission("training.view_certificate")
@require_safe
def certificate_credential(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    """The Open Badges 3.0 credential (VC-JWT) for the holder's wallet or backpack."""
    certificate = _certificate(enrolment)
    response = HttpResponse(
        credentials.signed_credential(certificate), content_type="application/vc+jwt"
    )
    filename = f"zertifikat-{slugify(certificate.holder_name)}.jwt"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@enrolment_permission("training.revoke_certificate")
@require_http_methods(["GET", "POST"])
def certificate_revoke(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    certificate = _certificate(enrolment)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.revoke_certificate,
            certificate,
            by=_user(request),
            reason=form.cleaned_data["reason"],
        )
        if saved is not None:
            messages.success(request, _("The certificate was revoked."))
            return redirect(enrolment_url(enrolment))
    return render(
        request,
        "training/certificate_revoke.html",
        {
            "cohort": enrolment.cohort,
            "enrolment": enrolment,
            "certificate": certificate,
            "form": form,
        },
    )
