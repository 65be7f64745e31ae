"""Demo data of the early warning: default thresholds and responses, and alerts from the check."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import Membership, MembershipRole
from kokoma.cases.models import Case, EscalationAssessment
from kokoma.municipalities.models import Municipality

from . import services
from .models import Alert, AlertKind

# The cases demo ends every trajectory with a de-escalation; one invented recent assessment
# lets the check show a rapid escalation into stage 7.
ESCALATING_CASE = "Proteste gegen Gemeinschaftsunterkunft Sachsendorf"
ESCALATION_RATIONALE = (
    "Nach einem Brandanschlag auf ein Fahrzeug des Wachdienstes und Drohschreiben an "
    "Unterstützende schätzt das Tandem die Lage deutlich schärfer ein."
)
ACKNOWLEDGEMENT = (
    "Fallteam hat sich am Folgetag getroffen; Gespräch mit der Verwaltungsspitze und der "
    "Polizei ist vereinbart."
)


def load_demo_prevention() -> None:
    """Idempotent: settings and response plans per municipality, one escalation, the check."""
    for municipality in Municipality.objects.with_register():
        services.settings_for(municipality)
    today = timezone.localdate()
    case = Case.objects.filter(title=ESCALATING_CASE).select_related("municipality").first()
    needs_escalation = (
        case is not None
        and case.closed_at is None
        and not EscalationAssessment.objects.filter(
            case=case, actor__isnull=True, rationale=ESCALATION_RATIONALE
        ).exists()
    )
    if case is not None and needs_escalation:
        tandem = Membership.objects.filter(
            municipality=case.municipality, role=MembershipRole.LOCAL_COMPANION
        ).first()
        EscalationAssessment.objects.create(
            case=case,
            stage=7,
            assessed_on=today - datetime.timedelta(days=4),
            rationale=ESCALATION_RATIONALE,
            assessor=tandem.user if tandem else None,
        )
    services.run_check(today=today)
    climb = (
        Alert.objects.filter(case=case, kind=AlertKind.STAGE_CLIMB).open().first()
        if case is not None
        else None
    )
    if climb is not None and not Alert.objects.filter(case=case).acknowledged().exists():
        local = Membership.objects.filter(
            municipality=climb.municipality, role=MembershipRole.LOCAL_COMPANION
        ).first()
        if local is not None:
            services.acknowledge_alert(climb, by=local.user, comment=ACKNOWLEDGEMENT)
