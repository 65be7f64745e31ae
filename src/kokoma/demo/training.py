"""The training as municipal conflict manager: the curriculum (invented, after the seed's
description of the programme: analyse, process and prevent conflicts in the municipality), a
finished cohort and one in progress. All people invented."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify

from kokoma.accounts.models import MembershipRole, User
from kokoma.core.moments import backdate
from kokoma.municipalities import services as municipal
from kokoma.municipalities.models import Municipality
from kokoma.training import services
from kokoma.training.models import (
    Cohort,
    CurriculumModule,
    Enrolment,
    PracticeProject,
    SessionFormat,
    TrainingSession,
)

from .clock import Clock

CURRICULUM = [
    (
        "Konflikte verstehen: Grundlagen und Eskalationsstufen",
        "Konfliktarten unterscheiden (Sach-, Beziehungs-, Werte-, Verteilungs-, Strukturkonflikt)\n"
        "Eskalationsstufen nach Glasl erkennen und einschätzen\n"
        "Die eigene Rolle im Konflikt reflektieren",
        Decimal("16"),
        "Input, Fallarbeit in Kleingruppen, Selbsteinschätzung",
    ),
    (
        "Systemische Konfliktanalyse in der Kommune",
        "Akteur:innen, Interessen und Beziehungen erheben\n"
        "Eine Akteurslandkarte und einen Konfliktbaum erstellen\n"
        "Trennendes und Verbindendes (Do No Harm) benennen",
        Decimal("16"),
        "Interviewübungen, Akteurslandkarte am eigenen Fall",
    ),
    (
        "Gesprächsführung, Moderation und Vermittlung",
        "Schwierige Gespräche strukturiert führen\n"
        "Runde Tische und Bürgerforen moderieren\n"
        "Grenzen der eigenen Vermittlung erkennen und weiterverweisen",
        Decimal("24"),
        "Rollenspiele, kollegiale Beratung, Videofeedback",
    ),
    (
        "Demokratiefeindlichkeit und Diskriminierung begegnen",
        "Rechtsextreme und verschwörungsideologische Mobilisierung erkennen\n"
        "Betroffene schützen und Unterstützungsstrukturen einbinden\n"
        "Kommunikation der Verwaltung in aufgeheizten Lagen planen",
        Decimal("16"),
        "Input mit Mobiler Beratung, Fallbeispiele, Planspiel",
    ),
    (
        "Kommunale Strukturen, Beteiligung und Prävention",
        "Verfahren und Zuständigkeiten der Kommune für Konflikte beschreiben\n"
        "Frühwarnung und Lagebild nutzen\n"
        "Präventive Maßnahmen mit lokalen Partner:innen planen",
        Decimal("12"),
        "Arbeit mit der eigenen Verfahrensordnung, Exkursion",
    ),
    (
        "Praxisprojekt und Reflexion",
        "Ein Praxisprojekt in der eigenen Kommune planen, durchführen und auswerten\n"
        "Erfahrungen in der Gruppe reflektieren",
        Decimal("20"),
        "Projektarbeit, Supervision in der Gruppe, Abschlusspräsentation",
    ),
]


def load_demo_curriculum(office: User) -> None:
    for position, (title, goals, hours, methods) in enumerate(CURRICULUM, start=1):
        if not CurriculumModule.objects.filter(title=title).exists():
            services.add_module(
                by=office,
                title=title,
                learning_goals=goals,
                hours=hours,
                methods=methods,
                position=position,
            )


# Participants besides the demo logins: (AGS, name, function). Invented people.
PARTICIPANTS = [
    ("12052000", "Jörn Wiesenthal", "Stadtteilbüro Sachsendorf"),
    ("14625020", "Marta Kowalczyk-Rehn", "Familienzentrum"),
    ("13075039", "Henning Ahlgrimm", "Ordnungsamt"),
    ("07312000", "Sibel Karadağ", "Jugendzentrum Innenstadt"),
    ("03252006", "Wiebke Olthoff", "Stabsstelle Integration"),
    ("13075039", "Paul Fenske", "Kirchengemeinde St. Jacobi"),
    ("07312000", "Ute Bremer-Laux", "Volkshochschule"),
    ("03252006", "Deniz Aydın", "Streetwork"),
]

RUNNING = "Durchgang 2026/27"
COMPLETED = "Durchgang 2025/26"
DOMAIN = "kokoma.example"  # the demo's own, as in load_demo


def _participant(office: User, ags: str, name: str, function: str) -> tuple[User, Municipality]:
    municipality = Municipality.objects.get(register__ags=ags)
    email = f"{slugify(name)}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        membership = municipal.add_member(
            municipality,
            by=office,
            email=email,
            display_name=name,
            role=MembershipRole.TRAINEE,
            function=function,
        )
        user = membership.user
    return user, municipality


def _sessions(
    cohort: Cohort, office: User, trainer: User, clock: Clock, days_ago: list[int]
) -> list[TrainingSession]:
    modules = list(CurriculumModule.objects.order_by("position"))
    sessions = []
    for index, ago in enumerate(days_ago):
        # one module per session; the sessions beyond the modules work on the practice project
        module = modules[min(index, len(modules) - 1)]
        start = datetime.datetime.combine(
            clock.day(ago), datetime.time(9, 30), tzinfo=timezone.get_current_timezone()
        )
        online = index % 3 == 2
        sessions.append(
            services.add_session(
                cohort,
                by=office,
                title=f"Termin {index + 1}: {module.title}",
                module=module,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=7),
                format=SessionFormat.ONLINE if online else SessionFormat.IN_PERSON,
                place="" if online else "Bildungszentrum am Markt, Raum 2",
                online_link="https://konferenz.example.org/weiterbildung" if online else "",
                trainers=[trainer],
            )
        )
    return sessions


def _project(enrolment: Enrolment, title: str, summary: str) -> PracticeProject:
    return services.submit_project(
        enrolment,
        by=enrolment.participant,
        title=title,
        summary=summary,
        upload=SimpleUploadedFile(
            "praxisprojekt.txt",
            f"{title}\n\n{summary}\n".encode(),
            content_type="text/plain",
        ),
    )


def load_demo_cohorts(office: User, users: dict[str, User]) -> None:
    """A finished cohort (three completed, one missed too many sessions) and one in progress:
    four sessions held, three with attendance recorded, projects accepted, waiting for review
    and sent back, a full cohort with a waiting list and an application that waits for
    Cottbus's consent."""
    if Cohort.objects.exists():
        return
    clock = Clock()
    trainer = users["trainer"]
    all_modules = list(CurriculumModule.objects.all())
    people = [_participant(office, *row) for row in PARTICIPANTS]

    done = services.add_cohort(
        by=office,
        modules=all_modules,
        title=COMPLETED,
        description="Der erste Durchgang der Weiterbildung, mit Teilnehmenden aus fünf Kommunen.",
        capacity=8,
        min_attendance_percent=80,
        requires_project=True,
    )
    held = _sessions(done, office, trainer, clock, [400, 370, 340, 310, 280, 250])
    finished = [
        services.enrol(done, by=office, participant=u, municipality=m) for u, m in people[4:]
    ]
    for index, session in enumerate(held):
        statuses = {}
        for number, enrolment in enumerate(finished):
            missed = number == 3 and index in (1, 2, 4)  # the last misses three of six
            statuses[enrolment.pk] = "absent" if missed else "present"
        services.record_attendance(session, by=trainer, statuses=statuses)
    for enrolment, (title, summary) in zip(finished[:3], DONE_PROJECTS, strict=True):
        project = _project(enrolment, title, summary)
        services.review_project(project, by=trainer, accept=True, feedback=DONE_FEEDBACK)
        backdate(project, "uploaded_at", clock.at(290, title))
        backdate(project, "reviewed_at", clock.at(270, title))
    certificates = services.issue_certificates(done, by=office)
    for certificate in certificates:
        backdate(certificate, "issued_at", clock.at(240, certificate.code))
    # one issued in error: the project had been handed in for another cohort already
    services.revoke_certificate(
        certificates[-1],
        by=office,
        reason="Irrtümlich ausgestellt: Das Praxisprojekt war bereits in einem anderen "
        "Weiterbildungsprogramm angerechnet.",
    )

    running = services.add_cohort(
        by=office,
        modules=all_modules,
        title=RUNNING,
        description=(
            "Acht Präsenz- und Online-Termine über ein halbes Jahr; dazwischen arbeiten die "
            "Teilnehmenden an einem Praxisprojekt in ihrer Kommune."
        ),
        capacity=5,
        accepts_applications=True,
        application_deadline=clock.day(-21),
        requires_consent=True,
        min_attendance_percent=80,
        requires_project=True,
    )
    sessions = _sessions(running, office, trainer, clock, [70, 49, 28, 7, -14, -35, -56, -77])
    cottbus = Municipality.objects.get(register__ags="12052000")
    bautzen = Municipality.objects.get(register__ags="14625020")
    enrolled = [
        services.enrol(
            running, by=office, participant=users["weiterbildung.cottbus"], municipality=cottbus
        ),
        services.enrol(
            running, by=office, participant=users["akteur.bautzen"], municipality=bautzen
        ),
        *(services.enrol(running, by=office, participant=u, municipality=m) for u, m in people[:3]),
    ]
    # the cohort is full: the next is placed on the waiting list
    services.enrol(running, by=office, participant=people[3][0], municipality=people[3][1])
    services.apply(
        running,
        by=users["akteur.cottbus"],
        municipality=cottbus,
        motivation=(
            "Im Jugendamt begegnen mir Konflikte zwischen Nachbarschaften und Jugendlichen; "
            "ich möchte sie früher erkennen und moderieren können."
        ),
    )
    # three sessions recorded; the trainer still has to record the one a week ago
    patterns = [
        ["present", "present", "present"],
        ["present", "excused", "present"],
        ["present", "present", "absent"],
        ["absent", "present", "present"],
        ["present", "absent", "absent"],  # can no longer reach 80 % (7 of 8)
    ]
    for index, session in enumerate(sessions[:3]):
        services.record_attendance(
            session,
            by=trainer,
            statuses={e.pk: pattern[index] for e, pattern in zip(enrolled, patterns, strict=True)},
        )
    for session in sessions[:5]:
        services.upload_material(
            session,
            by=trainer,
            title=f"Handout {session.title.split(':')[0]}",
            upload=SimpleUploadedFile(
                "handout.txt",
                f"{session.title}\n\nArbeitsblätter und Literatur zum Modul.\n".encode(),
                content_type="text/plain",
            ),
        )
    accepted = _project(
        enrolled[1],
        "Runder Tisch Kornmarkt",
        "Moderation eines Runden Tisches zwischen Gewerbetreibenden, Jugendlichen und "
        "Ordnungsamt zur Nutzung des Kornmarkts am Abend; Vereinbarung über Zeiten und "
        "Ansprechpersonen.",
    )
    services.review_project(
        accepted,
        by=trainer,
        accept=True,
        feedback="Klar geplant und sorgfältig ausgewertet; die Vereinbarung ist ein gutes Beispiel.",
    )
    _project(
        enrolled[0],
        "Nachbarschaftsgespräche in Sandow",
        "Drei moderierte Gesprächsabende zu Lärm und Müll im Wohngebiet, mit "
        "Wohnungsgesellschaft und Quartiersmanagement.",
    )
    revision = _project(
        enrolled[2],
        "Konfliktbeobachtung Sachsendorf",
        "Erste Beobachtungen zu Konflikten im Stadtteil.",
    )
    services.review_project(
        revision,
        by=trainer,
        accept=False,
        feedback=(
            "Bitte ergänzen Sie, welche Akteur:innen Sie einbezogen haben und was aus den "
            "Beobachtungen folgt."
        ),
    )


DONE_PROJECTS = [
    (
        "Dialogforum Unterkunft am Stadtrand",
        "Vorbereitung und Moderation eines Dialogforums zur neuen Gemeinschaftsunterkunft.",
    ),
    (
        "Leitfaden Konfliktmeldungen für die Verwaltung",
        "Ein Leitfaden, wie Ämter Beobachtungen melden und wer sie auswertet.",
    ),
    (
        "Schulhofkonflikte gemeinsam lösen",
        "Peer-Mediation an zwei Grundschulen mit Schulsozialarbeit aufgebaut.",
    ),
]
DONE_FEEDBACK = "Das Projekt erfüllt die Anforderungen; danke für die gründliche Auswertung."
