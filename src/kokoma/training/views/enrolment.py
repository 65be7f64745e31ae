"""Registrations: applying, the municipality's consent, the office's decision, the waiting list,
withdrawing, and each participant's progress and practice project."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.uploads import download
from kokoma.core.viewutils import call_service

from .. import services
from ..access import cohort_permission, enrolment_permission
from ..forms import (
    ApplicationForm,
    ConsentForm,
    DecisionForm,
    EnrolForm,
    ProjectForm,
    ReviewForm,
)
from ..models import (
    Certificate,
    Cohort,
    Consent,
    Enrolment,
    EnrolmentStatus,
    PracticeProject,
    ProjectStatus,
)
from ..queries import cohort_progress, enrolment_progress


def enrolment_url(enrolment: Enrolment) -> str:
    return reverse(
        "training:enrolment_detail",
        kwargs={"cohort_id": enrolment.cohort_id, "enrolment_id": enrolment.pk},
    )


def _placed_message(request: HttpRequest, enrolment: Enrolment) -> None:
    if enrolment.status == EnrolmentStatus.WAITING:
        messages.warning(
            request,
            _(
                "The cohort is full: %(name)s is number %(position)s on the waiting list and "
                "moves up when a place becomes free."
            )
            % {"name": enrolment.participant, "position": services.waiting_position(enrolment)},
        )
    else:
        messages.success(request, _("%(name)s is enrolled.") % {"name": enrolment.participant})


@cohort_permission("training.teach")
@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    """Everybody registered for the cohort, by status; the office enrols people directly."""
    user = _user(request)
    may_manage = user.has_perm("training.manage_cohort", cohort)
    form = None
    if may_manage:
        form = EnrolForm(
            request.POST or None, registered=cohort.enrolments.values("participant_id")
        )
        if request.method == "POST" and form.is_valid():
            enrolment = call_service(
                form,
                services.enrol,
                cohort,
                by=user,
                participant=form.cleaned_data["participant"],
                municipality=form.cleaned_data["municipality"],
                note=form.cleaned_data["note"],
            )
            if enrolment is not None:
                _placed_message(request, enrolment)
                return redirect("training:participants", cohort_id=cohort.pk)
    elif request.method == "POST":
        return redirect("training:participants", cohort_id=cohort.pk)
    registrations = list(
        cohort.enrolments.select_related("participant", "municipality__register")
        .annotate(certificate_code=F("certificate__code"))
        .order_by("status", "waiting_since", "created_at", "id")
    )
    enrolled = [row for row in registrations if row.status == EnrolmentStatus.APPROVED]
    progress = cohort_progress(cohort, enrolled)
    waiting = sorted(
        (row for row in registrations if row.status == EnrolmentStatus.WAITING),
        key=lambda row: (row.waiting_since, row.pk),
    )
    return render(
        request,
        "training/participants.html",
        {
            "cohort": cohort,
            "enrolled": [(row, progress[row.pk]) for row in enrolled],
            "applied": [row for row in registrations if row.status == EnrolmentStatus.APPLIED],
            "waiting": waiting,
            "ended": [
                row
                for row in registrations
                if row.status in (EnrolmentStatus.DECLINED, EnrolmentStatus.WITHDRAWN)
            ],
            "form": form,
            "can_issue": len(
                [
                    row
                    for row in enrolled
                    if progress[row.pk].completed and not row.certificate_code  # type: ignore[attr-defined]
                ]
            )
            if may_manage
            else 0,
        },
    )


@cohort_permission("training.apply")
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    user = _user(request)
    form = ApplicationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        enrolment = call_service(form, services.apply, cohort, by=user, **form.cleaned_data)
        if enrolment is not None:
            messages.success(
                request,
                _(
                    "Your application was sent. Your municipality's process companions are asked "
                    "for their consent; then the programme office decides."
                )
                if cohort.requires_consent
                else _("Your application was sent. The programme office decides on it."),
            )
            return redirect(enrolment_url(enrolment))
    return render(request, "training/apply.html", {"cohort": cohort, "form": form})


@enrolment_permission("training.view_enrolment")
@require_safe
def enrolment_detail(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    user = _user(request)
    project = PracticeProject.objects.filter(enrolment=enrolment).first()
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    may_review = user.has_perm("training.review_project", enrolment)
    attendance = {row.session_id: row for row in enrolment.attendance.all()}
    sessions = list(enrolment.cohort.sessions.all())
    return render(
        request,
        "training/enrolment_detail.html",
        {
            "cohort": enrolment.cohort,
            "enrolment": enrolment,
            "progress": enrolment_progress(enrolment) if enrolment.is_enrolled else None,
            "waiting_position": services.waiting_position(enrolment),
            "sessions": [(session, attendance.get(session.pk)) for session in sessions],
            "project": project,
            "certificate": certificate
            if certificate and user.has_perm("training.view_certificate", enrolment)
            else None,
            "own": enrolment.participant_id == user.pk,
            "can": {
                "decide": user.has_perm("training.decide_enrolment", enrolment)
                and enrolment.status == EnrolmentStatus.APPLIED,
                "consent": user.has_perm("training.consent", enrolment)
                and enrolment.consent == Consent.PENDING
                and enrolment.status == EnrolmentStatus.APPLIED,
                "revoke": user.has_perm("training.revoke_certificate", enrolment),
                "withdraw": user.has_perm("training.withdraw", enrolment)
                and certificate is None
                and enrolment.status
                in (EnrolmentStatus.APPLIED, EnrolmentStatus.WAITING, EnrolmentStatus.APPROVED),
                "submit": user.has_perm("training.submit_project", enrolment)
                and (project is None or project.status != ProjectStatus.ACCEPTED),
                "review": may_review
                and project is not None
                and project.status == ProjectStatus.SUBMITTED,
                "see_project": project is not None,
            },
        },
    )


def _answer(
    request: HttpRequest, enrolment: Enrolment, form: object, title: str, action: str
) -> HttpResponse:
    return render(
        request,
        "training/enrolment_form.html",
        {
            "cohort": enrolment.cohort,
            "enrolment": enrolment,
            "form": form,
            "title": title,
            "action": action,
        },
    )


@enrolment_permission("training.consent")
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.give_consent,
            enrolment,
            by=_user(request),
            given=form.cleaned_data["given"],
            note=form.cleaned_data["note"],
        )
        if saved is not None:
            messages.success(request, _("Your answer was saved."))
            return redirect(enrolment_url(saved))
    return _answer(request, enrolment, form, _("The municipality's consent"), "consent")


@enrolment_permission("training.decide_enrolment")
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.decide,
            enrolment,
            by=_user(request),
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
        if saved is not None:
            if saved.status == EnrolmentStatus.DECLINED:
                messages.success(request, _("The application was declined."))
            else:
                _placed_message(request, saved)
            return redirect(enrolment_url(saved))
    return _answer(request, enrolment, form, _("Decide on the application"), "decide")


@enrolment_permission("training.withdraw")
@require_POST
def withdraw(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    try:
        promoted = services.withdraw(enrolment, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(enrolment_url(enrolment))
    messages.success(request, _("The registration was withdrawn."))
    if promoted is not None and request.user.has_perm("training.manage_cohort", enrolment.cohort):
        messages.info(
            request,
            _("%(name)s moved up from the waiting list into the free place.")
            % {"name": promoted.participant},
        )
    return redirect(enrolment_url(enrolment))


@enrolment_permission("training.submit_project")
@require_http_methods(["GET", "POST"])
def project_submit(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    project = PracticeProject.objects.filter(enrolment=enrolment).first()
    initial = {"title": project.title, "summary": project.summary} if project else None
    form = ProjectForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.submit_project,
            enrolment,
            by=_user(request),
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            upload=form.cleaned_data["file"],
        )
        if saved is not None:
            messages.success(request, _("Your practice project was submitted to the trainers."))
            return redirect(enrolment_url(enrolment))
    return render(
        request,
        "training/project_form.html",
        {"cohort": enrolment.cohort, "enrolment": enrolment, "form": form, "project": project},
    )


@enrolment_permission("training.view_enrolment")
@require_safe
def project_download(request: HttpRequest, enrolment: Enrolment) -> HttpResponseBase:
    project = PracticeProject.objects.filter(enrolment=enrolment).first()
    if project is None:
        messages.info(request, _("No practice project has been submitted yet."))
        return redirect(enrolment_url(enrolment))
    return download(project.file, title=project.title, content_type=project.content_type)


@enrolment_permission("training.review_project")
@require_http_methods(["GET", "POST"])
def project_review(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    project = PracticeProject.objects.filter(enrolment=enrolment).first()
    if project is None:
        messages.info(request, _("No practice project has been submitted yet."))
        return redirect(enrolment_url(enrolment))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.review_project,
            project,
            by=_user(request),
            accept=form.cleaned_data["accept"],
            feedback=form.cleaned_data["feedback"],
        )
        if saved is not None:
            messages.success(request, _("Your feedback was sent to the participant."))
            return redirect(enrolment_url(enrolment))
    return _answer(request, enrolment, form, _("Review the practice project"), "review")
