"""Invented prevention measures for the demo municipalities (idempotent)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kokoma.accounts.models import Membership, User
from kokoma.municipalities.models import Municipality
from kokoma.prevention import services
from kokoma.prevention.models import PreventionMeasure
from kokoma.taxonomy.models import Term, TermKind


@dataclass(frozen=True)
class DemoMeasure:
    title: str
    description: str
    topics: tuple[str, ...]
    target_group: str
    organisation: str
    start_days_ago: int
    end_days_ago: int | None  # negative: in the future
    status: str
    result: str = ""
    companion_responsible: bool = True


Status = PreventionMeasure.Status
# The demo municipalities (see kokoma.demo.management.commands.load_demo).
DEMO_AGS = ("12052000", "14625020", "13075039", "07312000", "03252006")

MEASURES = [
    DemoMeasure(
        "Demokratiewerkstatt an Oberschulen",
        "Vier Projekttage zu Meinungsfreiheit, Diskriminierung und Umgang mit Hassrede im Netz.",
        ("Jugend", "Rechtsextremismus"),
        "Schüler:innen der Klassen 8 bis 10",
        "Jugendbildungsverein Brückenschlag e. V.",
        120,
        30,
        Status.DONE,
        "Rund 180 Schüler:innen erreicht; zwei Schulen wünschen eine Fortsetzung im Frühjahr.",
    ),
    DemoMeasure(
        "Nachbarschaftsdialog im Quartier",
        "Monatliche moderierte Gesprächsabende zu Zusammenleben, Lärm und Nutzung der Grünflächen.",
        ("Nutzung öffentlicher Raum", "Flucht/Migration"),
        "Bewohner:innen des Quartiers",
        "Quartiersmanagement Am Stadtpark",
        60,
        -120,
        Status.RUNNING,
        "",
        False,
    ),
    DemoMeasure(
        "Fortbildung Umgang mit Verschwörungserzählungen",
        "Halbtägige Fortbildung für Mitarbeitende von Bürgerbüro, Bibliothek und Jugendamt.",
        ("Verschwörungserzählungen",),
        "Mitarbeitende der Verwaltung mit Publikumsverkehr",
        "",
        -21,
        -21,
        Status.PLANNED,
    ),
]


def _topics() -> dict[str, Term]:
    return {term.name: term for term in Term.objects.filter(kind=TermKind.TOPIC)}


def _companion(municipality: Municipality) -> User | None:
    membership = (
        Membership.objects.companions()
        .filter(municipality=municipality)
        .select_related("user")
        .order_by("role")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def load_demo_situation() -> None:
    """A few prevention measures per demo municipality; safe to run twice."""
    today = timezone.localdate()
    topics = _topics()
    for municipality in Municipality.objects.with_register().filter(register__ags__in=DEMO_AGS):
        companion = _companion(municipality)
        if companion is None:
            continue
        existing = set(
            PreventionMeasure.objects.filter(municipality=municipality).values_list(
                "title", flat=True
            )
        )
        for spec in MEASURES:
            if spec.title in existing:
                continue
            starts_on = today - datetime.timedelta(days=spec.start_days_ago)
            ends_on = (
                today - datetime.timedelta(days=spec.end_days_ago)
                if spec.end_days_ago is not None
                else None
            )
            services.create_prevention_measure(
                municipality=municipality,
                by=companion,
                title=spec.title,
                description=spec.description,
                topics=[topics[name] for name in spec.topics if name in topics],
                target_group=spec.target_group,
                responsible=companion if spec.companion_responsible else None,
                organisation=spec.organisation,
                starts_on=starts_on,
                ends_on=ends_on,
                status=spec.status,
                result=spec.result,
            )
