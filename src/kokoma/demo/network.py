"""The demo's network: the municipalities' profiles, two experts (one with a demo login), a past
network meeting with its record and an upcoming conference day that is full, with a waiting list.
Invented, naming nobody real. Through the services only."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.network import services
from kokoma.network.models import Event, EventKind, Member, Sector
from kokoma.taxonomy.models import Term, TermKind

DOMAIN = "kokoma.example"

# AGS → (about, offer, topics)
PROFILES = {
    "12052000": (
        "Großstadt in der Lausitz im Strukturwandel. Die Koordinierungsstelle Integration und das "
        "Jugendamt bearbeiten gemeinsam Konflikte um öffentliche Räume und Zuwanderung.",
        "Erfahrungen mit Bürgerforen im Quartier und mit einem Runden Tisch zu Jugendtreffpunkten; "
        "Hospitationen nach Absprache.",
        ["Nutzung öffentlicher Raum", "Flucht/Migration", "Jugend"],
    ),
    "14625020": (
        "Zweisprachige Kreisstadt in der Oberlausitz. Die Stabsstelle Bürgerbeteiligung "
        "koordiniert das Konfliktmanagement.",
        "Wie eine Verwaltung mit Versammlungen umgeht, die das Stadtklima aufheizen; "
        "Kurzvortrag bei Netzwerktreffen möglich.",
        ["Rechtsextremismus", "Kommunalpolitik"],
    ),
    "13075039": (
        "Universitäts- und Hansestadt an der Ostsee; ein Präventionsrat bündelt die Arbeit.",
        "Moderierte Dialoge zwischen Stadtgesellschaft und Hochschule.",
        ["Wohnen", "Verschwörungserzählungen"],
    ),
}

# (key, name, organisation, sector, topics, about, offer) — the first has a demo login
EXPERTS = [
    (
        "expertin",
        "Prof. Dr. Leonie Harthausen",
        "Institut für Konflikt- und Gewaltforschung (erfunden)",
        Sector.SCIENCE,
        ["Rechtsextremismus", "Kommunalpolitik"],
        "Forscht zu lokalen Konflikten um Demokratie und Zusammenhalt in Klein- und Mittelstädten.",
        "Einordnung von Lagebildern, Vorträge zu Polarisierung, Begleitung von Evaluationen.",
    ),
    (
        "mediation.praxis",
        "Malte Ostendorf",
        "Mediationsbüro Nordwest (erfunden)",
        Sector.PRACTICE,
        ["Nutzung öffentlicher Raum", "Jugend"],
        "Mediator mit Schwerpunkt auf Konflikten um öffentliche Räume.",
        "Kollegiale Beratung zu Verfahrenswahl und Moderation großer Gruppen.",
    ),
]

PAST_DOCUMENTATION = """\
## Ergebnisse

- Drei Kommunen stellten vor, wie sie Meldungen auswerten; das **gemeinsame Raster** für die
  Ersteinschätzung wird bis zum nächsten Treffen erprobt.
- Offene Frage an das Netzwerk: Wie halten Tandems Kontakt zu Akteur:innen, die Gespräche ablehnen?

## Verabredungen

1. Die Servicestelle sammelt Beispiele für Vereinbarungen aus Runden Tischen.
2. Nächstes Netzwerktreffen im Frühjahr, Schwerpunkt Jugend.
"""


def _user(key: str) -> User:
    return User.objects.get(email=f"{key}@{DOMAIN}")


def _topics(names: list[str]) -> list[Term]:
    return list(Term.objects.filter(kind=TermKind.TOPIC, name__in=names))


def _moment(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_demo_network(office: User) -> None:
    if Event.objects.exists():
        return
    for ags, (about, offer, topics) in PROFILES.items():
        member = Member.objects.get(municipality__register__ags=ags)
        services.change_member(member, by=office, about=about, offer=offer, topics=_topics(topics))
    for key, name, organisation, sector, topics, about, offer in EXPERTS:
        services.invite_expert(
            by=office,
            email=f"{key}@{DOMAIN}",
            display_name=name,
            organisation=organisation,
            sector=sector,
            topics=_topics(topics),
            about=about,
            offer=offer,
        )
    expert = _user("expertin")

    # The past network meeting: registered while it lay ahead, then held.
    past = services.create_event(
        by=office,
        organisers=[office],
        title="Netzwerktreffen Herbst",
        kind=EventKind.NETWORK_MEETING,
        summary="Die Kommunen des Programms tauschen sich über die Auswertung von Meldungen aus.",
        programme="## Ablauf\n\n- 10:00 Ankommen\n- 10:30 Berichte aus drei Kommunen\n"
        "- 13:00 Werkstattgespräche\n- 15:30 Verabredungen",
        starts_at=_moment(7, 10),
        ends_at=_moment(7, 16),
        place="Tagungszentrum am Bahnhof, Leipzig",
        capacity=30,
    )
    for key in ("lokal.cottbus", "lokal.bautzen", "extern", "lokal.greifswald", "expertin"):
        services.register(past, by=_user(key))
    services.change_event(past, by=office, starts_at=_moment(-40, 10), ends_at=_moment(-40, 16))
    services.set_documentation(past, by=office, documentation=PAST_DOCUMENTATION)
    services.add_document(
        past,
        by=office,
        title="Raster für die Ersteinschätzung (Entwurf)",
        upload=SimpleUploadedFile(
            "raster-ersteinschaetzung.txt",
            "Raster für die Ersteinschätzung – Entwurf aus dem Netzwerktreffen\n".encode(),
            content_type="text/plain",
        ),
    )

    # The upcoming conference day: full, two people on the waiting list.
    upcoming = services.create_event(
        by=office,
        organisers=[office, expert],
        title="Fachtag: Polarisierung vor Ort begegnen",
        kind=EventKind.CONFERENCE,
        summary="Vorträge und Werkstätten dazu, wie Kommunen mit aufgeheizten Debatten umgehen.",
        programme="## Vormittag\n\nVortrag von Prof. Dr. Leonie Harthausen, danach Fragen.\n\n"
        "## Nachmittag\n\nDrei Werkstätten: Bürgerforen, Runde Tische, Umgang mit Drohungen.",
        starts_at=_moment(21, 9),
        ends_at=_moment(21, 16),
        place="Rathaus Cottbus, Stadtverordnetensaal",
        capacity=3,
        registration_deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    for key in ("lokal.cottbus", "lokal.bautzen", "extern2", "akteur.bautzen", "trainer"):
        services.register(upcoming, by=_user(key))
    services.create_event(
        by=office,
        title="Online-Sprechstunde: Fragen an die Servicestelle",
        kind=EventKind.ONLINE,
        summary="Eine Stunde für Fragen zum Programm; eine kurze Anmeldung hilft bei der Planung.",
        starts_at=_moment(10, 14),
        ends_at=_moment(10, 15),
        online_link="https://konferenz.kokoma.example/sprechstunde",
        capacity=None,
    )
