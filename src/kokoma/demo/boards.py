"""The demo's advisory boards: a local board in Cottbus and in Bautzen and the inter-municipal
board, with past meetings (minutes approved and awaiting approval, decisions and recommendations
in different states) and upcoming meetings with invitations sent. Through the services only."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.boards import services
from kokoma.boards.models import Board, BoardMember, Meeting, Resolution
from kokoma.municipalities.models import Municipality, StepKind

from .clock import Clock

DOMAIN = "kokoma.example"

COTTBUS_MINUTES_OLD = """# Protokoll

**Sitzungsleitung:** Tobias Brandhorst

## TOP 1 – Lagebild Sandow

Die Koordinierungsstelle berichtet über die Beschwerden zur Nutzung des Spielplatzes am
Gelsenkirchener Allee. Der Beirat bittet um einen moderierten Dialog mit Anwohnenden und
Jugendlichen.

## TOP 2 – Jahresplanung

- Zwei Beiratssitzungen pro Halbjahr
- Ein öffentlicher Dialogabend im Frühjahr
"""

COTTBUS_MINUTES_RECENT = """# Protokoll

## TOP 1 – Bericht aus dem moderierten Dialog

Der Dialog am Spielplatz fand mit 24 Teilnehmenden statt. Vereinbart wurden feste Zeiten für
die Nutzung des Bolzplatzes.

## TOP 2 – Empfehlungen an die Verwaltung

Der Beirat empfiehlt eine bessere Beleuchtung des Weges zur Haltestelle und einen
Jugendtreff-Abend pro Woche. Näheres siehe Beschlüsse.
"""


def _user(key: str) -> User:
    return User.objects.get(email=f"{key}@{DOMAIN}")


def _at(clock: Clock, days_ago: int, hour: int = 17) -> datetime.datetime:
    return datetime.datetime.combine(
        clock.day(days_ago), datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )


def _meeting(board: Board, by: User, clock: Clock, days_ago: int, title: str) -> Meeting:
    start = _at(clock, days_ago)
    return services.schedule_meeting(
        board,
        by=by,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Rathaus, Sitzungssaal" if days_ago % 2 == 0 else "Bürgerhaus, Raum 3",
        online_link="https://video.kokoma.example/beirat" if days_ago < 0 else "",
    )


def _cottbus(office: User, clock: Clock) -> None:
    municipality = Municipality.objects.get(register__ags="12052000")
    tandem, actor, member = (
        _user("lokal.cottbus"),
        _user("akteur.cottbus"),
        _user("gremium.cottbus"),
    )
    board = services.create_board(
        by=tandem,
        kind=Board.Kind.LOCAL,
        municipality=municipality,
        name="Lokaler Beirat Zusammenleben Cottbus",
        description="Berät Verwaltung und Prozessbegleitung zu Konflikten im Stadtteil.",
    )
    services.add_member(board, by=tandem, user=actor, function=BoardMember.Function.CHAIR)
    services.add_member(board, by=tandem, user=member, function=BoardMember.Function.MEMBER)
    services.add_member(
        board,
        by=tandem,
        name="Dorothea Vielhauer",
        organisation="Ev. Kirchengemeinde Sandow",
        role_title="Pfarrerin",
        email=f"vielhauer.beirat@{DOMAIN}",
        purpose="Einladungen, Protokolle und Anwesenheit der Beiratssitzungen",
        function=BoardMember.Function.DEPUTY,
    )
    services.add_member(
        board,
        by=tandem,
        name="Kemal Arslan",
        organisation="Deutsch-Türkischer Kulturverein",
        role_title="Vorsitzender",
        purpose="Anwesenheit und Protokolle der Beiratssitzungen (Einladung per Post)",
    )
    members = {m.display_name: m for m in board.members.all()}

    old = _meeting(board, tandem, clock, 120, "1. Sitzung 2026")
    top1 = services.add_agenda_item(old, by=tandem, title="Lagebild Sandow", presenter=str(tandem))
    services.add_agenda_item(old, by=tandem, title="Jahresplanung", presenter=str(actor))
    services.record_attendance(
        old,
        by=tandem,
        statuses={m.pk: "present" for m in members.values()}
        | {members["Kemal Arslan"].pk: "excused"},
    )
    services.save_minutes(old, by=tandem, minutes=COTTBUS_MINUTES_OLD)
    dialogue = services.record_resolution(
        top1,
        by=tandem,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Moderierten Dialog am Spielplatz Gelsenkirchener Allee durchführen",
        responsible=tandem,
        due_on=clock.day(60),
        at=_at(clock, 120, 19),
    )
    services.change_resolution_status(
        dialogue, by=tandem, status="in_progress", at=_at(clock, 100), note="Termin steht"
    )
    services.change_resolution_status(
        dialogue, by=tandem, status="implemented", at=_at(clock, 40), note="Dialog fand statt"
    )
    services.record_resolution(
        top1,
        by=tandem,
        kind=Resolution.Kind.DECISION,
        text="Der Beirat tagt zweimal im Halbjahr.",
        status="implemented",
        at=_at(clock, 120, 19),
    )

    recent = _meeting(board, tandem, clock, 30, "2. Sitzung 2026")
    report = services.add_agenda_item(recent, by=tandem, title="Bericht aus dem Dialog")
    advice = services.add_agenda_item(
        recent, by=tandem, title="Empfehlungen an die Verwaltung", presenter=str(actor)
    )
    services.add_agenda_item(
        recent,
        by=tandem,
        title="Beschwerde einer Einzelperson",
        description="Personenbezogene Angaben, nur für Mitglieder.",
        confidential=True,
    )
    services.approve_minutes(recent, by=tandem)
    services.record_attendance(
        recent, by=tandem, statuses={m.pk: "present" for m in members.values()}
    )
    services.save_minutes(recent, by=tandem, minutes=COTTBUS_MINUTES_RECENT)
    light = services.record_resolution(
        advice,
        by=tandem,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Beleuchtung des Weges zur Haltestelle Sandow verbessern",
        responsible=actor,
        due_on=clock.day(-45),
        at=_at(clock, 30, 19),
    )
    services.change_resolution_status(light, by=actor, status="in_progress", at=_at(clock, 20))
    services.record_resolution(
        advice,
        by=tandem,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Einen wöchentlichen Jugendtreff-Abend im Bürgerhaus anbieten",
        responsible=actor,
        due_on=clock.day(-60),
        # a recommendation for the action concept the tandem is working out in workshops
        step=board.municipality.process_steps.get(kind=StepKind.CONCEPT)
        if board.municipality
        else None,
        at=_at(clock, 30, 19),
    )
    dropped = services.record_resolution(
        report,
        by=tandem,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Videoüberwachung des Spielplatzes prüfen",
        responsible=tandem,
        at=_at(clock, 30, 19),
    )
    services.change_resolution_status(
        dropped,
        by=tandem,
        status="dropped",
        at=_at(clock, 25),
        note="Nach Rücksprache mit dem Datenschutz verworfen",
    )

    upcoming = _meeting(board, tandem, clock, -14, "3. Sitzung 2026")
    services.add_agenda_item(upcoming, by=tandem, title="Genehmigung des Protokolls der 2. Sitzung")
    services.add_agenda_item(
        upcoming, by=tandem, title="Stand der Empfehlungen", presenter=str(actor)
    )
    services.add_agenda_item(
        upcoming,
        by=tandem,
        title="Vertrauliche Fallberatung",
        description="Nur für Mitglieder des Beirats.",
        confidential=True,
    )
    services.invite(upcoming, by=tandem)


def _bautzen(office: User, clock: Clock) -> None:
    municipality = Municipality.objects.get(register__ags="14625020")
    tandem, actor = _user("lokal.bautzen"), _user("akteur.bautzen")
    board = services.create_board(
        by=tandem,
        kind=Board.Kind.LOCAL,
        municipality=municipality,
        name="Beirat Demokratie und Vielfalt Bautzen",
    )
    services.add_member(board, by=tandem, user=actor, function=BoardMember.Function.CHAIR)
    services.add_member(
        board,
        by=tandem,
        name="Milena Kral",
        organisation="Sorbischer Jugendverband",
        email=f"kral.beirat@{DOMAIN}",
        purpose="Einladungen und Protokolle des Beirats",
    )
    past = _meeting(board, tandem, clock, 45, "Konstituierende Sitzung")
    item = services.add_agenda_item(past, by=tandem, title="Versammlungen am Kornmarkt")
    services.save_minutes(
        past,
        by=tandem,
        minutes="# Protokoll\n\nDer Beirat hat sich konstituiert und berät künftig "
        "zu Versammlungen in der Innenstadt.",
    )
    services.record_resolution(
        item,
        by=tandem,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Gesprächsangebot an Veranstaltende von Versammlungen",
        responsible=actor,
        due_on=clock.day(-20),
        at=_at(clock, 45, 19),
    )
    _meeting(board, tandem, clock, -21, "2. Sitzung")


def _inter_municipal(office: User, clock: Clock) -> None:
    board = services.create_board(
        by=office,
        kind=Board.Kind.INTER_MUNICIPAL,
        name="Kommunenübergreifender Beirat",
        description="Berät das Programm; Vertretungen der Programmkommunen und der Wissenschaft.",
    )
    services.add_member(board, by=office, user=office, function=BoardMember.Function.CHAIR)
    for key in ("lokal.cottbus", "lokal.bautzen", "lokal.greifswald"):
        services.add_member(board, by=office, user=_user(key))
    services.add_member(
        board, by=office, user=_user("gremium.cottbus"), function=BoardMember.Function.GUEST
    )
    services.add_member(
        board,
        by=office,
        name="Prof. Dr. Hannes Wiegand",
        organisation="Hochschule Lausitz",
        role_title="Konfliktforschung",
        email=f"wiegand.beirat@{DOMAIN}",
        purpose="Einladungen und Protokolle des kommunenübergreifenden Beirats",
    )
    past = _meeting(board, office, clock, 60, "Frühjahrssitzung")
    item = services.add_agenda_item(past, by=office, title="Erfahrungen aus den Kommunen")
    services.save_minutes(
        past,
        by=office,
        minutes="# Protokoll\n\nDie Kommunen berichten; der Leitfaden für Runde Tische soll "
        "überarbeitet werden.",
    )
    services.record_resolution(
        item,
        by=office,
        kind=Resolution.Kind.RECOMMENDATION,
        text="Leitfaden für Runde Tische überarbeiten",
        responsible=office,
        due_on=clock.day(-30),
        at=_at(clock, 60, 19),
    )
    upcoming = _meeting(board, office, clock, -28, "Herbstsitzung")
    services.add_agenda_item(upcoming, by=office, title="Stand der Empfehlungen")
    services.add_agenda_item(
        upcoming, by=office, title="Auswertung kommunaler Fallverläufe", confidential=True
    )
    services.invite(upcoming, by=office)


def load_demo_boards(office: User) -> None:
    if Board.objects.exists():
        return
    clock = Clock()
    _cottbus(office, clock)
    _bautzen(office, clock)
    _inter_municipal(office, clock)
