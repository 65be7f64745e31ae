"""Cohorts and their sessions: read by everybody signed in, kept by the programme office; the
trainers record attendance and share materials."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import login_only, programme_permission
from kokoma.core.uploads import download
from kokoma.core.viewutils import call_service

from .. import services
from ..access import cohort_permission
from ..forms import AttendanceForm, CohortForm, MaterialForm, SessionForm
from ..models import Cohort, EnrolmentStatus, SessionMaterial, TrainingSession
from ..queries import cohort_progress


def _cohort_url(cohort: Cohort) -> str:
    return reverse("training:cohort_detail", kwargs={"cohort_id": cohort.pk})


def _session_url(session: TrainingSession) -> str:
    return reverse(
        "training:session_detail",
        kwargs={"cohort_id": session.cohort_id, "session_id": session.pk},
    )


def _form_page(
    request: HttpRequest,
    form: object,
    *,
    title: str,
    back_url: str,
    cohort: Cohort | None = None,
    delete_url: str = "",
    multipart: bool = False,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "training/form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "cohort": cohort,
            "delete_url": delete_url,
            "multipart": multipart,
            "intro": intro,
        },
    )


@login_only
@require_safe
def cohort_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    cohorts = list(Cohort.objects.visible_to(user).with_dates())
    mine = {
        cohort_id: EnrolmentStatus(status).label
        for cohort_id, status in user.enrolments.values_list("cohort_id", "status")
    }
    taught = set(Cohort.objects.taught_by(user).values_list("pk", flat=True))
    return render(
        request,
        "training/cohort_list.html",
        {
            "rows": [(cohort, mine.get(cohort.pk), cohort.pk in taught) for cohort in cohorts],
            "can_manage": user.has_perm("training.manage_cohorts"),
            "today": timezone.localdate(),
        },
    )


@programme_permission("training.manage_cohorts")
@require_http_methods(["GET", "POST"])
def cohort_add(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        modules = data.pop("modules")
        cohort = call_service(form, services.add_cohort, by=_user(request), modules=modules, **data)
        if cohort is not None:
            messages.success(request, _("The cohort was created. Now add its sessions."))
            return redirect(_cohort_url(cohort))
    return _form_page(
        request, form, title=_("New cohort"), back_url=reverse("training:cohort_list")
    )


@cohort_permission("training.view_cohort")
@require_safe
def cohort_detail(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    user = _user(request)
    sessions = list(cohort.sessions.select_related("module").prefetch_related("trainers"))
    enrolment = cohort.enrolments.filter(participant=user).first()
    may_teach = user.has_perm("training.teach", cohort)
    enrolled = []
    progress = {}
    if may_teach:
        enrolled = list(cohort.enrolments.enrolled().select_related("participant", "municipality"))
        progress = cohort_progress(cohort, enrolled)
    return render(
        request,
        "training/cohort_detail.html",
        {
            "cohort": cohort,
            "sessions": sessions,
            "modules": list(cohort.modules.all()),
            "now": timezone.now(),
            "enrolment": enrolment,
            "participants": [(row, progress[row.pk]) for row in enrolled],
            "counts": {
                "enrolled": cohort.enrolments.enrolled().count(),
                "waiting": cohort.enrolments.waiting_list().count(),
            },
            "can": {
                "manage": user.has_perm("training.manage_cohort", cohort),
                "teach": may_teach,
                "apply": user.has_perm("training.apply", cohort),
            },
        },
    )


@cohort_permission("training.manage_cohort")
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        modules = data.pop("modules")
        saved = call_service(
            form, services.change_cohort, cohort, by=_user(request), modules=modules, **data
        )
        if saved is not None:
            messages.success(request, _("The cohort was saved."))
            return redirect(_cohort_url(saved))
    return _form_page(
        request, form, title=_("Edit cohort"), back_url=_cohort_url(cohort), cohort=cohort
    )


def _session(cohort: Cohort, session_id: int) -> TrainingSession:
    return get_object_or_404(cohort.sessions.select_related("module"), pk=session_id)


def _session_fields(form: SessionForm) -> dict[str, object]:
    data = dict(form.cleaned_data)
    data["trainers"] = list(data.pop("trainers"))
    return data


@cohort_permission("training.manage_cohort")
@require_http_methods(["GET", "POST"])
def session_add(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = call_service(
            form,
            services.add_session,
            cohort,
            by=_user(request),
            **_session_fields(form),  # type: ignore[arg-type]
        )
        if session is not None:
            messages.success(request, _("The session was added."))
            return redirect(_cohort_url(cohort))
    return _form_page(
        request, form, title=_("Add a session"), back_url=_cohort_url(cohort), cohort=cohort
    )


@cohort_permission("training.view_cohort")
@require_safe
def session_detail(request: HttpRequest, cohort: Cohort, session_id: int) -> HttpResponse:
    user = _user(request)
    session = _session(cohort, session_id)
    may_see_materials = user.has_perm("training.view_materials", cohort)
    return render(
        request,
        "training/session_detail.html",
        {
            "cohort": cohort,
            "session": session,
            "trainers": list(session.trainers.all()),
            "materials": list(session.materials.all()) if may_see_materials else None,
            "can": {
                "manage": user.has_perm("training.manage_cohort", cohort),
                "teach": user.has_perm("training.teach", cohort),
            },
        },
    )


@cohort_permission("training.manage_cohort")
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, cohort: Cohort, session_id: int) -> HttpResponse:
    session = _session(cohort, session_id)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.change_session,
            session,
            by=_user(request),
            **_session_fields(form),  # type: ignore[arg-type]
        )
        if saved is not None:
            messages.success(request, _("The session was saved."))
            return redirect(_session_url(saved))
    delete_url = reverse(
        "training:session_delete", kwargs={"cohort_id": cohort.pk, "session_id": session.pk}
    )
    return _form_page(
        request,
        form,
        title=_("Edit session"),
        back_url=_session_url(session),
        cohort=cohort,
        delete_url=delete_url,
    )


@cohort_permission("training.manage_cohort")
@require_POST
def session_delete(request: HttpRequest, cohort: Cohort, session_id: int) -> HttpResponse:
    session = _session(cohort, session_id)
    try:
        services.delete_session(session, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_session_url(session))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": session})
    return redirect(_cohort_url(cohort))


@cohort_permission("training.teach")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, cohort: Cohort, session_id: int) -> HttpResponse:
    """The trainer's list of a session: one row per participant, three choices, one button."""
    session = _session(cohort, session_id)
    enrolments = list(cohort.enrolments.enrolled().select_related("participant"))
    form = AttendanceForm(request.POST or None, session=session, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.record_attendance, session, by=_user(request), statuses=form.statuses()
        )
        if saved is not None:
            messages.success(request, _("The attendance was saved."))
            return redirect(_session_url(session))
    return render(
        request,
        "training/attendance.html",
        {"cohort": cohort, "session": session, "form": form, "begun": session.has_begun},
    )


@cohort_permission("training.teach")
@require_http_methods(["GET", "POST"])
def material_add(request: HttpRequest, cohort: Cohort, session_id: int) -> HttpResponse:
    session = _session(cohort, session_id)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = call_service(
            form,
            services.upload_material,
            session,
            by=_user(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if material is not None:
            messages.success(request, _("The material was uploaded."))
            return redirect(_session_url(session))
    return _form_page(
        request,
        form,
        title=_("Add material"),
        back_url=_session_url(session),
        cohort=cohort,
        multipart=True,
        intro=_("Participants, trainers and the programme office of this cohort can download it."),
    )


def _material(cohort: Cohort, material_id: int) -> SessionMaterial:
    return get_object_or_404(
        SessionMaterial.objects.select_related("session"), pk=material_id, session__cohort=cohort
    )


@cohort_permission("training.view_materials")
@require_safe
def material_download(request: HttpRequest, cohort: Cohort, material_id: int) -> HttpResponseBase:
    material = _material(cohort, material_id)
    return download(material.file, title=material.title, content_type=material.content_type)


@cohort_permission("training.teach")
@require_POST
def material_delete(request: HttpRequest, cohort: Cohort, material_id: int) -> HttpResponse:
    material = _material(cohort, material_id)
    services.delete_material(material, by=_user(request))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": material})
    return redirect(_session_url(material.session))
