"""The curriculum of the training as municipal conflict manager (invented, after the seed's
description of the programme: analyse, process and prevent conflicts in the municipality)."""

from __future__ import annotations

from decimal import Decimal

from kokoma.accounts.models import User
from kokoma.training import services
from kokoma.training.models import CurriculumModule

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
