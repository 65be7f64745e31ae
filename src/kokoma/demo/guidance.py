"""Seed checklists per escalation band (after Glasl), idempotently; called by the demo loader."""

from __future__ import annotations

from django.db import transaction

from kokoma.accounts.models import User
from kokoma.demo.office import programme_office
from kokoma.guidance import services
from kokoma.guidance.models import Band, Checklist

CHECKLISTS: list[tuple[Band, str, str, list[str]]] = [
    (
        Band.SELF_HELP,
        "Selbsthilfe der Konfliktparteien stärken",
        "In den Stufen 1–3 (Verhärtung, Debatte, Taten statt Worte) können die Beteiligten den "
        "Konflikt meist noch selbst bearbeiten. Die Kommune ermutigt und schafft Gelegenheiten "
        "zum Gespräch, ohne den Konflikt an sich zu ziehen.",
        [
            "Die Beteiligten sind direkt angesprochen und zu einem Gespräch eingeladen.",
            "Sachthemen und Beziehungsebene sind getrennt festgehalten.",
            "Gemeinsame Interessen und Verbindendes sind benannt.",
            "Ein neutraler Gesprächsort (z. B. Bürgerhaus, Bibliothek) ist angeboten.",
            "Vereinbarungen aus dem Gespräch sind schriftlich festgehalten.",
        ],
    ),
    (
        Band.SELF_HELP,
        "Vorbeugen und früh informieren",
        "Frühzeitige, transparente Information verhindert, dass Gerüchte und Lagerbildung den "
        "Konflikt verschärfen.",
        [
            "Die Betroffenen sind sachlich und zeitnah über die Entscheidungslage informiert.",
            "Gerüchte und Falschinformationen sind gesammelt und richtiggestellt.",
            "Ansprechpersonen der Verwaltung sind öffentlich benannt.",
            "Die weitere Entwicklung wird beobachtet; ein Termin zur erneuten "
            "Eskalationseinschätzung ist festgelegt.",
        ],
    ),
    (
        Band.PROCESS_SUPPORT,
        "Prozessbegleitung und Mediation einleiten",
        "In den Stufen 4–6 (Sorge um Image und Koalition, Gesichtsverlust, Drohstrategien) "
        "brauchen die Parteien Unterstützung von außen. Allparteiliche Prozessbegleitung oder "
        "Mediation ist jetzt angezeigt.",
        [
            "Das kommunale Tandem ist informiert und in die Fallbearbeitung einbezogen.",
            "Die Bereitschaft der Parteien zu einer Mediation ist erfragt.",
            "Eine allparteiliche, externe Mediator:in oder Prozessbegleitung ist angefragt.",
            "Der Auftrag (Ziele, Beteiligte, Vertraulichkeit, Kosten) ist schriftlich geklärt.",
            "Die Akteur:innen und ihre Beziehungen sind in der Akteurslandkarte erfasst.",
            "Die Schritte der Verfahrensordnung sind mit dem Fallteam abgestimmt.",
        ],
    ),
    (
        Band.PROCESS_SUPPORT,
        "Moderierten Dialog vorbereiten",
        "Ein moderiertes Dialogformat (z. B. Runder Tisch, Bürgerdialog) holt die Konfliktparteien "
        "und Betroffene an einen Tisch und macht Interessen hinter den Positionen sichtbar.",
        [
            "Teilnehmende sind ausgewogen ausgewählt; auch leise Stimmen sind eingeladen.",
            "Eine erfahrene Moderation ist beauftragt, die nicht Partei ist.",
            "Gesprächsregeln sind vorbereitet und werden zu Beginn vereinbart.",
            "Drohungen und Übergriffe im Vorfeld sind dokumentiert und bewertet.",
            "Ergebnisse und nächste Schritte werden allen Beteiligten zurückgemeldet.",
        ],
    ),
    (
        Band.POWER_INTERVENTION,
        "Schutz der Betroffenen sichern",
        "In den Stufen 7–9 (begrenzte Vernichtungsschläge, Zersplitterung, gemeinsam in den "
        "Abgrund) ist eine Verständigung der Parteien kaum noch möglich. Vorrang hat der Schutz "
        "der Betroffenen; Machteingriff durch die zuständigen Stellen ist nötig.",
        [
            "Eine aktuelle Gefährdungseinschätzung liegt vor.",
            "Die Polizei ist informiert; Strafanzeigen sind gestellt oder geprüft.",
            "Das Ordnungsamt ist einbezogen (z. B. Auflagen, Hausrecht, Versammlungsrecht).",
            "Betroffene sind an eine Opferberatungsstelle vermittelt.",
            "Persönliche Daten der Betroffenen sind besonders geschützt (z. B. Auskunftssperre).",
        ],
    ),
    (
        Band.POWER_INTERVENTION,
        "Klare Haltung der Verwaltung zeigen",
        "Die Verwaltungsspitze bezieht öffentlich und eindeutig Stellung gegen Gewalt, "
        "Einschüchterung und Menschenfeindlichkeit und stellt sich an die Seite der Betroffenen.",
        [
            "Die Verwaltungsspitze hat sich öffentlich und eindeutig positioniert.",
            "Die Kommunikation nach außen ist mit Polizei und Betroffenen abgestimmt.",
            "Unterstützende aus der Zivilgesellschaft sind sichtbar eingebunden.",
            "Mitarbeitende der Verwaltung sind über Verhalten bei Bedrohungen informiert.",
        ],
    ),
]


@transaction.atomic
def ensure_guidance() -> list[Checklist]:
    """Create the seed checklists that do not exist yet (matched by band and title), as the
    programme office, who keeps the checklists in the UI."""
    checklists = []
    for position, (band, title, introduction, items) in enumerate(CHECKLISTS, start=1):
        checklist = Checklist.objects.filter(band=band, title=title).first()
        if checklist is None:
            checklist = services.create_checklist(
                by=_office(),
                band=band,
                title=title,
                introduction=introduction,
                position=position,
                items=[
                    services.ItemData(item_id=None, text=text, position=index)
                    for index, text in enumerate(items, start=1)
                ],
            )
        checklists.append(checklist)
    return checklists


def _office() -> User:
    office = programme_office()
    if office is None:
        raise LookupError("The demo's checklists need the programme office's account first.")
    return office
