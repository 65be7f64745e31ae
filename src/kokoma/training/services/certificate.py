"""Certificates: issued by the programme office to those who completed their cohort, revoked
with a reason when issued in error."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.services import save_audited

from ..models import Certificate, Cohort, Enrolment
from ..queries import cohort_progress


def _completed_on(enrolment: Enrolment) -> datetime.datetime:
    """The day the rule was met: the last session, or the acceptance of the project if later."""
    last = enrolment.cohort.sessions.order_by("-ends_at").values_list("ends_at", flat=True)[0]
    project = getattr(enrolment, "project", None)
    reviewed = project.reviewed_at if project is not None and project.reviewed_at else last
    return max(last, reviewed)


def _issue(enrolment: Enrolment, *, by: User) -> Certificate:
    cohort = enrolment.cohort
    modules = [
        {"title": module.title, "hours": str(module.hours)} for module in cohort.modules.all()
    ]
    certificate = Certificate(
        enrolment=enrolment,
        holder_name=enrolment.participant.display_name,
        cohort_title=cohort.title,
        modules=modules,
        hours=sum((module.hours for module in cohort.modules.all()), start=Decimal(0)),
        completed_on=timezone.localdate(_completed_on(enrolment)),
        issued_by=by,
    )
    return save_audited(certificate, by=by, municipality=enrolment.municipality)


@transaction.atomic
def issue_certificates(cohort: Cohort, *, by: User) -> list[Certificate]:
    """A certificate for every enrolled participant who completed the cohort and has none yet."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    enrolled = list(
        cohort.enrolments.enrolled()
        .filter(certificate__isnull=True)
        .select_related("participant", "municipality", "project")
    )
    progress = cohort_progress(cohort, enrolled)
    completed = [enrolment for enrolment in enrolled if progress[enrolment.pk].completed]
    if not completed:
        raise ValidationError(_("Nobody without a certificate has completed this cohort (yet)."))
    return [_issue(enrolment, by=by) for enrolment in completed]


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, by: User, reason: str) -> Certificate:
    """Mark a certificate revoked (issued in error …); the verification page and the revocation
    list say so from now on. It stays stored, as the record of what was issued."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("This certificate has already been revoked."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give the reason for the revocation.")})
    certificate.revoked_at, certificate.revoked_by = timezone.now(), by
    certificate.revocation_reason = reason
    enrolment = Enrolment.objects.select_related("municipality").get(pk=certificate.enrolment_id)
    return save_audited(certificate, by=by, municipality=enrolment.municipality)
