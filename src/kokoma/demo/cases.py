"""Demo taxonomies, observations, cases and chronicle (called by `manage.py load_demo`).

Every case, actor and observation here is invented. The taxonomy terms are programme data
(German names, not gettext), seeded idempotently by `ensure_taxonomy()`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from kokoma.accounts.models import Membership, MembershipRole, User
from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    Agreement,
    Case,
    CaseOutcome,
    CaseProcedure,
    ConflictType,
    Measure,
    RelationKind,
)
from kokoma.demo.office import programme_office
from kokoma.municipalities.models import Municipality
from kokoma.observations import services as services_observations
from kokoma.observations.models import Observation, Severity
from kokoma.taxonomy import services as services_taxonomy
from kokoma.taxonomy.models import Term, TermKind

TAXONOMY: dict[str, list[str]] = {
    TermKind.TOPIC: [
        "Flucht/Migration",
        "Rechtsextremismus",
        "Verschwörungserzählungen",
        "Nutzung öffentlicher Raum",
        "Religion",
        "Jugend",
        "Energie/Infrastruktur",
        "Wohnen",
        "Kommunalpolitik",
    ],
    TermKind.MOTIVE: [
        "rassistisch",
        "antisemitisch",
        "antimuslimisch",
        "LGBTIQ*-feindlich",
        "antiziganistisch",
        "extrem rechts",
        "behindertenfeindlich",
        "antifeministisch",
        "sonstiges",
    ],
    TermKind.INCIDENT_TYPE: [
        "Gewalt",
        "Bedrohung/Beleidigung",
        "Sachbeschädigung",
        "Propaganda/Aufkleber/Graffiti",
        "Veranstaltung",
        "Äußerung",
    ],
    TermKind.PROCEDURE: [
        "Mediation",
        "moderierter Dialog",
        "Runder Tisch",
        "Bürgerforum",
        "Konfliktberatung",
        "Schlichtung",
        "Pendeldiplomatie/Einzelgespräche",
        "Öffentlichkeitsarbeit",
    ],
}


def ensure_taxonomy() -> dict[tuple[str, str], Term]:
    """Create the initial terms where missing, as the programme office (or nobody, before the
    office has an account); never changes a term the office has edited."""
    existing = {(term.kind, term.name): term for term in Term.objects.all()}
    missing = [
        (kind, name, position)
        for kind, names in TAXONOMY.items()
        for position, name in enumerate(names, start=1)
        if (kind, name) not in existing
    ]
    if missing:
        office = programme_office()
        for kind, name, position in missing:
            existing[(kind, name)] = services_taxonomy.create_term(
                by=office, kind=kind, name=name, position=position
            )
    return existing


# An actor: (pseudonym, kind, role, attitude, influence)
ActorSpec = tuple[str, str, str, int, int]
# A relation: (source, target, kind, strength, from days ago, until days ago or None)
RelationSpec = tuple[str, str, str, int, int, int | None]


@dataclass(frozen=True)
class DemoCase:
    ags: str
    title: str
    summary: str
    topics: list[str]
    conflict_type: str
    opened_days_ago: int
    path: list[str]  # steps to move through after the initial one
    stages: list[tuple[int, int]]  # (days ago, Glasl stage) for the case as a whole
    actors: list[ActorSpec]
    relations: list[RelationSpec]
    perspectives: list[tuple[str, int, int]] = field(default_factory=list)  # (actor, days, stage)
    threats: dict[str, int] = field(default_factory=dict)
    dividers: str = ""
    connectors: str = ""
    causes: str = ""
    core_problem: str = ""
    effects: str = ""


COTTBUS, BAUTZEN, GREIFSWALD, HAMELN = "12052000", "14625020", "13075039", "03252006"
P, G, ORG, INST = (
    Actor.Kind.PERSON,
    Actor.Kind.GROUP,
    Actor.Kind.ORGANISATION,
    Actor.Kind.INSTITUTION,
)
COOP, ALLY, TENSION, CONFLICT, VIOLENCE, INFLUENCE = (
    RelationKind.COOPERATION,
    RelationKind.ALLIANCE,
    RelationKind.TENSION,
    RelationKind.CONFLICT,
    RelationKind.VIOLENCE,
    RelationKind.INFLUENCE,
)
TO_ANALYSIS = ["Ersteinschätzung", "Analyse"]
TO_WORK = [*TO_ANALYSIS, "Bearbeitung"]
TO_AFTERCARE = [*TO_WORK, "Nachsorge"]
TO_CLOSED = [*TO_AFTERCARE, "abgeschlossen"]


def _case(
    ags: str,
    title: str,
    summary: str,
    topics: list[str],
    conflict_type: str,
    opened: int,
    path: list[str],
    stages: list[tuple[int, int]],
    parties: tuple[str, str, str],
    **extra: object,
) -> DemoCase:
    """A case with the usual cast: two opposing parties and a mediating institution."""
    first, second, third = parties
    actors: list[ActorSpec] = [
        (first, G, "Initiator:innen des Protests", -1, 3),
        (second, ORG, "Betroffene Seite", 1, 2),
        (third, INST, "Vermittelnde Stelle", 2, 4),
    ]
    relations: list[RelationSpec] = [
        (first, second, TENSION, 2, opened, opened // 2),
        (first, second, CONFLICT, 3, opened // 2, None),
        (third, second, COOP, 2, opened, None),
        (third, first, INFLUENCE, 1, opened // 3, None),
    ]
    peak = max(stage for _, stage in stages)
    perspectives = [(first, stages[-1][0], min(9, peak + 1)), (second, stages[-1][0], peak)]
    return DemoCase(
        ags=ags,
        title=title,
        summary=summary,
        topics=topics,
        conflict_type=conflict_type,
        opened_days_ago=opened,
        path=path,
        stages=stages,
        actors=actors,
        relations=relations,
        perspectives=perspectives,
        **extra,  # type: ignore[arg-type]
    )


CASES: list[DemoCase] = [
    DemoCase(
        ags=COTTBUS,
        title="Nutzung des Stadthallenvorplatzes",
        summary="Jugendliche Gruppen treffen sich abends auf dem Vorplatz; Anwohnende und "
        "Gewerbetreibende beschweren sich über Lärm, in sozialen Medien kursieren "
        "pauschalisierende Beiträge über junge Geflüchtete.",
        topics=["Nutzung öffentlicher Raum", "Jugend", "Flucht/Migration"],
        conflict_type=ConflictType.DISTRIBUTION,
        opened_days_ago=210,
        path=TO_WORK,
        stages=[(200, 2), (150, 3), (90, 4), (30, 3)],
        actors=[
            ("Jugendgruppe „Vorplatz“", G, "nutzt den Platz als Treffpunkt", 0, 2),
            ("Anwohnendeninitiative Altmarkt", G, "fordert Platzverweise", -1, 3),
            ("Gewerbeverein Innenstadt", ORG, "sorgt sich um Kundschaft", -1, 3),
            ("Streetwork Mitte", INST, "aufsuchende Jugendarbeit", 2, 3),
            ("Ordnungsamt", INST, "zuständig für Sondernutzung", 1, 4),
            ("Facebook-Gruppe „Cottbus sagt Nein“", G, "mobilisiert online", -2, 3),
        ],
        relations=[
            ("Anwohnendeninitiative Altmarkt", "Jugendgruppe „Vorplatz“", TENSION, 2, 210, 120),
            ("Anwohnendeninitiative Altmarkt", "Jugendgruppe „Vorplatz“", CONFLICT, 3, 119, 40),
            ("Anwohnendeninitiative Altmarkt", "Jugendgruppe „Vorplatz“", TENSION, 1, 39, None),
            ("Streetwork Mitte", "Jugendgruppe „Vorplatz“", COOP, 3, 200, None),
            ("Gewerbeverein Innenstadt", "Anwohnendeninitiative Altmarkt", ALLY, 2, 180, 60),
            (
                "Facebook-Gruppe „Cottbus sagt Nein“",
                "Anwohnendeninitiative Altmarkt",
                INFLUENCE,
                2,
                160,
                None,
            ),
            ("Ordnungsamt", "Gewerbeverein Innenstadt", COOP, 1, 100, None),
        ],
        perspectives=[
            ("Jugendgruppe „Vorplatz“", 90, 5),
            ("Anwohnendeninitiative Altmarkt", 90, 4),
            ("Jugendgruppe „Vorplatz“", 30, 3),
            ("Anwohnendeninitiative Altmarkt", 30, 4),
        ],
        threats={"enmity": 2, "mobilisation": 1, "violence": 1, "polarisation": 2, "trust": 2},
        dividers="Lärm am Abend\nGerüchte über Diebstähle\nPauschale Beiträge in sozialen Medien",
        connectors="Gemeinsames Interesse an einem sauberen Platz\nSportverein nebenan\nStadtfest",
        causes="Fehlende Jugendtreffpunkte\nUmbau des Jugendclubs\nUnklare Zuständigkeiten",
        core_problem="Konkurrenz um einen knappen öffentlichen Raum, aufgeladen durch Zuschreibungen",
        effects="Rückzug von Anwohnenden\nMisstrauen gegenüber Verwaltung\nStigmatisierung junger Geflüchteter",
    ),
    DemoCase(
        ags=COTTBUS,
        title="Proteste gegen Gemeinschaftsunterkunft Sachsendorf",
        summary="Ankündigung einer neuen Unterkunft führte zu Protestkundgebungen; "
        "extrem rechte Gruppen versuchen, den Protest zu vereinnahmen.",
        topics=["Flucht/Migration", "Rechtsextremismus", "Kommunalpolitik"],
        conflict_type=ConflictType.VALUES,
        opened_days_ago=160,
        path=TO_WORK,
        stages=[(150, 3), (110, 5), (60, 6), (20, 5)],
        actors=[
            ("Bürgerinitiative „Sachsendorf fragt“", G, "organisiert Kundgebungen", -1, 3),
            ("Kameradschaft Süd", G, "extrem rechte Mobilisierung", -2, 2),
            ("Willkommensbündnis", ORG, "unterstützt Geflüchtete", 2, 2),
            ("Sozialdezernat", INST, "plant die Unterkunft", 1, 5),
            ("Kirchengemeinde Sachsendorf", ORG, "bietet Dialograum", 2, 2),
        ],
        relations=[
            ("Kameradschaft Süd", "Bürgerinitiative „Sachsendorf fragt“", INFLUENCE, 2, 130, None),
            ("Bürgerinitiative „Sachsendorf fragt“", "Sozialdezernat", CONFLICT, 3, 150, None),
            ("Willkommensbündnis", "Kameradschaft Süd", CONFLICT, 3, 120, None),
            (
                "Kirchengemeinde Sachsendorf",
                "Bürgerinitiative „Sachsendorf fragt“",
                TENSION,
                1,
                100,
                50,
            ),
            (
                "Kirchengemeinde Sachsendorf",
                "Bürgerinitiative „Sachsendorf fragt“",
                COOP,
                1,
                49,
                None,
            ),
            ("Kirchengemeinde Sachsendorf", "Willkommensbündnis", ALLY, 2, 150, None),
        ],
        perspectives=[
            ("Bürgerinitiative „Sachsendorf fragt“", 60, 5),
            ("Willkommensbündnis", 60, 6),
        ],
        threats={"enmity": 3, "mobilisation": 3, "violence": 2, "polarisation": 3, "trust": 2},
        dividers="Angst vor Veränderung im Viertel\nGerüchte über Kriminalität\nParolen bei Kundgebungen",
        connectors="Nachbarschaftsfest\nKirchengemeinde als neutraler Ort\nGemeinsame Sorge um die Schule",
        causes="Kurzfristige Information durch die Verwaltung\nSozialer Abstieg im Viertel\nGezielte Mobilisierung",
        core_problem="Fehlende Beteiligung bei einer Standortentscheidung, von extrem Rechten genutzt",
        effects="Bedrohungen gegen Ehrenamtliche\nPolarisierung in der Nachbarschaft",
    ),
    _case(
        COTTBUS,
        "Streit um Moscheeverein im Gewerbegebiet",
        "Ein Verein möchte eine ehemalige Lagerhalle als Gebetsraum nutzen; Nachbarbetriebe "
        "befürchten Parkplatznot, online werden antimuslimische Kommentare verbreitet.",
        ["Religion", "Nutzung öffentlicher Raum"],
        ConflictType.VALUES,
        120,
        TO_ANALYSIS,
        [(110, 2), (70, 3), (15, 4)],
        ("Nachbarbetriebe Gewerbering", "Islamischer Kulturverein", "Bauordnungsamt"),
        threats={"enmity": 2, "polarisation": 2, "trust": 1},
        dividers="Parkplätze am Freitag\nAntimuslimische Kommentare",
        connectors="Gemeinsame Straßenreinigung\nTag der offenen Tür",
    ),
    _case(
        COTTBUS,
        "Graffiti-Serie am Bahnhof",
        "Wiederholte rassistische Schmierereien an Unterführung und Wartehalle.",
        ["Rechtsextremismus", "Nutzung öffentlicher Raum"],
        ConflictType.STRUCTURAL,
        75,
        ["Ersteinschätzung"],
        [(70, 3), (20, 3)],
        ("Unbekannte Gruppe", "Betroffene Pendler:innen", "Bahnhofsmanagement"),
        threats={"enmity": 2, "mobilisation": 1},
    ),
    _case(
        COTTBUS,
        "Konflikt um Windpark Kolkwitzer Flur",
        "Ein geplanter Windpark spaltet Ortsteile; Verschwörungserzählungen über "
        "Gesundheitsschäden verbreiten sich.",
        ["Energie/Infrastruktur", "Verschwörungserzählungen", "Kommunalpolitik"],
        ConflictType.FACTUAL,
        300,
        TO_CLOSED,
        [(290, 3), (200, 4), (120, 3), (60, 2)],
        ("Bürgerinitiative Gegenwind", "Energiegenossenschaft Lausitz", "Ortsbeirat"),
        threats={"polarisation": 2, "trust": 2},
        dividers="Abstandsflächen\nGerüchte über Infraschall",
        connectors="Beteiligung an Erträgen\nGemeinsamer Ortsbeirat",
    ),
    _case(
        COTTBUS,
        "Spannungen im Jugendclub Ströbitz",
        "Auseinandersetzungen zwischen zwei Cliquen; eine davon trägt extrem rechte Symbole.",
        ["Jugend", "Rechtsextremismus"],
        ConflictType.RELATIONSHIP,
        45,
        [],
        [(40, 4)],
        ("Clique Nord", "Clique Marktplatz", "Jugendclub-Team"),
        threats={"violence": 2, "enmity": 2},
    ),
    DemoCase(
        ags=BAUTZEN,
        title="Versammlungen am Kornmarkt",
        summary="Wöchentliche Versammlungen und Gegendemonstrationen; Gewerbetreibende "
        "und Marktbeschicker:innen leiden unter der angespannten Stimmung.",
        topics=["Kommunalpolitik", "Rechtsextremismus", "Nutzung öffentlicher Raum"],
        conflict_type=ConflictType.VALUES,
        opened_days_ago=180,
        path=TO_WORK,
        stages=[(170, 4), (120, 5), (80, 6), (30, 5)],
        actors=[
            ("Montagsspaziergänge Bautzen", G, "organisiert Versammlungen", -2, 3),
            ("Bündnis Buntes Bautzen", ORG, "organisiert Gegenprotest", 1, 2),
            ("Marktbeschicker:innen", G, "wirtschaftlich betroffen", 0, 1),
            ("Versammlungsbehörde", INST, "Auflagen und Kooperationsgespräche", 1, 5),
        ],
        relations=[
            ("Montagsspaziergänge Bautzen", "Bündnis Buntes Bautzen", CONFLICT, 3, 180, None),
            ("Montagsspaziergänge Bautzen", "Bündnis Buntes Bautzen", VIOLENCE, 1, 85, 75),
            ("Versammlungsbehörde", "Montagsspaziergänge Bautzen", INFLUENCE, 2, 150, None),
            ("Marktbeschicker:innen", "Versammlungsbehörde", TENSION, 1, 100, None),
        ],
        perspectives=[("Montagsspaziergänge Bautzen", 80, 5), ("Bündnis Buntes Bautzen", 80, 7)],
        threats={"mobilisation": 3, "violence": 2, "polarisation": 3, "trust": 3},
        dividers="Parolen gegen die Verwaltung\nEinschüchterung von Gegendemonstrierenden",
        connectors="Gemeinsamer Wochenmarkt\nSorbische Kulturvereine als Brücke",
        causes="Misstrauen gegenüber Institutionen\nÜberregionale Mobilisierung",
        core_problem="Der Marktplatz ist Bühne einer Polarisierung, die das Zusammenleben prägt",
        effects="Weniger Marktbesuch\nRückzug Engagierter",
    ),
    _case(
        BAUTZEN,
        "Jugendtreff am Gesundbrunnen",
        "Beschwerden über einen Treffpunkt junger Menschen, Vorwürfe gegen eine Gruppe "
        "junger Geflüchteter, Auseinandersetzungen in der Nacht.",
        ["Jugend", "Flucht/Migration", "Nutzung öffentlicher Raum"],
        ConflictType.DISTRIBUTION,
        95,
        TO_ANALYSIS,
        [(90, 3), (50, 4), (10, 4)],
        ("Anwohnende Gesundbrunnen", "Jugendliche vom Treffpunkt", "Kinder- und Jugendhaus"),
        threats={"enmity": 2, "violence": 1, "polarisation": 1},
    ),
    _case(
        BAUTZEN,
        "Zweisprachige Ortsschilder beschmiert",
        "Sorbische Beschriftungen wurden mehrfach übermalt.",
        ["Kommunalpolitik"],
        ConflictType.VALUES,
        60,
        ["Ersteinschätzung"],
        [(55, 3)],
        ("Unbekannte", "Domowina-Ortsgruppe", "Bauhof"),
        threats={"enmity": 2},
    ),
    _case(
        BAUTZEN,
        "Streit um Sportplatzzeiten",
        "Ein Migrant:innen-Sportverein erhält kaum Trainingszeiten; der Konflikt wurde "
        "durch einen neuen Belegungsplan beigelegt.",
        ["Nutzung öffentlicher Raum", "Flucht/Migration"],
        ConflictType.DISTRIBUTION,
        260,
        TO_CLOSED,
        [(250, 3), (180, 2), (100, 1)],
        ("SV Blau-Weiß", "FC International", "Sportamt"),
        threats={"polarisation": 1},
        dividers="Hallenzeiten",
        connectors="Gemeinsames Turnier",
    ),
    _case(
        BAUTZEN,
        "Wohnungsvergabe Spreehöhe",
        "Mieter:innen werfen der Wohnungsgesellschaft Bevorzugung vor; Flugblätter mit "
        "rassistischen Untertönen.",
        ["Wohnen", "Flucht/Migration"],
        ConflictType.STRUCTURAL,
        130,
        TO_WORK,
        [(120, 2), (80, 3), (25, 3)],
        ("Mieter:innenrat Spreehöhe", "Neu zugezogene Familien", "Wohnungsgesellschaft"),
        threats={"enmity": 1, "trust": 2},
    ),
    DemoCase(
        ags=GREIFSWALD,
        title="Unterbringung in Containerdorf Ostseeviertel",
        summary="Bürgerentscheid über Containerstandorte polarisiert die Stadt; Drohungen "
        "gegen Mitglieder der Bürgerschaft.",
        topics=["Flucht/Migration", "Kommunalpolitik", "Wohnen"],
        conflict_type=ConflictType.VALUES,
        opened_days_ago=330,
        path=TO_AFTERCARE,
        stages=[(320, 4), (260, 6), (180, 5), (90, 4), (20, 3)],
        actors=[
            ("Initiative „Greifswald entscheidet“", G, "betreibt Bürgerentscheid", -1, 4),
            ("Flüchtlingsrat-Gruppe Ost", ORG, "berät Geflüchtete", 2, 2),
            ("Bürgerschaftsfraktionen", INST, "entscheiden über Standorte", 0, 5),
            ("Anonyme Drohschreiber:innen", G, "bedrohen Mandatsträger:innen", -2, 1),
            ("Studierendenvertretung", ORG, "organisiert Diskussionsabende", 2, 2),
        ],
        relations=[
            (
                "Initiative „Greifswald entscheidet“",
                "Bürgerschaftsfraktionen",
                CONFLICT,
                3,
                330,
                150,
            ),
            (
                "Initiative „Greifswald entscheidet“",
                "Bürgerschaftsfraktionen",
                TENSION,
                2,
                149,
                None,
            ),
            ("Anonyme Drohschreiber:innen", "Bürgerschaftsfraktionen", VIOLENCE, 2, 270, 200),
            ("Studierendenvertretung", "Flüchtlingsrat-Gruppe Ost", ALLY, 2, 300, None),
            ("Studierendenvertretung", "Initiative „Greifswald entscheidet“", TENSION, 2, 300, 100),
            ("Studierendenvertretung", "Initiative „Greifswald entscheidet“", COOP, 1, 99, None),
        ],
        perspectives=[
            ("Initiative „Greifswald entscheidet“", 260, 5),
            ("Flüchtlingsrat-Gruppe Ost", 260, 7),
            ("Initiative „Greifswald entscheidet“", 20, 3),
        ],
        threats={"enmity": 2, "mobilisation": 2, "violence": 2, "polarisation": 3, "trust": 2},
        dividers="Ergebnis des Bürgerentscheids\nDrohschreiben",
        connectors="Runder Tisch Ostseeviertel\nGemeinsame Kita-Elternarbeit",
        causes="Wohnungsknappheit\nKurzfristige Zuweisungen\nFrühere Versäumnisse bei Beteiligung",
        core_problem="Eine Standortfrage wurde zur Identitätsfrage der Stadt",
        effects="Bedrohung von Ehrenamtlichen und Mandatsträger:innen\nSpaltung in Stadtteilen",
    ),
    _case(
        GREIFSWALD,
        "Antisemitische Vorfälle an der Hochschule",
        "Aufkleber und Äußerungen in Lehrveranstaltungen; jüdische Studierende fühlen sich "
        "bedroht.",
        ["Religion", "Rechtsextremismus"],
        ConflictType.VALUES,
        85,
        TO_ANALYSIS,
        [(80, 4), (40, 4)],
        ("Unbekannte Aufkleber-Gruppe", "Jüdische Studierendengruppe", "Hochschulleitung"),
        threats={"enmity": 3, "violence": 1, "trust": 2},
    ),
    _case(
        GREIFSWALD,
        "Trassenführung Stromleitung Eldena",
        "Die geplante Trasse führt durch ein Naturschutzgebiet; Vorwürfe der Intransparenz.",
        ["Energie/Infrastruktur", "Kommunalpolitik"],
        ConflictType.FACTUAL,
        200,
        TO_WORK,
        [(190, 2), (120, 3), (50, 3)],
        ("Naturschutzverein Eldena", "Netzbetreiber Nordost", "Planungsamt"),
        threats={"trust": 2},
    ),
    _case(
        GREIFSWALD,
        "Regenbogenflagge am Rathaus",
        "Das Hissen der Flagge zum CSD führte zu Hassbotschaften und einer Debatte in der "
        "Bürgerschaft.",
        ["Kommunalpolitik"],
        ConflictType.VALUES,
        240,
        TO_CLOSED,
        [(235, 3), (200, 4), (120, 2)],
        ("Kritiker:innen im Netz", "CSD-Verein", "Bürgermeisteramt"),
        threats={"enmity": 2, "polarisation": 2},
    ),
    _case(
        GREIFSWALD,
        "Nachbarschaftsstreit Schönwalde",
        "Lärm und Müll an einem Wohnblock; gegenseitige Anzeigen.",
        ["Wohnen"],
        ConflictType.RELATIONSHIP,
        30,
        [],
        [(25, 3)],
        ("Hausgemeinschaft Block 7", "Großfamilie aus Block 9", "Quartiersmanagement"),
    ),
    DemoCase(
        ags=HAMELN,
        title="Runder Tisch Innenstadt",
        summary="Konflikte zwischen Gastronomie, Anwohnenden und jungen Erwachsenen "
        "wurden in einem moderierten Dialog bearbeitet; Vereinbarungen werden überprüft.",
        topics=["Nutzung öffentlicher Raum", "Jugend"],
        conflict_type=ConflictType.DISTRIBUTION,
        opened_days_ago=420,
        path=TO_AFTERCARE,
        stages=[(410, 4), (330, 5), (250, 4), (150, 3), (40, 2)],
        actors=[
            ("Gastronomie am Pferdemarkt", ORG, "Außengastronomie", 0, 3),
            ("Anwohnende Altstadt", G, "Nachtruhe", -1, 3),
            ("Junge Erwachsene am Weserufer", G, "Treffpunkt", 0, 1),
            ("Präventionsrat Hameln", INST, "moderiert", 2, 4),
        ],
        relations=[
            ("Anwohnende Altstadt", "Gastronomie am Pferdemarkt", CONFLICT, 2, 420, 250),
            ("Anwohnende Altstadt", "Gastronomie am Pferdemarkt", COOP, 1, 249, None),
            ("Anwohnende Altstadt", "Junge Erwachsene am Weserufer", TENSION, 2, 400, None),
            ("Präventionsrat Hameln", "Junge Erwachsene am Weserufer", COOP, 2, 300, None),
        ],
        perspectives=[("Anwohnende Altstadt", 330, 5), ("Junge Erwachsene am Weserufer", 330, 4)],
        threats={"polarisation": 1, "trust": 1},
        dividers="Nachtruhe\nMüll am Weserufer",
        connectors="Gemeinsames Interesse an einer lebendigen Altstadt\nRunder Tisch",
        causes="Mehr Außengastronomie\nWenige Freiräume für junge Menschen",
        core_problem="Unterschiedliche Nutzungsansprüche an die Altstadt",
        effects="Beschwerden\nPolizeieinsätze",
    ),
    _case(
        HAMELN,
        "Hassbotschaften gegen Ratsmitglied",
        "Ein Ratsmitglied mit Migrationsgeschichte erhielt Drohbriefe; Solidaritätsaktion "
        "der Fraktionen.",
        ["Kommunalpolitik", "Rechtsextremismus"],
        ConflictType.VALUES,
        150,
        TO_WORK,
        [(145, 5), (90, 6), (30, 4)],
        ("Anonyme Absender:innen", "Betroffenes Ratsmitglied", "Ratsvorsitz"),
        threats={"enmity": 3, "violence": 3, "trust": 2},
    ),
    _case(
        HAMELN,
        "Streit um Schulwegsicherheit",
        "Elterninitiative und Verwaltung streiten über Tempo 30 vor der Grundschule.",
        ["Kommunalpolitik", "Energie/Infrastruktur"],
        ConflictType.FACTUAL,
        280,
        TO_CLOSED,
        [(270, 2), (200, 3), (110, 1)],
        ("Elterninitiative Klütviertel", "Straßenverkehrsbehörde", "Ortsrat"),
        threats={"trust": 1},
    ),
    _case(
        HAMELN,
        "Sinti-Familie bei Wohnungssuche abgewiesen",
        "Vorwürfe antiziganistischer Diskriminierung gegen eine Hausverwaltung.",
        ["Wohnen"],
        ConflictType.STRUCTURAL,
        65,
        TO_ANALYSIS,
        [(60, 3), (20, 3)],
        ("Hausverwaltung Nord", "Betroffene Familie", "Antidiskriminierungsberatung"),
        threats={"enmity": 2, "trust": 2},
    ),
    _case(
        HAMELN,
        "Konflikt um Corona-Gedenkstein",
        "Eine Gruppe verbreitet Verschwörungserzählungen am Gedenkort; Angehörige fühlen "
        "sich verhöhnt.",
        ["Verschwörungserzählungen"],
        ConflictType.VALUES,
        20,
        [],
        [(15, 3)],
        ("Spaziergangsgruppe", "Angehörigenkreis", "Friedhofsverwaltung"),
    ),
]

# Observations: (ags, days ago, place, description, source, topics, incident, motive, type,
#                outcome) where outcome is "new", "verified", "dismissed:<reason>",
#                "case:<title>" or "chronicle:<anonymised text>"
OBSERVATIONS: list[tuple[str, int, str, str, str, list[str], bool, str, str, str]] = [
    (
        COTTBUS,
        3,
        "Sandow",
        "Am Spielplatz wurden Aufkleber mit rassistischen Parolen gefunden.",
        "public_form",
        ["Rechtsextremismus"],
        True,
        "rassistisch",
        "Propaganda/Aufkleber/Graffiti",
        "new",
    ),
    (
        COTTBUS,
        6,
        "Stadtmitte",
        "Lautstarke Auseinandersetzung zwischen Jugendlichen vor der Stadthalle.",
        "internal",
        ["Jugend"],
        False,
        "",
        "",
        "new",
    ),
    (
        COTTBUS,
        12,
        "Sachsendorf",
        "Eine Frau mit Kopftuch wurde an der Haltestelle beleidigt und bespuckt.",
        "civil_society",
        ["Flucht/Migration"],
        True,
        "antimuslimisch",
        "Bedrohung/Beleidigung",
        "chronicle:Eine Frau wurde an einer Haltestelle antimuslimisch beleidigt und bespuckt.",
    ),
    (
        COTTBUS,
        20,
        "Sachsendorf",
        "Flugblätter gegen die geplante Unterkunft in Briefkästen verteilt.",
        "press",
        ["Flucht/Migration", "Rechtsextremismus"],
        True,
        "extrem rechts",
        "Propaganda/Aufkleber/Graffiti",
        "case:Proteste gegen Gemeinschaftsunterkunft Sachsendorf",
    ),
    (
        COTTBUS,
        25,
        "Stadtmitte",
        "Beschwerde über Müll auf dem Vorplatz.",
        "public_form",
        ["Nutzung öffentlicher Raum"],
        False,
        "",
        "",
        "case:Nutzung des Stadthallenvorplatzes",
    ),
    (
        COTTBUS,
        40,
        "Schmellwitz",
        "Doppelte Meldung zu den Flugblättern in Sachsendorf.",
        "public_form",
        [],
        False,
        "",
        "",
        "dismissed:Doppelte Meldung, bereits im Fall Sachsendorf erfasst.",
    ),
    (
        COTTBUS,
        55,
        "Bahnhof",
        "Hakenkreuz-Graffiti in der Unterführung.",
        "police",
        ["Rechtsextremismus"],
        True,
        "extrem rechts",
        "Propaganda/Aufkleber/Graffiti",
        "chronicle:In der Bahnhofsunterführung wurde ein Hakenkreuz gesprüht.",
    ),
    (
        COTTBUS,
        70,
        "Ströbitz",
        "Jugendlicher nach Fußballspiel rassistisch beleidigt und geschlagen.",
        "civil_society",
        ["Jugend"],
        True,
        "rassistisch",
        "Gewalt",
        "chronicle:Ein Jugendlicher wurde nach einem Fußballspiel rassistisch beleidigt und geschlagen.",
    ),
    (
        BAUTZEN,
        4,
        "Kornmarkt",
        "Bei der Versammlung wurden Journalist:innen bedrängt.",
        "press",
        ["Kommunalpolitik"],
        True,
        "extrem rechts",
        "Bedrohung/Beleidigung",
        "verified",
    ),
    (
        BAUTZEN,
        9,
        "Gesundbrunnen",
        "Anwohnende melden nächtliche Ruhestörung am Jugendtreff.",
        "public_form",
        ["Jugend"],
        False,
        "",
        "",
        "new",
    ),
    (
        BAUTZEN,
        30,
        "Innenstadt",
        "Sorbische Ortsschilder übermalt.",
        "internal",
        [],
        True,
        "sonstiges",
        "Sachbeschädigung",
        "chronicle:Zweisprachige Ortsschilder wurden übermalt.",
    ),
    (
        BAUTZEN,
        50,
        "Allendeviertel",
        "Werbung für ein Konzert; kein Bezug zu Konflikten.",
        "public_form",
        [],
        False,
        "",
        "",
        "dismissed:Kein Konfliktbezug.",
    ),
    (
        GREIFSWALD,
        5,
        "Innenstadt",
        "Antisemitische Aufkleber an der Mensa.",
        "civil_society",
        ["Religion"],
        True,
        "antisemitisch",
        "Propaganda/Aufkleber/Graffiti",
        "chronicle:An einem Hochschulgebäude wurden antisemitische Aufkleber angebracht.",
    ),
    (
        GREIFSWALD,
        15,
        "Ostseeviertel",
        "Drohschreiben an eine Ehrenamtliche des Willkommenscafés.",
        "police",
        ["Flucht/Migration"],
        True,
        "rassistisch",
        "Bedrohung/Beleidigung",
        "case:Unterbringung in Containerdorf Ostseeviertel",
    ),
    (
        GREIFSWALD,
        18,
        "Schönwalde",
        "Streit im Treppenhaus, Polizei gerufen.",
        "internal",
        ["Wohnen"],
        False,
        "",
        "",
        "new",
    ),
    (
        GREIFSWALD,
        60,
        "Innenstadt",
        "Regenbogenflagge am Rathaus heruntergerissen.",
        "press",
        [],
        True,
        "LGBTIQ*-feindlich",
        "Sachbeschädigung",
        "chronicle:Eine Regenbogenflagge wurde heruntergerissen und beschädigt.",
    ),
    (
        HAMELN,
        7,
        "Altstadt",
        "Menschen mit Behinderung im Bus verspottet.",
        "public_form",
        [],
        True,
        "behindertenfeindlich",
        "Bedrohung/Beleidigung",
        "verified",
    ),
    (
        HAMELN,
        14,
        "Klütviertel",
        "Plakat mit frauenfeindlichen Parolen an einer Schule.",
        "internal",
        [],
        True,
        "antifeministisch",
        "Propaganda/Aufkleber/Graffiti",
        "chronicle:An einer Schule wurde ein Plakat mit frauenfeindlichen Parolen aufgehängt.",
    ),
    (
        HAMELN,
        21,
        "Nordstadt",
        "Familie berichtet von Ablehnung bei Wohnungsbesichtigung wegen ihrer Herkunft.",
        "civil_society",
        ["Wohnen"],
        True,
        "antiziganistisch",
        "Äußerung",
        "case:Sinti-Familie bei Wohnungssuche abgewiesen",
    ),
    (
        HAMELN,
        45,
        "Weserufer",
        "Anfrage zum Grillen am Ufer.",
        "public_form",
        [],
        False,
        "",
        "",
        "dismissed:Keine Konfliktmeldung; an das Ordnungsamt weitergeleitet.",
    ),
]


def _tandem_user(municipality: Municipality) -> User | None:
    memberships = {
        m.role: m.user
        for m in Membership.objects.filter(municipality=municipality).select_related("user")
    }
    return memberships.get(MembershipRole.LOCAL_COMPANION) or memberships.get(
        MembershipRole.EXTERNAL_COMPANION
    )


def _actor_user(municipality: Municipality) -> User | None:
    membership = (
        Membership.objects.filter(municipality=municipality, role=MembershipRole.ACTOR)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def load_demo_cases() -> None:
    """Create the demo's observations, cases and chronicle; idempotent."""
    taxonomy = ensure_taxonomy()
    if Case.objects.filter(title=CASES[0].title).exists():
        return
    today = timezone.localdate()
    municipalities = {
        m.ags: m
        for m in Municipality.objects.with_register().filter(
            register__ags__in={spec.ags for spec in CASES}
        )
    }
    created: dict[str, Case] = {}
    for spec in CASES:
        municipality = municipalities.get(spec.ags)
        tandem = _tandem_user(municipality) if municipality else None
        if municipality is None or tandem is None:
            continue
        created[spec.title] = _demo_case(spec, municipality, tandem, taxonomy, today)
    for row in OBSERVATIONS:
        municipality = municipalities.get(row[0])
        tandem = _tandem_user(municipality) if municipality else None
        if municipality is not None and tandem is not None:
            _demo_observation(row, municipality, tandem, taxonomy, created, today)


def _demo_case(
    spec: DemoCase,
    municipality: Municipality,
    tandem: User,
    taxonomy: dict[tuple[str, str], Term],
    today: datetime.date,
) -> Case:
    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    actor_user = _actor_user(municipality)
    case = services.open_case(
        municipality=municipality,
        by=tandem,
        title=spec.title,
        summary=spec.summary,
        opened_on=ago(spec.opened_days_ago),
        team=[actor_user] if actor_user else [],
    )
    steps = {step.name: step for step in case.step.workflow.steps.all()}
    for name in spec.path:
        if name not in steps:
            continue
        if steps[name].is_final:
            outcome, lessons = _closing(spec)
            services.close_case(
                case, by=tandem, outcome=outcome, lessons=lessons, to_step=steps[name]
            )
        else:
            services.transition_case(case, by=tandem, to_step=steps[name])
    case.refresh_from_db()  # the moves above saved newer versions of the case
    case = services.update_case(
        case,
        by=tandem,
        version=case.version,
        topics=[taxonomy[(TermKind.TOPIC, name)] for name in spec.topics],
        conflict_type=spec.conflict_type,
        dividers=spec.dividers,
        connectors=spec.connectors,
        tree_causes=spec.causes,
        tree_core_problem=spec.core_problem,
        tree_effects=spec.effects,
    )
    actors = {
        pseudonym: services.add_actor(
            case,
            by=tandem,
            pseudonym=pseudonym,
            kind=kind,
            role=role,
            attitude=attitude,
            influence=influence,
            interests=f"{role}; möchte gehört werden",
            needs="Sicherheit, Anerkennung",
        )
        for pseudonym, kind, role, attitude, influence in spec.actors
    }
    for source, target, kind, strength, since, until in spec.relations:
        services.add_relation(
            case,
            by=tandem,
            source=actors[source],
            target=actors[target],
            kind=kind,
            strength=strength,
            directed=kind == RelationKind.INFLUENCE,
            valid_from=ago(since),
            valid_to=ago(until) if until is not None else None,
        )
    for days, stage in spec.stages:
        services.assess_escalation(
            case,
            by=tandem,
            stage=stage,
            assessed_on=ago(days),
            rationale="Einschätzung im Tandem nach Gesprächen mit Beteiligten.",
        )
    for pseudonym, days, stage in spec.perspectives:
        services.assess_escalation(
            case,
            by=tandem,
            actor=actors[pseudonym],
            stage=stage,
            assessed_on=ago(days),
            rationale=f"So sieht {pseudonym} die Lage (aus Einzelgesprächen).",
        )
    first_day = spec.stages[0][0]
    for index, (dimension, score) in enumerate(spec.threats.items()):
        services.assess_threat(
            case,
            by=tandem,
            dimension=dimension,
            score=score,
            rationale="Erste Gefährdungseinschätzung im Tandem.",
            assessed_on=ago(first_day if index % 2 else spec.stages[-1][0]),
        )
    if "Bearbeitung" in spec.path:
        _demo_processing(case, spec, list(actors.values()), tandem, taxonomy, ago)
    return case


CLOSING_OUTCOMES = [
    CaseOutcome.RESOLVED,
    CaseOutcome.DEESCALATED,
    CaseOutcome.TRANSFORMED,
    CaseOutcome.DORMANT,
]


def _closing(spec: DemoCase) -> tuple[str, str]:
    """The outcome and lessons learned of a demo case that ends in the final step."""
    outcome = CLOSING_OUTCOMES[sum(map(ord, spec.title)) % len(CLOSING_OUTCOMES)]
    lessons = (
        "Früh mit allen Seiten einzeln sprechen, bevor ein gemeinsames Format angeboten wird.\n"
        "Vereinbarungen schriftlich festhalten und einen Termin zur Überprüfung setzen."
    )
    return outcome, lessons


def _demo_processing(
    case: Case,
    spec: DemoCase,
    actors: list[Actor],
    tandem: User,
    taxonomy: dict[tuple[str, str], Term],
    ago: Callable[[int], datetime.date],
) -> None:
    """Procedures, measures and agreements of a case that reached the processing step."""
    closed = "abgeschlossen" in spec.path
    opened = spec.opened_days_ago
    services.add_procedure(
        case,
        by=tandem,
        procedure=taxonomy[(TermKind.PROCEDURE, "Pendeldiplomatie/Einzelgespräche")],
        goal="Sichtweisen und Anliegen aller Seiten in Einzelgesprächen kennenlernen.",
        participants=actors,
        status=CaseProcedure.Status.COMPLETED,
        started_on=ago(opened * 2 // 3),
        ended_on=ago(opened // 2),
    )
    services.add_procedure(
        case,
        by=tandem,
        procedure=taxonomy[
            (TermKind.PROCEDURE, "Runder Tisch" if closed else "moderierter Dialog")
        ],
        goal="Gemeinsame Regeln für das Zusammenleben vereinbaren.",
        participants=actors[:2],
        status=CaseProcedure.Status.COMPLETED if closed else CaseProcedure.Status.RUNNING,
        started_on=ago(opened // 2),
        ended_on=ago(opened // 4) if closed else None,
    )
    measures: list[tuple[Measure, datetime.date]] = [
        (
            services.add_measure(
                case,
                by=tandem,
                title="Gesprächstermine mit allen Beteiligten vereinbaren",
                owner=tandem,
                status=Measure.Status.DONE,
                result="Alle Seiten waren zu Einzelgesprächen bereit.",
            ),
            ago(opened // 2),
        ),
        (
            services.add_measure(
                case,
                by=tandem,
                title="Protokoll des letzten Treffens an alle versenden",
                owner=tandem,
                status=Measure.Status.DONE if closed else Measure.Status.OPEN,
                result="Versandt und bestätigt." if closed else "",
            ),
            ago(opened // 4) if closed else ago(5),
        ),
        (
            services.add_measure(
                case,
                by=tandem,
                title="Raum für das nächste Treffen organisieren",
                description="Neutraler Ort, barrierefrei erreichbar.",
                owner=tandem,
                status=Measure.Status.CANCELLED if closed else Measure.Status.IN_PROGRESS,
            ),
            ago(opened // 4) if closed else ago(-14),
        ),
    ]
    # The measures were taken on months ago. A due date must not lie before the day a measure
    # was created, so each gets its (now past) due date once its creation day is backdated;
    # the creation time is a pure timestamp that no service sets.
    Measure.objects.filter(pk__in=[measure.pk for measure, _ in measures]).update(
        created_at=timezone.now() - datetime.timedelta(days=opened * 2 // 3)
    )
    for measure, due_on in measures:
        services.update_measure(measure, by=tandem, due_on=due_on)
    services.add_agreement(
        case,
        by=tandem,
        text="Beschwerden werden zuerst direkt und sachlich angesprochen, nicht in sozialen Medien.",
        parties=actors[:2],
        agreed_on=ago(opened // 3),
        review_on=ago(opened // 6),
        status=Agreement.Status.KEPT if closed else Agreement.Status.IN_FORCE,
    )
    services.add_agreement(
        case,
        by=tandem,
        text="Beide Seiten verzichten bis zum nächsten Treffen auf öffentliche Aktionen.",
        parties=actors[:2],
        agreed_on=ago(opened // 2),
        status=Agreement.Status.BROKEN if closed else Agreement.Status.RENEGOTIATED,
    )


def _demo_observation(
    row: tuple[str, int, str, str, str, list[str], bool, str, str, str],
    municipality: Municipality,
    tandem: User,
    taxonomy: dict[tuple[str, str], Term],
    cases: dict[str, Case],
    today: datetime.date,
) -> None:
    _, days, place, description, source, topics, incident, motive, kind, outcome = row
    observation = services_observations.record_observation(
        municipality=municipality,
        by=None if source == Observation.Source.PUBLIC_FORM else tandem,
        occurred_on=today - datetime.timedelta(days=days),
        place=place,
        description=description,
        source=source,
        topics=[taxonomy[(TermKind.TOPIC, name)] for name in topics],
        severity=Severity.HIGH if incident else Severity.MEDIUM,
        is_incident=incident,
        motive=taxonomy[(TermKind.MOTIVE, motive)] if motive else None,
        incident_type=taxonomy[(TermKind.INCIDENT_TYPE, kind)] if kind else None,
    )
    action, _, detail = outcome.partition(":")
    if action == "verified":
        services_observations.verify_observation(observation, by=tandem)
    elif action == "dismissed":
        services_observations.dismiss_observation(observation, by=tandem, reason=detail)
    elif action == "case" and detail in cases:
        services_observations.verify_observation(observation, by=tandem)
        services_observations.merge_into_case(observation, by=tandem, case=cases[detail])
    elif action == "chronicle":
        services_observations.verify_observation(observation, by=tandem)
        services_observations.publish_to_chronicle(
            observation, by=tandem, text=detail, district=place
        )
