"""Each demo municipality's own tandem work log: what its companions did over the last months.

Every entry is invented and fits the municipality's phase and cases (`case_stories`). Dates are
days before the day the demo is loaded; the next steps of older entries are done, the newest are
still open with a due date ahead.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kokoma.accounts.models import MembershipRole
from kokoma.demo.case_stories import BAUTZEN, COTTBUS, GREIFSWALD, HAMELN
from kokoma.demo.clock import Clock
from kokoma.municipalities import services
from kokoma.municipalities.models import Municipality


@dataclass(frozen=True)
class LogEntry:
    days_ago: int
    author: str  # "local" (the local companion, where there is one) or "external"
    guests: str  # who took part besides the tandem
    topic: str
    notes: str
    next_steps: str
    due_in: int  # days after the entry
    done: bool
    step: str = ""  # the accompaniment process step the entry is filed under, if any


WORK_LOG: dict[str, list[LogEntry]] = {
    COTTBUS: [
        LogEntry(
            150,
            "local",
            "Büro des Oberbürgermeisters, Jugendamt",
            "Zwischenbilanz mit der Verwaltungsspitze",
            "Stand der Konfliktfälle Stadthallenvorplatz und Sachsendorf vorgestellt; der "
            "Oberbürgermeister sagt Rückendeckung für ein Schutzkonzept zu.",
            "Kurzbericht für den Hauptausschuss schreiben",
            14,
            True,
        ),
        LogEntry(
            118,
            "external",
            "Streetwork Mitte",
            "Auswertung der Interviews in der Innenstadt",
            "Zwölf Interviews ausgewertet: fehlende Jugendräume und Misstrauen gegenüber der "
            "Verwaltung kehren in fast allen Gesprächen wieder.",
            "Ergebnisse in die Situationsanalyse übernehmen",
            21,
            True,
            "analysis",
        ),
        LogEntry(
            84,
            "local",
            "Lokaler Beirat",
            "Beiratssitzung zur Lage nach dem Stadtfest",
            "Der Beirat berät über die Eskalation am Vorplatz und empfiehlt einen moderierten "
            "Dialog mit Anwohnenden und Jugendlichen.",
            "Moderation für den Dialog anfragen",
            14,
            True,
        ),
        LogEntry(
            47,
            "external",
            "",
            "Tandemtreffen: Fallbelastung und Prioritäten",
            "Sachsendorf hat Vorrang; der Fall Moscheeverein wird vorerst beobachtet, die "
            "Graffiti-Serie bleibt bei der Polizei.",
            "Fallverteilung mit dem Jugendamt abstimmen",
            7,
            True,
        ),
        LogEntry(
            10,
            "local",
            "Lokaler Beirat, Quartiersmanagement Sandow",
            "Vorbereitung Workshop Handlungskonzept",
            "Ergebnisse der Situationsanalyse zusammengefasst; Workshop mit dem lokalen Beirat "
            "geplant.",
            "Einladung an den Beirat verschicken; Raum im Bürgerhaus buchen",
            21,
            False,
            "concept",
        ),
        LogEntry(
            3,
            "external",
            "Polizeiinspektion, Kontaktbereich Süd",
            "Lagegespräch nach dem Brandanschlag in Sachsendorf",
            "Die Polizei sieht keine Hinweise auf weitere geplante Taten; erhöhte Präsenz an "
            "der Baustelle bis auf Weiteres.",
            "Ehrenamtliche des Willkommensbündnisses über das Schutzkonzept informieren",
            7,
            False,
        ),
    ],
    BAUTZEN: [
        LogEntry(
            160,
            "local",
            "Sorbischer Heimatverein, Stadtjugendring",
            "Interviews mit lokalen Akteur:innen, erste Runde",
            "Sechs Interviews geführt; die Montagsversammlungen und Angriffe auf die "
            "Zweisprachigkeit werden als größte Belastung genannt.",
            "Zweite Interviewrunde mit Schulen und Polizei vereinbaren",
            30,
            True,
            "interviews",
        ),
        LogEntry(
            112,
            "external",
            "Polizeirevier, Oberschule am Schilfweg",
            "Interviews mit lokalen Akteur:innen, zweite Runde",
            "Die Schule berichtet von Parolen auf dem Schulhof; die Polizei schätzt die "
            "Versammlungslage als stabil, aber angespannt ein.",
            "Interviews für die Situationsanalyse zusammenfassen",
            21,
            True,
            "interviews",
        ),
        LogEntry(
            76,
            "local",
            "Versammlungsbehörde",
            "Nachbereitung der Versammlung mit Übergriffen am Kornmarkt",
            "Ablauf rekonstruiert; die Versammlungsbehörde prüft getrennte Flächen und einen "
            "späteren Beginn.",
            "Gesprächsangebot an das Bündnis Buntes Bautzen",
            10,
            True,
        ),
        LogEntry(
            33,
            "external",
            "",
            "Systemische Situationsanalyse: erster Entwurf",
            "Konfliktlandkarte der Stadt entworfen: Kornmarkt, Gesundbrunnen und Spreehöhe "
            "hängen über die Frage zusammen, wer dazugehört.",
            "Entwurf mit der Stabsstelle Bürgerbeteiligung besprechen",
            14,
            True,
        ),
        LogEntry(
            8,
            "local",
            "Stabsstelle Bürgerbeteiligung",
            "Vorbereitung Auswertungsgespräch mit der Verwaltungsspitze",
            "Ergebnisse der Situationsanalyse für das Gespräch mit dem Oberbürgermeister "
            "aufbereitet; der Übergang in die aktive Phase wird vorgeschlagen.",
            "Termin beim Oberbürgermeister bestätigen; Präsentation fertigstellen",
            14,
            False,
        ),
    ],
    GREIFSWALD: [
        LogEntry(
            175,
            "local",
            "Präventionsrat",
            "Sitzung des Präventionsrats",
            "Bericht zum Containerdorf und zu den Drohschreiben; der Präventionsrat unterstützt "
            "eine gemeinsame Erklärung der Fraktionen.",
            "Entwurf der Erklärung an die Fraktionsvorsitzenden senden",
            14,
            True,
        ),
        LogEntry(
            130,
            "external",
            "Hochschulleitung, Studierendenvertretung",
            "Gespräch mit der Hochschule",
            "Vereinbart ist eine Veranstaltungsreihe zu Antisemitismus und Rassismus im "
            "kommenden Semester.",
            "Referent:innen für die Veranstaltungsreihe anfragen",
            30,
            True,
        ),
        LogEntry(
            95,
            "local",
            "Mediationsstelle Küste, Quartiersmanagement",
            "Fallbesprechung Nachbarschaftskonflikte",
            "Die Mediationsstelle übernimmt künftig Nachbarschaftsstreit in Schönwalde und im "
            "Ostseeviertel; die Übergabe läuft über das Quartiersmanagement.",
            "Übergabeverfahren schriftlich festhalten",
            21,
            True,
        ),
        LogEntry(
            52,
            "external",
            "Planungsamt",
            "Abstimmung zur Trassenführung Eldena",
            "Das Planungsamt teilt die Einschätzung, dass ein öffentlicher Vergleich beider "
            "Trassenvarianten nötig ist.",
            "Moderationskonzept für die Einwohnerversammlung entwerfen",
            21,
            True,
        ),
        LogEntry(
            14,
            "local",
            "",
            "Tandemtreffen: Schwerpunkte des kommenden Jahres",
            "Schwerpunkte: Nachsorge Containerdorf, Antisemitismus an der Hochschule, "
            "Beteiligung bei Energieprojekten.",
            "Jahresplanung mit der Servicestelle abstimmen",
            28,
            False,
        ),
    ],
    HAMELN: [
        LogEntry(
            165,
            "external",
            "Präventionsrat, Citymanagement",
            "Auswertung des Runden Tischs Innenstadt",
            "Der Runde Tisch hat seine Vereinbarungen zum zweiten Mal überprüft; alle "
            "Beteiligten wollen das Format fortsetzen.",
            "Erfahrungen für das Praxismodell aufschreiben",
            45,
            True,
        ),
        LogEntry(
            110,
            "external",
            "Servicestelle",
            "Praxismodell Verfahrensordnung",
            "Die Verfahrensordnung der Stadt wird als Vorlage für andere Kommunen aufbereitet; "
            "die Antwortfristen haben sich im Alltag bewährt.",
            "Vorlage mit der Servicestelle abstimmen",
            30,
            True,
        ),
        LogEntry(
            70,
            "external",
            "Ratsvorsitz",
            "Gespräch zum Schutz von Mandatsträger:innen",
            "Das Schutzkonzept für Ratssitzungen steht; die Stadt möchte es an andere Kommunen "
            "weitergeben.",
            "Schutzkonzept anonymisiert in die Transferbibliothek stellen",
            30,
            True,
        ),
        LogEntry(
            25,
            "external",
            "Gleichstellungsbüro, Antidiskriminierungsberatung",
            "Fallberatung: Diskriminierung auf dem Wohnungsmarkt",
            "Beratung zum Fall der abgewiesenen Familie; ein Testing-Verfahren wird vorbereitet.",
            "Kontakt zur Hausverwaltung herstellen",
            14,
            True,
        ),
        LogEntry(
            6,
            "external",
            "Präventionsrat",
            "Übergabe an die lokalen Strukturen",
            "Der Präventionsrat übernimmt die Moderation des Runden Tischs dauerhaft; das Tandem "
            "zieht sich schrittweise zurück.",
            "Abschlussgespräch mit der Verwaltungsspitze vereinbaren",
            30,
            False,
        ),
    ],
}


def write_work_log(municipality: Municipality, *, clock: Clock | None = None) -> None:
    """The municipality's work log, written by its tandem (without a tandem, nobody may)."""
    entries = WORK_LOG.get(municipality.ags, [])
    tandem = {
        m.role: m.user
        for m in municipality.memberships.filter(
            role__in=[MembershipRole.EXTERNAL_COMPANION, MembershipRole.LOCAL_COMPANION]
        ).select_related("user")
    }
    if not entries or not tandem:
        return
    clock = clock or Clock()
    steps = {step.kind: step for step in municipality.process_steps.all()}
    names = ", ".join(str(user) for user in tandem.values())
    for entry in entries:
        author = (
            tandem.get(MembershipRole.LOCAL_COMPANION) if entry.author == "local" else None
        ) or tandem.get(MembershipRole.EXTERNAL_COMPANION, next(iter(tandem.values())))
        day = clock.day(entry.days_ago)
        services.add_work_log_entry(
            municipality,
            by=author,
            date=day,
            participants=f"{names}, {entry.guests}" if entry.guests else names,
            topic=entry.topic,
            notes=entry.notes,
            next_steps=entry.next_steps,
            next_steps_due=day + datetime.timedelta(days=entry.due_in),
            next_steps_done=entry.done,
            step=steps.get(entry.step),
        )
