"""The demo's supervision pool: two supervisors with past and upcoming individual and group
slots, bookings by the demo's process companions, and past sessions with notes (invented,
sober, naming nobody). Through the services only."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.supervision import services
from kokoma.supervision.models import Slot

DOMAIN = "kokoma.example"

NOTES = [
    "Thema: Rollenklärung im Tandem. Vereinbart: Zuständigkeiten für die Gesprächsanfragen der "
    "Verwaltung schriftlich festhalten und beim nächsten Tandemtreffen abstimmen.",
    "Thema: Umgang mit Druck aus der Lokalpolitik. Die Supervisandin prüft, welche Informationen "
    "sie weitergibt, und spricht die Erwartungen beim Auftraggeber offen an.",
    "Fallbesprechung (ohne Namen): Ein Runder Tisch droht zu kippen. Nächster Schritt: "
    "Einzelgespräche vor der nächsten Sitzung, Grenzen der eigenen Vermittlung benennen.",
    "Gruppensitzung: Austausch über Belastung nach einer aufgeheizten Bürgerversammlung. "
    "Verabredet: kollegiale Nachbesprechung innerhalb einer Woche nach solchen Terminen.",
    "Thema: Allparteilichkeit, wenn eine Seite Demokratie ablehnt. Klärung der eigenen Haltung "
    "und der Grenze zwischen Vermittlung und Positionierung.",
]

# (days ago, hour, kind, capacity, supervisor, who booked, topic)
PAST = [
    (150, 10, "individual", 1, "supervision", ["extern"], "Rollenklärung"),
    (136, 14, "individual", 1, "supervision", ["lokal.cottbus"], ""),
    (122, 9, "group", 6, "supervision", ["extern", "lokal.cottbus", "lokal.bautzen"], "Fallarbeit"),
    (108, 10, "individual", 1, "supervision2", ["lokal.bautzen"], ""),
    (94, 15, "individual", 1, "supervision", ["extern2"], ""),
    (80, 10, "individual", 1, "supervision2", ["lokal.greifswald"], ""),
    (66, 14, "group", 6, "supervision2", ["extern", "extern2", "lokal.greifswald"], "Belastung"),
    (52, 10, "individual", 1, "supervision", ["lokal.cottbus"], ""),
    (45, 9, "individual", 1, "supervision", ["extern"], ""),
    (38, 11, "individual", 1, "supervision2", ["lokal.bautzen"], ""),
    (31, 10, "individual", 1, "supervision", ["extern2"], ""),
    (24, 14, "individual", 1, "supervision2", ["lokal.cottbus"], ""),
    (17, 10, "individual", 1, "supervision", ["lokal.greifswald"], ""),
    (10, 9, "group", 6, "supervision", ["extern", "lokal.cottbus", "lokal.bautzen", "extern2"], ""),
    (5, 10, "individual", 1, "supervision2", ["extern"], "Allparteilichkeit"),
]


def _user(key: str) -> User:
    return User.objects.get(email=f"{key}@{DOMAIN}")


def _moment(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_demo_supervision(office: User) -> None:
    if Slot.objects.exists():
        return
    services.change_pool_rules(
        by=office,
        cancellation_hours=48,
        note_for_supervisees=(
            "Supervision steht allen Prozessbegleiter:innen offen, bis zu sechs Sitzungen im "
            "Jahr. Fragen beantwortet die Servicestelle."
        ),
    )
    for index, (days_ago, hour, kind, capacity, supervisor, booked, topic) in enumerate(PAST):
        starts = _moment(-days_ago, hour)
        offered = starts - datetime.timedelta(days=21)
        (slot,) = services.offer_slots(
            by=_user(supervisor),
            kind=kind,
            capacity=capacity,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=120 if kind == "group" else 90),
            place="Servicestelle, Besprechungsraum 2" if kind == "group" else "",
            online_link="" if kind == "group" else "https://video.kokoma.example/supervision",
            topic=topic,
            at=offered,
        )
        for number, key in enumerate(booked):
            services.book(slot, by=_user(key), at=offered + datetime.timedelta(days=1 + number))
        if index % 3 != 2:
            services.add_note(slot, by=_user(supervisor), text=NOTES[index % len(NOTES)])
    neumeier, hallwachs = _user("supervision"), _user("supervision2")
    upcoming = [
        services.offer_slots(
            by=neumeier,
            starts_at=_moment(6, 10),
            ends_at=_moment(6, 10) + datetime.timedelta(minutes=90),
            online_link="https://video.kokoma.example/supervision",
        )[0],
        services.offer_slots(
            by=neumeier,
            kind=Slot.Kind.GROUP,
            capacity=6,
            starts_at=_moment(13, 9),
            ends_at=_moment(13, 11),
            place="Servicestelle, Besprechungsraum 2",
            topic="Gruppensupervision für Tandems",
        )[0],
    ]
    series = services.offer_slots(
        by=hallwachs,
        starts_at=_moment(3, 14),
        ends_at=_moment(3, 14) + datetime.timedelta(minutes=90),
        online_link="https://video.kokoma.example/hallwachs",
        repeat=services.Repeat.WEEKLY,
        occurrences=4,
    )
    services.book(upcoming[0], by=_user("extern"))
    services.book(upcoming[1], by=_user("lokal.bautzen"))
    services.book(upcoming[1], by=_user("extern2"))
    services.book(series[1], by=_user("lokal.greifswald"))
