"""Threat and Glasl escalation assessments of a case."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.services import save_audited

from ..models import (
    Actor,
    Case,
    EscalationAssessment,
    ThreatAssessment,
    ThreatDimension,
)


@transaction.atomic
def assess_threat(
    case: Case,
    *,
    by: User,
    dimension: str,
    score: int,
    rationale: str,
    assessed_on: datetime.date | None = None,
) -> ThreatAssessment:
    if dimension not in ThreatDimension.values:
        raise ValidationError(_("Please choose one of the threat dimensions."))
    if not 0 <= score <= 3:
        raise ValidationError(_("The score must be between 0 and 3."))
    assessment = ThreatAssessment(
        case=case,
        dimension=dimension,
        score=score,
        rationale=rationale,
        assessed_on=assessed_on or timezone.localdate(),
        assessor=by,
    )
    return save_audited(assessment, by=by, municipality=case.municipality)


@transaction.atomic
def assess_escalation(
    case: Case,
    *,
    by: User,
    stage: int,
    rationale: str,
    assessed_on: datetime.date | None = None,
    actor: Actor | None = None,
) -> EscalationAssessment:
    if not 1 <= stage <= 9:
        raise ValidationError(_("The Glasl stage must be between 1 and 9."))
    if actor is not None and actor.case_id != case.pk:
        raise ValidationError(_("The actor does not belong to this case."))
    assessment = EscalationAssessment(
        case=case,
        actor=actor,
        stage=stage,
        rationale=rationale,
        assessed_on=assessed_on or timezone.localdate(),
        assessor=by,
    )
    return save_audited(assessment, by=by, municipality=case.municipality)
