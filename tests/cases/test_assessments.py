"""Assessment services: threat scores and Glasl stages, validated and audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kokoma.audit.models import AuditAction
from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    Case,
    EscalationAssessment,
    ThreatAssessment,
)

from ..conftest import Persona
from .helpers import audited

pytestmark = pytest.mark.django_db


def test_threat_assessment_is_saved_andaudited(case: Case, persona: Persona) -> None:
    threat = services.assess_threat(
        case, by=persona("local_a"), dimension="violence", score=3, rationale="Drohbriefe"
    )
    assert threat.assessed_on == datetime.date.today()  # noqa: DTZ011
    assert audited(threat, AuditAction.CREATE)


@pytest.mark.parametrize(("dimension", "score"), [("violence", 4), ("violence", -1), ("x", 1)])
def test_threat_assessment_refuses_bad_input(
    case: Case, persona: Persona, dimension: str, score: int
) -> None:
    with pytest.raises(ValidationError):
        services.assess_threat(
            case, by=persona("local_a"), dimension=dimension, score=score, rationale="r"
        )
    assert not ThreatAssessment.objects.filter(case=case).exists()


@pytest.mark.parametrize("stage", [0, 10, -3])
def test_escalation_stage_outside_1_to_9_is_refused(
    case: Case, persona: Persona, stage: int
) -> None:
    with pytest.raises(ValidationError):
        services.assess_escalation(case, by=persona("local_a"), stage=stage, rationale="r")
    assert not EscalationAssessment.objects.filter(case=case).exists()


def test_escalation_perspective_must_be_an_actor_of_the_case(
    case: Case, other_case: Case, persona: Persona
) -> None:
    foreign = Actor.objects.create(case=other_case, pseudonym="X", kind="person")
    with pytest.raises(ValidationError):
        services.assess_escalation(
            case, by=persona("local_a"), stage=4, rationale="r", actor=foreign
        )
    own = Actor.objects.create(case=case, pseudonym="Y", kind="person")
    assessment = services.assess_escalation(
        case, by=persona("local_a"), stage=4, rationale="r", actor=own
    )
    assert assessment.actor == own
    assert audited(assessment, AuditAction.CREATE)
