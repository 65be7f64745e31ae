"""Demo data of the early warning: default thresholds and responses, and alerts from the check."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import Membership, MembershipRole
from kokoma.cases import services as services_cases
from kokoma.cases.models import Case, EscalationAssessment
from kokoma.demo.clock import Clock
from kokoma.municipalities.models import Municipality
from kokoma.observations.models import Observation
from kokoma.observations.services import record_observation
from kokoma.prevention import services
from kokoma.prevention.models import Alert, AlertKind
from kokoma.taxonomy.models import Term, TermKind

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


# A burst of sticker reports in one week: the check shows a topic alert (threshold 3 a week).
STICKER_TOWN = "14625020"  # Bautzen
STICKER_TOPIC = "Rechtsextremismus"
STICKER_REPORTS = [
    (1, "Bahnhofsvorplatz", "Aufkleber mit rechtsextremen Parolen an Laternenmasten."),
    (
        2,
        "Schülerstraße",
        "Neue Aufkleber einer rechtsextremen Kleinstpartei an der Bushaltestelle.",
    ),
    (2, "Kornmarkt", "Schmiererei mit verbotenem Symbol an einer Hauswand."),
    (3, "Stadtbibliothek", "Aufkleber am Eingang, bereits von Mitarbeitenden entfernt."),
]


def _sticker_burst(today: datetime.date) -> None:
    """Invented reports within the current week, once (the descriptions are the marker)."""
    municipality = Municipality.objects.filter(register__ags=STICKER_TOWN).first()
    topic = Term.objects.filter(kind=TermKind.TOPIC, name=STICKER_TOPIC).first()
    if municipality is None or topic is None:
        return
    clock = Clock()
    start_of_week = today - datetime.timedelta(days=today.weekday())
    for days_ago, place, description in STICKER_REPORTS:
        if Observation.objects.filter(municipality=municipality, description=description).exists():
            continue
        occurred_on = max(start_of_week, today - datetime.timedelta(days=days_ago))
        record_observation(
            municipality=municipality,
            by=None,
            topics=[topic],
            occurred_on=occurred_on,
            place=place,
            description=description,
            source=Observation.Source.CIVIL_SOCIETY,
            is_incident=True,
            at=clock.at((today - occurred_on).days, description),
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
        if tandem is not None:
            services_cases.assess_escalation(
                case,
                by=tandem.user,
                stage=7,
                assessed_on=today - datetime.timedelta(days=4),
                rationale=ESCALATION_RATIONALE,
            )
    _sticker_burst(today)
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
