"""The network's resource library: six invented items of every kind, as files and links, for the
network, for the programme's staff only and one for the public. Added through the library's
services by the people who would share them."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from kokoma.accounts.models import User
from kokoma.library import services
from kokoma.library.models import Resource, ResourceKind, Visibility
from kokoma.taxonomy.models import Term, TermKind

from .clock import Clock

DOMAIN = "kokoma.example"


@dataclass(frozen=True)
class DemoResource:
    title: str
    kind: str
    visibility: str
    by: str  # the demo login before the @
    days_ago: int
    description: str
    topics: tuple[str, ...] = ()
    file_text: str = ""  # a text file of this content, or
    link: str = ""  # a link


RESOURCES = [
    DemoResource(
        "Leitfaden: Einen Runden Tisch zu einem lokalen Konflikt vorbereiten",
        ResourceKind.METHOD,
        Visibility.PUBLIC,
        "servicestelle",
        60,
        "Schritt für Schritt vom Anlass bis zur Auswertung:\n\n"
        "1. Anlass und Ziel klären – was kann entschieden werden, was nicht?\n"
        "2. Einzelgespräche mit allen Seiten führen\n"
        "3. Einladung, Ort, Moderation\n"
        "4. Vereinbarungen festhalten und nach drei Monaten auswerten",
        ("Nutzung öffentlicher Raum", "Kommunalpolitik"),
        file_text=(
            "Leitfaden Runder Tisch\n\n"
            "1. Anlass und Ziel klaeren\n2. Einzelgespraeche fuehren\n"
            "3. Einladung, Ort, Moderation\n4. Vereinbarungen festhalten und auswerten\n"
        ),
    ),
    DemoResource(
        "Vorlage: Einladung zu einem Bürgerdialog",
        ResourceKind.TEMPLATE,
        Visibility.NETWORK,
        "lokal.cottbus",
        45,
        "Eine Einladung in einfacher Sprache mit Platz für Anlass, Ablauf und Ansprechperson. "
        "Zum Anpassen an die eigene Kommune.",
        ("Kommunalpolitik",),
        file_text=(
            "Einladung zum Buergerdialog\n\nWorum es geht: ...\nWann und wo: ...\n"
            "Wie der Abend ablaeuft: ...\nIhre Ansprechperson: ...\n"
        ),
    ),
    DemoResource(
        "Handout: Die neun Eskalationsstufen auf einen Blick",
        ResourceKind.HANDOUT,
        Visibility.NETWORK,
        "trainer",
        30,
        "Die Stufen nach Glasl in drei Bändern (win-win, win-lose, lose-lose), mit typischen "
        "Anzeichen in kommunalen Konflikten. Aus Modul 1 der Weiterbildung.",
        ("Kommunalpolitik",),
        file_text="Eskalationsstufen nach Glasl\n\n1-3 win-win\n4-6 win-lose\n7-9 lose-lose\n",
    ),
    DemoResource(
        "Auswertungsbogen für moderierte Bürgerversammlungen",
        ResourceKind.EVALUATION,
        Visibility.PROGRAMME,
        "extern2",
        21,
        "Für die Tandems: ein Bogen, mit dem Moderation und Verwaltung eine Versammlung "
        "gemeinsam auswerten – Verlauf, Stimmung, Zusagen, nächste Schritte. Nur für das "
        "Programmpersonal, weil er Hinweise zur Einschätzung von Eskalation enthält.",
        ("Flucht/Migration", "Wohnen"),
        file_text="Auswertung Buergerversammlung\n\nVerlauf:\nStimmung:\nZusagen:\nNaechste Schritte:\n",
    ),
    DemoResource(
        "Methodensammlung Konfliktanalyse (Online)",
        ResourceKind.METHOD,
        Visibility.NETWORK,
        "expertin",
        14,
        "Eine Linksammlung zu Akteurslandkarte, Konfliktbaum und Zwiebelmodell mit kurzen "
        "Erläuterungen, wann sich welche Methode eignet.",
        ("Rechtsextremismus", "Jugend"),
        link="https://methoden.example.org/konfliktanalyse",
    ),
    DemoResource(
        "Fotoprotokoll Fachtag Kommunales Konfliktmanagement",
        ResourceKind.OTHER,
        Visibility.NETWORK,
        "servicestelle",
        9,
        "Die Ergebnisse der vier Foren des Fachtags als Fotoprotokoll.",
        (),
        file_text="Fotoprotokoll Fachtag\n\nForum 1: Gespraechsfuehrung\nForum 2: Fruehwarnung\n",
    ),
]


def _person(login: str) -> User:
    return User.objects.get(email=f"{login}@{DOMAIN}")


def load_demo_library(clock: Clock | None = None) -> None:
    """Add the items that are missing (by title)."""
    clock = clock or Clock()
    existing = set(Resource.objects.values_list("title", flat=True))
    topics = {term.name: term for term in Term.objects.filter(kind=TermKind.TOPIC)}
    for spec in RESOURCES:
        if spec.title in existing:
            continue
        upload = None
        if spec.file_text:
            upload = SimpleUploadedFile(
                "material.txt", spec.file_text.encode(), content_type="text/plain"
            )
        services.add_resource(
            by=_person(spec.by),
            title=spec.title,
            kind=spec.kind,
            description=spec.description,
            upload=upload,
            link=spec.link,
            topics=[topics[name] for name in spec.topics if name in topics],
            visibility=spec.visibility,
            at=clock.at(spec.days_ago, spec.title),
        )
