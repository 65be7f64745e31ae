"""The demo's transfer models: a round table for disputes over public space from Cottbus, with
closed cases of its history as evidence, adopted by Greifswald with a report back, and a model of the programme office for early assessment of
observations, not yet adopted. Invented, naming nobody real. Through the services only."""

from __future__ import annotations

from kokoma.accounts.models import User
from kokoma.municipalities.models import Municipality
from kokoma.outcomes.models import SharedCase
from kokoma.taxonomy.models import Term, TermKind
from kokoma.transfer import services
from kokoma.transfer.models import Rating, TransferModel

DOMAIN = "kokoma.example"
COTTBUS, GREIFSWALD = "12052000", "13075039"


def _user(key: str) -> User:
    return User.objects.get(email=f"{key}@{DOMAIN}")


def _terms(kind: str, names: list[str]) -> list[Term]:
    return list(Term.objects.filter(kind=kind, name__in=names))


def load_demo_transfer(office: User) -> None:
    if TransferModel.objects.exists():
        return
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    greifswald = Municipality.objects.get(register__ags=GREIFSWALD)
    local = _user("lokal.cottbus")
    round_table = services.create_model(
        by=local,
        title="Runder Tisch für umstrittene öffentliche Räume",
        summary="Wenn Jugendliche, Anwohnende und Gewerbe um einen Platz streiten: ein "
        "moderierter Runder Tisch mit klaren Regeln und einer Vereinbarung, die überprüft wird.",
        problem="Ein Platz wird abends zum Treffpunkt; Beschwerden, Polizeieinsätze und "
        "Debatten in sozialen Medien heizen sich gegenseitig auf. Die Beteiligten reden "
        "übereinander statt miteinander.",
        target_group="Kommunen mit Konflikten um die Nutzung öffentlicher Räume, Glasl-Stufen "
        "3 bis 5.",
        approach="1. **Einzelgespräche** mit allen Gruppen (Pendeldiplomatie).\n"
        "2. **Runder Tisch** mit externer Moderation, höchstens drei Sitzungen.\n"
        "3. **Vereinbarung** mit Zuständigkeiten und einem Termin zur Überprüfung.\n"
        "4. **Nachsorge** nach drei Monaten.",
        structures_and_roles="Tandem lädt ein; das Jugendamt und das Ordnungsamt sitzen mit am "
        "Tisch; eine externe Moderation leitet.",
        conditions_for_success="Die Verwaltungsspitze trägt das Verfahren mit; alle Gruppen "
        "sind vertreten, auch die Jugendlichen selbst.",
        resources_needed="Etwa 40 Stunden des Tandems, Honorar für die Moderation, ein Raum "
        "nahe dem Platz.",
        evidence="In Cottbus deeskalierte der Konflikt um den Stadthallenvorplatz innerhalb von "
        "vier Monaten; die Vereinbarung wurde bei der Überprüfung eingehalten.",
        source_municipality=cottbus,
        published=True,
        topics=_terms(TermKind.TOPIC, ["Nutzung öffentlicher Raum", "Jugend"]),
        procedures=_terms(TermKind.PROCEDURE, ["Runder Tisch", "Pendeldiplomatie/Einzelgespräche"]),
        # the round tables of Cottbus's history, shared with the network
        evidence_cases=list(
            SharedCase.objects.shared()
            .filter(case__municipality=cottbus, title__startswith="Jugendtreffpunkt")
            .order_by("-closed_month")[:3]
        ),
    )
    services.take_procedure(round_table, by=local, municipality=cottbus)
    services.save_checklist(
        round_table,
        by=local,
        band=2,
        title="Runden Tisch vorbereiten",
        introduction="Vor der ersten Sitzung.",
        items="Alle Gruppen in Einzelgesprächen gehört\nModeration extern vergeben\n"
        "Gesprächsregeln schriftlich vorbereitet\nVerwaltungsspitze informiert",
    )
    services.save_checklist(
        round_table,
        by=local,
        band=2,
        title="Vereinbarung überprüfen",
        introduction="Drei Monate nach der Vereinbarung.",
        items="Termin zur Überprüfung mit allen Beteiligten\nEingehaltene und gebrochene Punkte "
        "festgehalten\nErgebnis an alle Beteiligten zurückgemeldet",
    )
    adoption = services.adopt(round_table, by=_user("lokal.greifswald"), municipality=greifswald)
    services.report(
        adoption,
        by=_user("lokal.greifswald"),
        rating=Rating.PARTLY,
        text="Der Runde Tisch zum Hafenvorplatz kam zustande; die Jugendlichen erreichten wir "
        "erst über die Streetwork. Die Checkliste zur Vorbereitung hat sich bewährt.",
    )

    services.create_model(
        by=office,
        title="Ersteinschätzung von Meldungen im Tandem",
        summary="Ein festes Raster, mit dem das Tandem jede Meldung binnen einer Woche "
        "einschätzt: Dringlichkeit, Gefährdung, Zuständigkeit.",
        problem="Meldungen blieben liegen oder wurden je nach Person verschieden eingeschätzt.",
        approach="Das Tandem trifft sich wöchentlich 30 Minuten und geht jede neue Meldung mit "
        "dem Raster durch; Ergebnis und nächster Schritt werden am Fall festgehalten.",
        conditions_for_success="Ein fester Termin; beide Hälften des Tandems entscheiden "
        "gemeinsam.",
        resources_needed="30 Minuten pro Woche.",
        published=True,
        topics=_terms(TermKind.TOPIC, ["Kommunalpolitik"]),
        procedures=_terms(TermKind.PROCEDURE, ["Konfliktberatung"]),
    )
