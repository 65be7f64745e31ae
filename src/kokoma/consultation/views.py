"""The network's pages of peer consultation: shared consultations and their answers. They show
the consultation's own approved text only, never a field of the case (not even its reference)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import programme_permission
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, paginate

from . import services
from .access import consultation_permission
from .forms import AnswerForm
from .models import Consultation
from .pages import answers_by_phase

CONSULTATION_COLUMNS = [
    Column(gettext_lazy("Title"), lambda consultation: consultation.title),
    Column(gettext_lazy("Open since"), lambda consultation: consultation.approved_at),
    Column(gettext_lazy("Answers"), lambda consultation: consultation.answer_count),
]


@programme_permission("network.use_network")
@require_safe
def consultation_list(request: HttpRequest) -> HttpResponseBase:
    """The consultations open for answers."""
    consultations = (
        Consultation.objects.visible_to(_user(request))
        .open()
        .annotate(answer_count=Count("answers"))
        .only("pk", "title", "approved_at", "status")
        .order_by("-approved_at", "-pk")
    )
    if kind := export_kind(request):
        return export(consultations, CONSULTATION_COLUMNS, kind=kind, filename="fallberatungen")
    page, query = paginate(request, consultations)
    return render(request, "consultation/consultation_list.html", {"page": page, "query": query})


def _detail(
    request: HttpRequest, consultation: Consultation, form: AnswerForm | None
) -> HttpResponse:
    user = _user(request)
    may_answer = user.has_perm("consultation.answer_consultation", consultation)
    return render(
        request,
        "consultation/consultation_detail.html",
        {
            "consultation": consultation,
            "phases": answers_by_phase(consultation),
            "form": form or (AnswerForm() if may_answer else None),
            "may_answer": may_answer,
        },
    )


@consultation_permission("consultation.view_consultation")
@require_safe
def consultation_detail(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    return _detail(request, consultation, None)


@consultation_permission("consultation.answer_consultation")
@require_http_methods(["GET", "POST"])
def consultation_answer(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = call_service(
            form,
            services.answer_consultation,
            consultation,
            by=_user(request),
            **form.cleaned_data,
        )
        if answer is not None:
            messages.success(request, _("Thank you – your answer was sent to the case team."))
            return redirect("consultation:detail", consultation_id=consultation.pk)
    return _detail(request, consultation, form)
