"""The stories of the demo cases: who is involved, with which interests, and how each case went.

Every case, actor, comment and task is invented; actors carry pseudonyms as in real use. Dates are
counted in days before the day the demo is loaded (`kokoma.demo.clock`), so the history stays
current. The step history keeps to the default procedure rules (`kokoma.workflow.services`):
every open case is still within the response time of its current step, so loading the demo
raises no overdue alerts of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kokoma.cases.models import Actor, ConflictType, RelationKind


@dataclass(frozen=True)
class DemoActor:
    pseudonym: str
    kind: str
    role: str
    attitude: int
    influence: int
    interests: str
    needs: str
    positions: str


# A relation: (source, target, kind, strength, from days ago, until days ago or None)
RelationSpec = tuple[str, str, str, int, int, int | None]
# A step change: (step, days ago, note)
Move = tuple[str, int, str]
# A comment: (days ago, who writes it: "tandem", "external" or "actor", text)
CommentSpec = tuple[int, str, str]
# A task the tandem sets itself: (days ago set, title, due days ago (negative: ahead), done
# days ago or None)
TaskSpec = tuple[int, str, int, int | None]


@dataclass(frozen=True)
class DemoCase:
    ags: str
    title: str
    summary: str
    topics: list[str]
    conflict_type: str
    opened_days_ago: int
    steps: list[Move]  # the moves after the initial step, oldest first
    stages: list[tuple[int, int]]  # (days ago, Glasl stage) for the case as a whole
    actors: list[DemoActor]
    relations: list[RelationSpec]
    perspectives: list[tuple[str, int, int]] = field(default_factory=list)  # (actor, days, stage)
    threats: dict[str, int] = field(default_factory=dict)
    dividers: str = ""
    connectors: str = ""
    causes: str = ""
    core_problem: str = ""
    effects: str = ""
    comments: list[CommentSpec] = field(default_factory=list)
    tasks: list[TaskSpec] = field(default_factory=list)
    lessons: str = ""


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
FIRST_LOOK, ANALYSIS, WORK, AFTERCARE, CLOSED = (
    "Ersteinschätzung",
    "Analyse",
    "Bearbeitung",
    "Nachsorge",
    "abgeschlossen",
)


def _case(
    ags: str,
    title: str,
    summary: str,
    topics: list[str],
    conflict_type: str,
    opened: int,
    steps: list[Move],
    stages: list[tuple[int, int]],
    parties: tuple[DemoActor, DemoActor, DemoActor],
    **extra: object,
) -> DemoCase:
    """A case with the usual cast: two opposing parties and a mediating institution."""
    first, second, third = (party.pseudonym for party in parties)
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
        steps=steps,
        stages=stages,
        actors=list(parties),
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
        steps=[
            (FIRST_LOOK, 209, "Beschwerden von Anwohnenden und Gewerbeverein gebündelt."),
            (ANALYSIS, 203, "Gespräche mit allen Seiten und eine Platzbegehung geplant."),
            (WORK, 172, "Analyse abgeschlossen; Einzelgespräche mit allen Seiten beginnen."),
            (ANALYSIS, 88, "Eskalation nach dem Stadtfest: Online-Mobilisierung neu einschätzen."),
            (WORK, 64, "Moderierter Dialog mit Anwohnenden und Jugendlichen vereinbart."),
        ],
        stages=[(200, 2), (150, 3), (90, 4), (30, 3)],
        actors=[
            DemoActor(
                "Jugendgruppe „Vorplatz“",
                G,
                "nutzt den Platz als abendlichen Treffpunkt",
                0,
                2,
                interests="Einen Ort in der Innenstadt, an dem sie sich ohne Verzehrzwang und "
                "ohne ständige Kontrollen treffen können.",
                needs="Zugehörigkeit, Respekt, Freiraum",
                positions="„Wir gehen nicht weg, solange es keinen anderen Platz für uns gibt.“",
            ),
            DemoActor(
                "Anwohnendeninitiative Altmarkt",
                G,
                "fordert Platzverweise und mehr Kontrollen",
                -1,
                3,
                interests="Nachtruhe ab 22 Uhr, saubere Hauseingänge und abends ohne mulmiges "
                "Gefühl nach Hause kommen.",
                needs="Ruhe, Sicherheit, ernst genommen werden",
                positions="Alkoholverbot und regelmäßige Streifen auf dem Vorplatz; Platzverweise "
                "bei Lärm.",
            ),
            DemoActor(
                "Gewerbeverein Innenstadt",
                ORG,
                "vertritt Geschäfte und Gastronomie am Platz",
                -1,
                3,
                interests="Kundschaft, die den Platz tagsüber und am frühen Abend gern betritt; "
                "keine Schäden an Schaufenstern.",
                needs="Wirtschaftliche Planungssicherheit, ein gutes Bild der Innenstadt",
                positions="Die Stadt soll den Platz abends besser beleuchten und "
                "Videoüberwachung prüfen.",
            ),
            DemoActor(
                "Streetwork Mitte",
                INST,
                "aufsuchende Jugendarbeit, kennt die Jugendlichen persönlich",
                2,
                3,
                interests="Das Vertrauen der Jugendlichen halten und einen festen Raum für die "
                "Gruppe finden, bis der Jugendclub wieder öffnet.",
                needs="Verlässliche Absprachen mit dem Ordnungsamt, Rückhalt der Verwaltung",
                positions="Verdrängung nur mit Alternative; Streetwork wird vor Einsätzen "
                "informiert.",
            ),
            DemoActor(
                "Ordnungsamt",
                INST,
                "zuständig für Sondernutzung und Gefahrenabwehr",
                1,
                4,
                interests="Weniger Beschwerden, rechtssichere Einsätze und kein Personal, das "
                "dauerhaft am Platz gebunden ist.",
                needs="Klare Zuständigkeiten, handhabbare Regeln",
                positions="Eine Platzordnung mit festen Ruhezeiten; Kontrollen nur bei konkreten "
                "Verstößen.",
            ),
            DemoActor(
                "Facebook-Gruppe „Cottbus sagt Nein“",
                G,
                "mobilisiert online",
                -2,
                3,
                interests="Reichweite gewinnen, indem der Platz als Beleg für ein angebliches "
                "Versagen der Stadt dient.",
                needs="Aufmerksamkeit, Gruppenidentität",
                positions="Verbreitet pauschale Vorwürfe gegen junge Geflüchtete und fordert "
                "„hartes Durchgreifen“.",
            ),
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
        comments=[
            (
                150,
                "tandem",
                "Einzelgespräch mit der Anwohnendeninitiative geführt: Hauptthema ist der Lärm "
                "nach 22 Uhr, weniger die Jugendlichen selbst. Protokoll liegt im Fallordner.",
            ),
            (
                120,
                "actor",
                "Das Jugendamt kann den Umbau des Jugendclubs nicht beschleunigen; Räume gibt es "
                "frühestens im Frühjahr wieder. Streetwork ist informiert.",
            ),
            (
                86,
                "external",
                "Nach den Beiträgen in der Facebook-Gruppe sollten wir die Stigmatisierung der "
                "jungen Geflüchteten ausdrücklich in die Analyse aufnehmen.",
            ),
            (
                20,
                "tandem",
                "Der Termin für den moderierten Dialog steht; Streetwork bringt zwei Jugendliche "
                "als Sprecher:innen der Gruppe mit.",
            ),
        ],
        tasks=[
            (62, "Einladungen für den moderierten Dialog verschicken", 50, 52),
            (12, "Ergebnisse des Dialogs für den Jugendhilfeausschuss zusammenfassen", -10, None),
        ],
    ),
    DemoCase(
        ags=COTTBUS,
        title="Proteste gegen Gemeinschaftsunterkunft Sachsendorf",
        summary="Ankündigung einer neuen Unterkunft führte zu Protestkundgebungen; "
        "extrem rechte Gruppen versuchen, den Protest zu vereinnahmen.",
        topics=["Flucht/Migration", "Rechtsextremismus", "Kommunalpolitik"],
        conflict_type=ConflictType.VALUES,
        opened_days_ago=160,
        steps=[
            (FIRST_LOOK, 159, "Ankündigung der Unterkunft führt zu ersten Kundgebungen."),
            (ANALYSIS, 154, "Vereinnahmung durch extrem Rechte prüfen; Mobile Beratung dabei."),
            (WORK, 125, "Einzelgespräche mit Bürgerinitiative, Kirchengemeinde und Dezernat."),
            (ANALYSIS, 58, "Drohungen gegen Ehrenamtliche: Gefährdung neu einschätzen."),
            (WORK, 44, "Schutzkonzept steht; Dialogabende im Gemeindehaus beginnen."),
        ],
        stages=[(150, 3), (110, 5), (60, 6), (20, 5)],
        actors=[
            DemoActor(
                "Bürgerinitiative „Sachsendorf fragt“",
                G,
                "organisiert Kundgebungen gegen den Standort",
                -1,
                3,
                interests="Mitsprache bei Entscheidungen im Stadtteil und Antworten auf Fragen "
                "zu Schulplätzen, Kita und Arztpraxen.",
                needs="Gehört werden, Kontrolle über das eigene Wohnumfeld",
                positions="Die Unterkunft soll kleiner werden oder an einen anderen Standort; "
                "vorher eine Einwohnerversammlung.",
            ),
            DemoActor(
                "Kameradschaft Süd",
                G,
                "extrem rechte Mobilisierung",
                -2,
                2,
                interests="Den Protest vereinnahmen, Anhänger:innen gewinnen und die Stadt als "
                "handlungsunfähig darstellen.",
                needs="Macht, Sichtbarkeit",
                positions="Lehnt jede Unterbringung ab und ruft zu „Widerstand“ vor der "
                "Baustelle auf.",
            ),
            DemoActor(
                "Willkommensbündnis",
                ORG,
                "unterstützt Geflüchtete und Ehrenamtliche",
                2,
                2,
                interests="Ein sicheres Ankommen der künftigen Bewohner:innen und Schutz der "
                "Ehrenamtlichen vor Anfeindungen.",
                needs="Sicherheit, Anerkennung des Engagements",
                positions="Die Stadt soll sich öffentlich gegen die Drohungen stellen und "
                "Begegnungsangebote fördern.",
            ),
            DemoActor(
                "Sozialdezernat",
                INST,
                "plant und betreibt die Unterkunft",
                1,
                5,
                interests="Die Unterbringungspflicht fristgerecht erfüllen, ohne den Frieden im "
                "Stadtteil zu gefährden.",
                needs="Handlungsfähigkeit, Vertrauen in die Verwaltung",
                positions="Der Standort steht fest; über Belegung, Betreuung und "
                "Sicherheitskonzept wird gesprochen.",
            ),
            DemoActor(
                "Kirchengemeinde Sachsendorf",
                ORG,
                "bietet Räume für Gespräche",
                2,
                2,
                interests="Die Nachbarschaft zusammenhalten und den Gesprächsfaden zwischen den "
                "Lagern nicht abreißen lassen.",
                needs="Frieden in der Gemeinde, Glaubwürdigkeit als neutraler Ort",
                positions="Lädt alle Seiten ohne Vorbedingungen ins Gemeindehaus ein; Parolen "
                "bleiben draußen.",
            ),
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
        comments=[
            (
                140,
                "external",
                "Die Mobile Beratung bestätigt: Die Kameradschaft tritt bei den Kundgebungen mit "
                "eigenen Ordnern auf. Das sollten wir der Bürgerinitiative offen zurückmelden.",
            ),
            (
                57,
                "tandem",
                "Zwei Ehrenamtliche des Willkommensbündnisses haben Drohschreiben erhalten. Die "
                "Opferberatung ist eingeschaltet, Anzeige ist erstattet.",
            ),
            (
                30,
                "actor",
                "Die Schulsozialarbeit meldet, dass Kinder Parolen aus den Kundgebungen "
                "wiederholen. Ein Klassengespräch ist angeboten.",
            ),
            (
                5,
                "tandem",
                "Heute Nacht brannte ein Fahrzeug des Wachdienstes an der Baustelle; die Polizei "
                "ermittelt. Das Fallteam trifft sich morgen.",
            ),
        ],
        tasks=[
            (42, "Schutzkonzept mit Polizei und Sozialdezernat abstimmen", 30, 33),
            (4, "Gefährdungseinschätzung nach dem Brandanschlag aktualisieren", -3, None),
        ],
    ),
    _case(
        COTTBUS,
        "Streit um Moscheeverein im Gewerbegebiet",
        "Ein Verein möchte eine ehemalige Lagerhalle als Gebetsraum nutzen; Nachbarbetriebe "
        "befürchten Parkplatznot, online werden antimuslimische Kommentare verbreitet.",
        ["Religion", "Nutzung öffentlicher Raum"],
        ConflictType.VALUES,
        120,
        [
            (FIRST_LOOK, 118, "Zunächst Selbsthilfe: Gespräch zwischen Verein und Betrieben."),
            (ANALYSIS, 14, "Antimuslimische Kommentare, Stufe 4: Analyse mit Bauordnungsamt."),
        ],
        [(110, 2), (70, 3), (15, 4)],
        (
            DemoActor(
                "Nachbarbetriebe Gewerbering",
                G,
                "Betriebe rund um die Lagerhalle",
                -1,
                3,
                interests="Freie Zufahrten für den Lieferverkehr, besonders freitags zur "
                "Mittagszeit.",
                needs="Planbare Betriebsabläufe, fair behandelt werden",
                positions="Gebetsnutzung erst mit einem eigenen Parkplatzkonzept des Vereins.",
            ),
            DemoActor(
                "Islamischer Kulturverein",
                ORG,
                "möchte die Halle als Gebetsraum nutzen",
                1,
                2,
                interests="Ein dauerhafter, bezahlbarer Raum für Gebet, Unterricht und "
                "Gemeindeleben.",
                needs="Anerkennung als Teil der Stadt, Schutz vor Anfeindungen",
                positions="Der Antrag ist vollständig; der Verein stellt Ordner:innen für den "
                "Parkverkehr.",
            ),
            DemoActor(
                "Bauordnungsamt",
                INST,
                "prüft den Antrag auf Nutzungsänderung",
                2,
                4,
                interests="Ein rechtssicherer Bescheid, der auch einer gerichtlichen Prüfung "
                "standhält.",
                needs="Sachlichkeit, vollständige Unterlagen",
                positions="Entscheidet nach Baurecht; antimuslimische Einwände spielen dafür "
                "keine Rolle.",
            ),
        ),
        threats={"enmity": 2, "polarisation": 2, "trust": 1},
        dividers="Parkplätze am Freitag\nAntimuslimische Kommentare",
        connectors="Gemeinsame Straßenreinigung\nTag der offenen Tür",
        comments=[
            (
                100,
                "tandem",
                "Verein und zwei Nachbarbetriebe haben sich auf Ordner:innen für das Freitagsgebet "
                "verständigt. Wir beobachten, ob das trägt.",
            ),
            (
                13,
                "external",
                "Die Kommentare unter dem Zeitungsartikel sind teils strafbar; Meldung an die "
                "Plattform und an die Polizei ist raus.",
            ),
        ],
    ),
    _case(
        COTTBUS,
        "Graffiti-Serie am Bahnhof",
        "Wiederholte rassistische Schmierereien an Unterführung und Wartehalle.",
        ["Rechtsextremismus", "Nutzung öffentlicher Raum"],
        ConflictType.STRUCTURAL,
        75,
        [
            (FIRST_LOOK, 74, "Anzeige erstattet; Bahnhofsmanagement informiert."),
            (ANALYSIS, 66, "Serie erkennbar: Tatorte und Zeiten mit der Polizei auswerten."),
            (FIRST_LOOK, 3, "Neue Schmierereien an der Wartehalle: Dringlichkeit neu einschätzen."),
        ],
        [(70, 3), (20, 3)],
        (
            DemoActor(
                "Unbekannte Gruppe",
                G,
                "hinterlässt rassistische Schmierereien",
                -2,
                2,
                interests="Einschüchtern, Präsenz im Stadtbild zeigen und Reaktionen in sozialen "
                "Medien provozieren.",
                needs="Geltung in der eigenen Szene",
                positions="Äußert sich nicht öffentlich; Botschaften nur über Parolen und Symbole.",
            ),
            DemoActor(
                "Betroffene Pendler:innen",
                G,
                "nutzen täglich Unterführung und Wartehalle",
                1,
                1,
                interests="Ohne Angst und ohne verletzende Botschaften zur Arbeit und zur "
                "Schule fahren.",
                needs="Sicherheit, Würde",
                positions="Schmierereien sollen sofort entfernt und jedes Mal angezeigt werden.",
            ),
            DemoActor(
                "Bahnhofsmanagement",
                INST,
                "verantwortlich für die Bahnhofsanlagen",
                1,
                4,
                interests="Schäden schnell beseitigen, Reinigungskosten begrenzen und die "
                "Anlage gepflegt halten.",
                needs="Verlässliche Zusammenarbeit mit Stadt und Polizei",
                positions="Entfernt Schmierereien binnen 48 Stunden; Kameras erst nach "
                "Datenschutzprüfung.",
            ),
        ),
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
        [
            (FIRST_LOOK, 299, "Der Ortsbeirat bittet um Begleitung; zwei Ortsteile zerstritten."),
            (ANALYSIS, 292, "Gerüchte über Gesundheitsschäden sammeln, Akteur:innen kartieren."),
            (WORK, 255, "Faktencheck-Abend und Runder Tisch mit Genossenschaft und Initiative."),
            (AFTERCARE, 110, "Einigung über Abstände und Ertragsbeteiligung wird umgesetzt."),
            (CLOSED, 55, "Vereinbarungen eingehalten; der Ortsbeirat begleitet weiter."),
        ],
        [(290, 3), (200, 4), (120, 3), (60, 2)],
        (
            DemoActor(
                "Bürgerinitiative Gegenwind",
                G,
                "lehnt den Windpark in der geplanten Form ab",
                -1,
                3,
                interests="Abstand der Anlagen zu den Häusern, das vertraute Landschaftsbild "
                "und der Wert der eigenen Grundstücke.",
                needs="Mitbestimmung, Heimat",
                positions="Mindestens 1.000 Meter Abstand; keine Anlagen im Waldstück.",
            ),
            DemoActor(
                "Energiegenossenschaft Lausitz",
                ORG,
                "plant und betreibt den Windpark",
                1,
                3,
                interests="Das Projekt wirtschaftlich umsetzen und Mitglieder aus den Ortsteilen "
                "gewinnen.",
                needs="Planungssicherheit, Akzeptanz vor Ort",
                positions="Bietet Beteiligung an den Erträgen und einen Strompreisbonus für "
                "Anwohnende.",
            ),
            DemoActor(
                "Ortsbeirat",
                INST,
                "vertritt die Ortsteile gegenüber der Stadt",
                2,
                4,
                interests="Die Ortsteile nicht auseinanderbrechen lassen und eine Lösung finden, "
                "die der Stadtrat trägt.",
                needs="Zusammenhalt im Dorf, Vertrauen der Wähler:innen",
                positions="Vor der Entscheidung eine Einwohnerversammlung mit unabhängigen "
                "Gutachten.",
            ),
        ),
        threats={"polarisation": 2, "trust": 2},
        dividers="Abstandsflächen\nGerüchte über Infraschall",
        connectors="Beteiligung an Erträgen\nGemeinsamer Ortsbeirat",
        comments=[
            (
                200,
                "external",
                "Der Faktencheck-Abend war gut besucht; die Gerüchte über Infraschall haben "
                "spürbar an Kraft verloren.",
            ),
            (
                56,
                "tandem",
                "Abschlussgespräch mit dem Ortsbeirat geführt; der Fall kann geschlossen werden.",
            ),
        ],
        lessons="Gerüchte früh mit unabhängigen Fachleuten beantworten, nicht mit "
        "Stellungnahmen des Vorhabenträgers.\nDie Beteiligung an den Erträgen hat mehr "
        "überzeugt als jedes Gutachten.",
    ),
    _case(
        COTTBUS,
        "Spannungen im Jugendclub Ströbitz",
        "Auseinandersetzungen zwischen zwei Cliquen; eine davon trägt extrem rechte Symbole.",
        ["Jugend", "Rechtsextremismus"],
        ConflictType.RELATIONSHIP,
        45,
        [
            (FIRST_LOOK, 43, "Das Jugendclub-Team meldet Übergriffe; die Polizei ist informiert."),
            (ANALYSIS, 24, "Extrem rechte Symbole in einer Clique: Analyse mit Mobiler Beratung."),
        ],
        [(40, 4)],
        (
            DemoActor(
                "Clique Nord",
                G,
                "trägt extrem rechte Symbole und Kleidung",
                -2,
                2,
                interests="Den Jugendclub als eigenes Revier behaupten und Stärke gegenüber "
                "anderen zeigen.",
                needs="Zugehörigkeit, Status in der Gruppe",
                positions="„Die vom Marktplatz haben hier nichts zu suchen.“",
            ),
            DemoActor(
                "Clique Marktplatz",
                G,
                "Jugendliche verschiedener Herkunft aus dem Viertel",
                0,
                2,
                interests="Weiter in den Jugendclub kommen, ohne angepöbelt oder bedroht zu "
                "werden.",
                needs="Sicherheit, Gleichbehandlung",
                positions="Verlangt Hausverbote gegen die Angreifer.",
            ),
            DemoActor(
                "Jugendclub-Team",
                INST,
                "leitet den offenen Treff",
                2,
                4,
                interests="Der Club bleibt ein offener Ort für alle, an dem sich Symbole und "
                "Drohungen nicht durchsetzen.",
                needs="Handlungssicherheit, Unterstützung durch Fachberatung",
                positions="Hausordnung gegen menschenfeindliche Symbole; Gesprächsangebote an "
                "beide Cliquen.",
            ),
        ),
        threats={"violence": 2, "enmity": 2},
        comments=[
            (
                30,
                "actor",
                "Das Jugendamt hat mit dem Jugendclub-Team eine Hausordnung gegen "
                "menschenfeindliche Symbole abgestimmt.",
            ),
        ],
    ),
    DemoCase(
        ags=BAUTZEN,
        title="Versammlungen am Kornmarkt",
        summary="Wöchentliche Versammlungen und Gegendemonstrationen; Gewerbetreibende "
        "und Marktbeschicker:innen leiden unter der angespannten Stimmung.",
        topics=["Kommunalpolitik", "Rechtsextremismus", "Nutzung öffentlicher Raum"],
        conflict_type=ConflictType.VALUES,
        opened_days_ago=180,
        steps=[
            (FIRST_LOOK, 179, "Wöchentliche Versammlungen; Marktbeschicker:innen beschweren sich."),
            (ANALYSIS, 175, "Kooperationsgespräche der Versammlungsbehörde auswerten."),
            (WORK, 140, "Gesprächsangebote an Bündnis, Marktbeschicker:innen und Behörde."),
            (ANALYSIS, 82, "Gewalt am Rande einer Versammlung: Gefährdung neu bewerten."),
            (WORK, 70, "Absprachen zu Zeiten und Flächen; ein Bürgerdialog wird vorbereitet."),
        ],
        stages=[(170, 4), (120, 5), (80, 6), (30, 5)],
        actors=[
            DemoActor(
                "Montagsspaziergänge Bautzen",
                G,
                "organisiert wöchentliche Versammlungen",
                -2,
                3,
                interests="Unmut über Energiepreise und „die da oben“ zeigen und dabei möglichst "
                "viele Menschen sammeln.",
                needs="Gehört werden, Gemeinschaft",
                positions="Versammlungen jeden Montag; Auflagen gelten als Schikane.",
            ),
            DemoActor(
                "Bündnis Buntes Bautzen",
                ORG,
                "organisiert Gegenprotest",
                1,
                2,
                interests="Zeigen, dass der Marktplatz nicht den Versammlungen gehört, und "
                "Angefeindete schützen.",
                needs="Sicherheit, Sichtbarkeit",
                positions="Gegenkundgebungen in Hör- und Sichtweite; die Stadt soll sich klarer "
                "distanzieren.",
            ),
            DemoActor(
                "Marktbeschicker:innen",
                G,
                "Händler:innen des Wochenmarkts",
                0,
                1,
                interests="Umsatz am Montag und ein Markt, auf den die Kundschaft gern kommt.",
                needs="Existenzsicherung, in Ruhe arbeiten",
                positions="Versammlungen sollen erst nach Marktende beginnen.",
            ),
            DemoActor(
                "Versammlungsbehörde",
                INST,
                "Auflagen und Kooperationsgespräche",
                1,
                5,
                interests="Die Versammlungsfreiheit wahren und zugleich Gewalt und "
                "Einschüchterung verhindern.",
                needs="Rechtssicherheit, verlässliche Ansprechpersonen auf allen Seiten",
                positions="Getrennte Versammlungsflächen und Beginn nicht vor 18 Uhr.",
            ),
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
        comments=[
            (
                160,
                "actor",
                "Die Versammlungsbehörde hat für die nächsten vier Wochen getrennte Flächen "
                "verfügt; die Anmelder:innen haben Widerspruch angekündigt.",
            ),
            (
                81,
                "tandem",
                "Nach dem Angriff auf Gegendemonstrierende sind Opferberatung und Polizei "
                "informiert. Wir nehmen die Gefährdungseinschätzung neu auf.",
            ),
            (
                40,
                "external",
                "Gespräch mit den Marktbeschicker:innen: Sie unterstützen einen Bürgerdialog, "
                "wenn er nicht an einem Montag stattfindet.",
            ),
        ],
        tasks=[(68, "Bürgerdialog mit den Marktbeschicker:innen planen", -12, None)],
    ),
    _case(
        BAUTZEN,
        "Jugendtreff am Gesundbrunnen",
        "Beschwerden über einen Treffpunkt junger Menschen, Vorwürfe gegen eine Gruppe "
        "junger Geflüchteter, Auseinandersetzungen in der Nacht.",
        ["Jugend", "Flucht/Migration", "Nutzung öffentlicher Raum"],
        ConflictType.DISTRIBUTION,
        95,
        [
            (FIRST_LOOK, 94, "Beschwerden aus der Nachbarschaft; Jugendhaus einbezogen."),
            (ANALYSIS, 88, "Wer trifft sich wann? Beobachtung mit der offenen Jugendarbeit."),
            (WORK, 56, "Aufsuchende Arbeit im Park und Gespräche mit Anwohnenden."),
            (ANALYSIS, 9, "Neue Beschwerden über nächtliche Ruhestörung: Lage neu analysieren."),
        ],
        [(90, 3), (50, 4), (10, 4)],
        (
            DemoActor(
                "Anwohnende Gesundbrunnen",
                G,
                "beschweren sich über Lärm und Vorfälle in der Nacht",
                -1,
                3,
                interests="Nachts durchschlafen und den Park tagsüber mit Kindern ohne Sorge "
                "nutzen.",
                needs="Erholung, Sicherheit",
                positions="Der Treffpunkt soll abgebaut und nachts kontrolliert werden.",
            ),
            DemoActor(
                "Jugendliche vom Treffpunkt",
                G,
                "junge Menschen, darunter junge Geflüchtete",
                1,
                1,
                interests="Ein Ort zum Treffen, Musikhören und Reden, der ihnen nicht "
                "weggenommen wird.",
                needs="Freiraum, Anerkennung statt Verdacht",
                positions="Weisen zurück, für jeden Vorfall im Park verantwortlich zu sein.",
            ),
            DemoActor(
                "Kinder- und Jugendhaus",
                INST,
                "offene Jugendarbeit am Gesundbrunnen",
                2,
                3,
                interests="Abendangebote ausweiten, damit sich der Treffpunkt nicht in die "
                "Nacht verlagert.",
                needs="Ausstattung und Personal für die Abendstunden",
                positions="Schlägt längere Öffnungszeiten und ein Parkfest mit Anwohnenden vor.",
            ),
        ),
        threats={"enmity": 2, "violence": 1, "polarisation": 1},
        comments=[
            (
                50,
                "actor",
                "Das Ordnungsamt hat nachts zweimal kontrolliert, ohne Verstöße festzustellen. "
                "Die Beschwerden kommen überwiegend aus einem Hauseingang.",
            ),
            (
                8,
                "tandem",
                "Neue Meldung über Ruhestörung. Das Kinder- und Jugendhaus schlägt ein "
                "gemeinsames Parkfest vor; wir nehmen das in die Analyse auf.",
            ),
        ],
    ),
    _case(
        BAUTZEN,
        "Zweisprachige Ortsschilder beschmiert",
        "Sorbische Beschriftungen wurden mehrfach übermalt.",
        ["Kommunalpolitik"],
        ConflictType.VALUES,
        4,
        [(FIRST_LOOK, 3, "Mehrfach übermalte Schilder; Anzeige und Reparatur veranlasst.")],
        [(3, 3)],
        (
            DemoActor(
                "Unbekannte",
                G,
                "übermalen sorbische Beschriftungen",
                -2,
                1,
                interests="Die Zweisprachigkeit aus dem Ortsbild verdrängen und Aufmerksamkeit "
                "erregen.",
                needs="Bestätigung durch Gleichgesinnte",
                positions="Bekannte Forderungen gibt es nicht; die Taten sollen für sich sprechen.",
            ),
            DemoActor(
                "Sorbischer Heimatverein",
                ORG,
                "pflegt sorbische Sprache und Kultur im Ort",
                2,
                2,
                interests="Dass die sorbische Sprache im Ort sichtbar bleibt und Angriffe darauf "
                "ernst genommen werden.",
                needs="Anerkennung der eigenen Identität, Schutz als Minderheit",
                positions="Fordert eine öffentliche Verurteilung durch die Stadtspitze und "
                "schnelle Reparatur.",
            ),
            DemoActor(
                "Bauhof",
                INST,
                "ersetzt und reinigt die Schilder",
                1,
                3,
                interests="Die Schilder schnell und mit vertretbarem Aufwand wiederherstellen.",
                needs="Klare Aufträge, ausreichendes Budget",
                positions="Schlägt eine Schutzbeschichtung für die betroffenen Schilder vor.",
            ),
        ),
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
        [
            (FIRST_LOOK, 259, "Beschwerde des FC International beim Sportamt weitergeleitet."),
            (ANALYSIS, 252, "Belegungszahlen der letzten zwei Jahre ausgewertet."),
            (WORK, 225, "Gespräche mit beiden Vereinen; Kriterien für die Vergabe entwerfen."),
            (AFTERCARE, 140, "Neuer Belegungsplan gilt; Beobachtung über eine Saison."),
            (CLOSED, 90, "Saison ohne Beschwerden; gemeinsames Turnier hat stattgefunden."),
        ],
        [(250, 3), (180, 2), (100, 1)],
        (
            DemoActor(
                "SV Blau-Weiß",
                ORG,
                "Traditionsverein mit den meisten Trainingszeiten",
                -1,
                3,
                interests="Die gewohnten Trainingszeiten für Jugend- und Seniorenteams behalten.",
                needs="Wertschätzung der langjährigen Vereinsarbeit",
                positions="Zeiten nach Mitgliederzahl verteilen, wie bisher.",
            ),
            DemoActor(
                "FC International",
                ORG,
                "junger Verein, viele Spieler:innen mit Migrationsgeschichte",
                1,
                2,
                interests="Feste Trainingszeiten auf einem Platz mit Flutlicht, um am "
                "Ligabetrieb teilzunehmen.",
                needs="Gleichbehandlung, Zugehörigkeit zum Sport in der Stadt",
                positions="Verlangt einen offengelegten Belegungsplan nach festen Kriterien.",
            ),
            DemoActor(
                "Sportamt",
                INST,
                "vergibt Platz- und Hallenzeiten",
                2,
                4,
                interests="Eine Vergabe, die nachvollziehbar ist und von allen Vereinen "
                "getragen wird.",
                needs="Frieden unter den Vereinen, rechtssichere Kriterien",
                positions="Neuer Belegungsplan mit Punkten für Jugendarbeit und Ligabetrieb.",
            ),
        ),
        threats={"polarisation": 1},
        dividers="Hallenzeiten",
        connectors="Gemeinsames Turnier",
        lessons="Offengelegte Vergabekriterien nehmen einem Verteilungsstreit die Schärfe.\n"
        "Ein gemeinsames Turnier hat die Vereine schneller zusammengebracht als jede Sitzung.",
    ),
    _case(
        BAUTZEN,
        "Wohnungsvergabe Spreehöhe",
        "Mieter:innen werfen der Wohnungsgesellschaft Bevorzugung vor; Flugblätter mit "
        "rassistischen Untertönen.",
        ["Wohnen", "Flucht/Migration"],
        ConflictType.STRUCTURAL,
        130,
        [
            (FIRST_LOOK, 128, "Flugblätter im Viertel; Mieter:innenrat bittet um ein Gespräch."),
            (ANALYSIS, 121, "Vergabepraxis und Belegung der Blöcke mit der Gesellschaft klären."),
            (WORK, 76, "Gesprächsreihe mit Mieter:innenrat und Wohnungsgesellschaft."),
        ],
        [(120, 2), (80, 3), (25, 3)],
        (
            DemoActor(
                "Mieter:innenrat Spreehöhe",
                G,
                "vertritt langjährige Mieter:innen",
                -1,
                3,
                interests="Bezahlbare, sanierte Wohnungen für die eigenen Kinder und Enkel im "
                "Viertel.",
                needs="Gerechtigkeit, Sicherheit im Alter",
                positions="Die Vergabe soll offengelegt werden; „Einheimische zuerst“.",
            ),
            DemoActor(
                "Neu zugezogene Familien",
                G,
                "zum Teil geflüchtete Familien mit Kindern",
                1,
                1,
                interests="Ruhig wohnen und Anschluss an Nachbarschaft, Schule und Vereine finden.",
                needs="Ankommen, Schutz vor Ausgrenzung",
                positions="Wollen nicht für die Vergabepolitik der Gesellschaft verantwortlich "
                "gemacht werden.",
            ),
            DemoActor(
                "Wohnungsgesellschaft",
                INST,
                "kommunale Vermieterin",
                1,
                4,
                interests="Leerstand vermeiden, Belegungsrechte erfüllen und den Hausfrieden "
                "sichern.",
                needs="Ruf als verlässliche Vermieterin",
                positions="Vergibt nach Dringlichkeit und Einkommen; die Flugblätter sind "
                "angezeigt.",
            ),
        ),
        threats={"enmity": 1, "trust": 2},
        comments=[
            (
                70,
                "tandem",
                "Neue Flugblätter im Treppenhaus von Block 3; die Wohnungsgesellschaft hat "
                "Anzeige erstattet.",
            ),
            (
                15,
                "external",
                "Der Mieter:innenrat spricht über die Vergabekriterien, wenn die "
                "Wohnungsgesellschaft ihre Belegungszahlen offenlegt.",
            ),
        ],
    ),
    DemoCase(
        ags=GREIFSWALD,
        title="Unterbringung in Containerdorf Ostseeviertel",
        summary="Bürgerentscheid über Containerstandorte polarisiert die Stadt; Drohungen "
        "gegen Mitglieder der Bürgerschaft.",
        topics=["Flucht/Migration", "Kommunalpolitik", "Wohnen"],
        conflict_type=ConflictType.VALUES,
        opened_days_ago=330,
        steps=[
            (FIRST_LOOK, 329, "Bürgerentscheid angekündigt; Stimmung in der Stadt aufgeheizt."),
            (ANALYSIS, 324, "Akteurslandkarte mit Bürgerschaft, Initiative und Beratungsstellen."),
            (WORK, 292, "Runder Tisch Ostseeviertel vorbereitet; Einzelgespräche mit Fraktionen."),
            (AFTERCARE, 40, "Vereinbarungen des Runden Tischs werden überprüft."),
        ],
        stages=[(320, 4), (260, 6), (180, 5), (90, 4), (20, 3)],
        actors=[
            DemoActor(
                "Initiative „Greifswald entscheidet“",
                G,
                "betreibt den Bürgerentscheid",
                -1,
                4,
                interests="Dass die Einwohner:innen über Standorte abstimmen und nicht die "
                "Verwaltung allein entscheidet.",
                needs="Selbstwirksamkeit, Mitbestimmung",
                positions="Container nur abseits von Schulen und Kitas.",
            ),
            DemoActor(
                "Flüchtlingsrat-Gruppe Ost",
                ORG,
                "berät Geflüchtete",
                2,
                2,
                interests="Menschenwürdige Unterbringung statt Sammelunterkunft und ein "
                "schneller Weg in eigene Wohnungen.",
                needs="Schutz der Beratenen, Solidarität",
                positions="Dezentrale Wohnungen statt Containerdorf; keine Abstimmung über "
                "Grundrechte.",
            ),
            DemoActor(
                "Bürgerschaftsfraktionen",
                INST,
                "entscheiden über die Standorte",
                0,
                5,
                interests="Eine beschlussfähige Lösung, die rechtlich hält und sich bei der "
                "nächsten Wahl vertreten lässt.",
                needs="Handlungsfähigkeit, Sicherheit der Mandatsträger:innen",
                positions="Mehrere kleinere Standorte, über die die Bürgerschaft abstimmt.",
            ),
            DemoActor(
                "Anonyme Drohschreiber:innen",
                G,
                "bedrohen Mandatsträger:innen",
                -2,
                1,
                interests="Einschüchtern und die Entscheidung der Bürgerschaft durch Angst "
                "beeinflussen.",
                needs="Gefühl von Kontrolle",
                positions="Drohschreiben an alle, die für einen Standort stimmen.",
            ),
            DemoActor(
                "Studierendenvertretung",
                ORG,
                "organisiert Diskussionsabende",
                2,
                2,
                interests="Eine sachliche Debatte und Begegnungen zwischen Studierenden, "
                "Geflüchteten und Nachbarschaft.",
                needs="Teilhabe an der Stadtgesellschaft",
                positions="Bietet Räume der Universität für Bürgerdialoge an.",
            ),
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
        comments=[
            (
                265,
                "tandem",
                "Drei Mitglieder der Bürgerschaft haben Drohschreiben erhalten. Der Staatsschutz "
                "ermittelt; wir sprechen mit den Fraktionsvorsitzenden über ein Schutzkonzept.",
            ),
            (
                180,
                "external",
                "Der Runde Tisch Ostseeviertel hat sich gegründet. Die Initiative nimmt teil, "
                "der Flüchtlingsrat noch nicht – Einzelgespräch kommende Woche.",
            ),
            (
                35,
                "tandem",
                "Erste Überprüfung der Vereinbarungen: Die Kita-Elternarbeit läuft gut, die "
                "Sprechstunde im Containerdorf wird kaum genutzt.",
            ),
        ],
        tasks=[
            (38, "Vereinbarungen des Runden Tischs mit allen Beteiligten überprüfen", -20, None)
        ],
    ),
    _case(
        GREIFSWALD,
        "Antisemitische Vorfälle an der Hochschule",
        "Aufkleber und Äußerungen in Lehrveranstaltungen; jüdische Studierende fühlen sich "
        "bedroht.",
        ["Religion", "Rechtsextremismus"],
        ConflictType.VALUES,
        85,
        [
            (FIRST_LOOK, 84, "Meldung der jüdischen Studierendengruppe; Hochschule informiert."),
            (ANALYSIS, 80, "Vorfälle sammeln und mit der Hochschulleitung einordnen."),
            (WORK, 60, "Schutz- und Kommunikationskonzept mit der Hochschulleitung."),
            (ANALYSIS, 23, "Weitere Aufkleber und Äußerungen in Seminaren: Analyse erweitert."),
        ],
        [(80, 4), (40, 4)],
        (
            DemoActor(
                "Unbekannte Aufkleber-Gruppe",
                G,
                "verbreitet antisemitische Aufkleber",
                -2,
                2,
                interests="Antisemitische Erzählungen auf dem Campus sichtbar machen und "
                "Betroffene verunsichern.",
                needs="Zugehörigkeit zu einer Szene",
                positions="Tritt nicht offen auf; Botschaften über Aufkleber und anonyme Beiträge.",
            ),
            DemoActor(
                "Jüdische Studierendengruppe",
                G,
                "jüdische Studierende und ihre Unterstützer:innen",
                1,
                2,
                interests="Ohne Angst an Lehrveranstaltungen teilnehmen und jüdisches Leben auf "
                "dem Campus zeigen.",
                needs="Sicherheit, Zugehörigkeit",
                positions="Fordert eine klare Stellungnahme der Hochschule und eine "
                "Ansprechperson für Antisemitismus.",
            ),
            DemoActor(
                "Hochschulleitung",
                INST,
                "verantwortlich für Hausrecht und Lehrbetrieb",
                1,
                4,
                interests="Den Ruf der Hochschule schützen und Konflikte in Lehrveranstaltungen "
                "sachlich lösen.",
                needs="Handlungsklarheit, Rückhalt im Senat",
                positions="Prüft Hausverbote, bietet Fortbildungen für Lehrende an und benennt "
                "eine Ansprechperson.",
            ),
        ),
        threats={"enmity": 3, "violence": 1, "trust": 2},
        comments=[
            (
                75,
                "external",
                "Die Hochschulleitung will eine Ansprechperson für Antisemitismus benennen. Wir "
                "begleiten die Ausschreibung.",
            ),
            (
                24,
                "tandem",
                "Erneut Aufkleber im Hörsaalgebäude, dazu Äußerungen in einem Seminar. Die "
                "Studierendengruppe bittet um ein Gespräch mit dem Rektorat.",
            ),
        ],
    ),
    _case(
        GREIFSWALD,
        "Trassenführung Stromleitung Eldena",
        "Die geplante Trasse führt durch ein Naturschutzgebiet; Vorwürfe der Intransparenz.",
        ["Energie/Infrastruktur", "Kommunalpolitik"],
        ConflictType.FACTUAL,
        200,
        [
            (FIRST_LOOK, 198, "Offener Brief des Naturschutzvereins an die Bürgerschaft."),
            (ANALYSIS, 191, "Interessen und Planungsstand mit dem Planungsamt klären."),
            (WORK, 78, "Gutachten liegt vor; Variantenvergleich öffentlich vorbereiten."),
        ],
        [(190, 2), (120, 3), (50, 3)],
        (
            DemoActor(
                "Naturschutzverein Eldena",
                ORG,
                "schützt das Naturschutzgebiet",
                -1,
                3,
                interests="Brutgebiete und Moorflächen erhalten, die eine Freileitung "
                "zerschneiden würde.",
                needs="Ernst genommen werden als Fachleute vor Ort",
                positions="Erdkabel entlang der Bundesstraße statt Freileitung durch das "
                "Schutzgebiet.",
            ),
            DemoActor(
                "Netzbetreiber Nordost",
                ORG,
                "plant die Stromleitung",
                0,
                4,
                interests="Den Netzausbau im Zeitplan und im Kostenrahmen umsetzen.",
                needs="Planungssicherheit",
                positions="Die Vorzugstrasse ist genehmigungsfähig; Erdkabel nur auf kurzen "
                "Abschnitten.",
            ),
            DemoActor(
                "Planungsamt",
                INST,
                "begleitet das Verfahren für die Stadt",
                2,
                3,
                interests="Ein nachvollziehbares Verfahren, in dem die Stadt ihre Stellungnahme "
                "gut begründen kann.",
                needs="Vollständige Informationen, Vertrauen der Einwohner:innen",
                positions="Verlangt einen Vergleich beider Varianten und eine öffentliche "
                "Vorstellung.",
            ),
        ),
        threats={"trust": 2},
        comments=[
            (
                120,
                "tandem",
                "Das Gutachten zur Erdkabel-Variante verzögert sich um mindestens zwei Monate. "
                "Der Naturschutzverein ist verärgert, bleibt aber im Gespräch.",
            ),
            (
                37,
                "external",
                "Der Netzbetreiber stellt beide Varianten in der nächsten Einwohnerversammlung "
                "vor; die Moderation übernehmen wir.",
            ),
        ],
        tasks=[(36, "Moderation der Einwohnerversammlung vorbereiten", -15, None)],
    ),
    _case(
        GREIFSWALD,
        "Regenbogenflagge am Rathaus",
        "Das Hissen der Flagge zum CSD führte zu Hassbotschaften und einer Debatte in der "
        "Bürgerschaft.",
        ["Kommunalpolitik"],
        ConflictType.VALUES,
        240,
        [
            (FIRST_LOOK, 239, "Hassbotschaften an das Rathaus; Mitarbeitende verunsichert."),
            (ANALYSIS, 234, "Absender:innen und Reichweite der Kampagne einordnen."),
            (WORK, 195, "Gespräche mit CSD-Verein und Fraktionen; Regel für die Beflaggung."),
            (AFTERCARE, 130, "Beflaggungsordnung beschlossen; Unterstützung der Mitarbeitenden."),
            (CLOSED, 100, "Seit Monaten ohne neue Hassbotschaften; die Regel gilt dauerhaft."),
        ],
        [(235, 3), (200, 4), (120, 2)],
        (
            DemoActor(
                "Kritiker:innen im Netz",
                G,
                "verbreiten Hassbotschaften gegen die Flagge",
                -2,
                2,
                interests="Queere Sichtbarkeit aus dem Rathaus verdrängen und Stimmung gegen "
                "die Stadtspitze machen.",
                needs="Bestätigung der eigenen Weltsicht",
                positions="„Politische Symbole haben am Rathaus nichts zu suchen.“",
            ),
            DemoActor(
                "CSD-Verein",
                ORG,
                "organisiert den Christopher Street Day",
                2,
                2,
                interests="Dass queere Menschen in der Stadt sichtbar und sicher sind, nicht nur "
                "am Tag des CSD.",
                needs="Anerkennung, Schutz vor Anfeindungen",
                positions="Die Flagge soll jedes Jahr gehisst werden; Hassbotschaften werden "
                "angezeigt.",
            ),
            DemoActor(
                "Bürgermeisteramt",
                INST,
                "entscheidet über die Beflaggung",
                1,
                5,
                interests="Eine klare, rechtlich saubere Regel, die nicht jedes Jahr neu "
                "umkämpft wird.",
                needs="Rückhalt in der Bürgerschaft",
                positions="Legt eine Beflaggungsordnung vor und stellt sich vor bedrohte "
                "Mitarbeitende.",
            ),
        ),
        threats={"enmity": 2, "polarisation": 2},
        lessons="Die Stadtspitze muss sich früh und sichtbar vor bedrohte Mitarbeitende "
        "stellen.\nEine beschlossene Regel verhindert, dass der Streit jedes Jahr neu beginnt.",
    ),
    _case(
        GREIFSWALD,
        "Nachbarschaftsstreit Schönwalde",
        "Lärm und Müll an einem Wohnblock; gegenseitige Anzeigen.",
        ["Wohnen"],
        ConflictType.RELATIONSHIP,
        30,
        [
            (FIRST_LOOK, 28, "Hinweis des Quartiersmanagements; gegenseitige Anzeigen."),
            (ANALYSIS, 21, "Gespräche mit beiden Hausparteien vereinbart."),
        ],
        [(25, 3)],
        (
            DemoActor(
                "Hausgemeinschaft Block 7",
                G,
                "langjährige Mieter:innen",
                -1,
                2,
                interests="Ruhe im Treppenhaus, saubere Müllplätze und keine spielenden Kinder "
                "im Hof nach 20 Uhr.",
                needs="Ordnung, Respekt",
                positions="Die Wohnungsgesellschaft soll abmahnen; weitere Anzeigen sind "
                "angekündigt.",
            ),
            DemoActor(
                "Großfamilie aus Block 9",
                G,
                "Familie mit vielen Kindern, vor zwei Jahren zugezogen",
                0,
                1,
                interests="In Frieden wohnen und nicht bei jedem Lärm als Verursacherin gelten.",
                needs="Zugehörigkeit, faire Behandlung",
                positions="Fühlt sich wegen ihrer Herkunft beschuldigt und hat ihrerseits "
                "Anzeige erstattet.",
            ),
            DemoActor(
                "Quartiersmanagement",
                INST,
                "Ansprechpartner im Stadtteil",
                2,
                3,
                interests="Die Nachbarschaft ins Gespräch bringen, bevor sich der Streit über "
                "Anzeigen weiter verhärtet.",
                needs="Vertrauen beider Seiten",
                positions="Bietet eine Nachbarschaftsmediation und einen gemeinsamen Hofputz an.",
            ),
        ),
    ),
    DemoCase(
        ags=HAMELN,
        title="Runder Tisch Innenstadt",
        summary="Konflikte zwischen Gastronomie, Anwohnenden und jungen Erwachsenen "
        "wurden in einem moderierten Dialog bearbeitet; Vereinbarungen werden überprüft.",
        topics=["Nutzung öffentlicher Raum", "Jugend"],
        conflict_type=ConflictType.DISTRIBUTION,
        opened_days_ago=420,
        steps=[
            (FIRST_LOOK, 419, "Beschwerden bei Ordnungsamt und Rat gebündelt."),
            (ANALYSIS, 414, "Nutzungsansprüche an die Altstadt kartiert."),
            (WORK, 380, "Runder Tisch unter Moderation des Präventionsrats eingerichtet."),
            (AFTERCARE, 45, "Vereinbarungen gelten; vierteljährliche Überprüfung."),
        ],
        stages=[(410, 4), (330, 5), (250, 4), (150, 3), (40, 2)],
        actors=[
            DemoActor(
                "Gastronomie am Pferdemarkt",
                ORG,
                "betreibt Außengastronomie",
                0,
                3,
                interests="Die Außenplätze bis 23 Uhr bewirtschaften und die Saison "
                "wirtschaftlich nutzen.",
                needs="Planungssicherheit für die Betriebe",
                positions="Die Sperrzeit bleibt bei 23 Uhr; der Lärm komme vom Weserufer, nicht aus "
                "den Lokalen.",
            ),
            DemoActor(
                "Anwohnende Altstadt",
                G,
                "wohnen über und neben den Lokalen",
                -1,
                3,
                interests="Nachtruhe unter der Woche und saubere Gassen am Morgen.",
                needs="Erholung, Lebensqualität",
                positions="Sperrzeit ab 22 Uhr und mehr Kontrollen am Wochenende.",
            ),
            DemoActor(
                "Junge Erwachsene am Weserufer",
                G,
                "treffen sich abends am Fluss",
                0,
                1,
                interests="Ein Ort zum Draußensein ohne Verzehrzwang, auch nach Schließung der "
                "Lokale.",
                needs="Freiraum, in der Stadt willkommen sein",
                positions="Mehr Mülleimer und eine öffentliche Toilette statt Platzverweisen.",
            ),
            DemoActor(
                "Präventionsrat Hameln",
                INST,
                "moderiert den Runden Tisch",
                2,
                4,
                interests="Dass die Vereinbarungen halten und der Runde Tisch als Modell für "
                "andere Kommunen taugt.",
                needs="Verbindlichkeit aller Beteiligten",
                positions="Vierteljährliche Überprüfung der Vereinbarungen am Runden Tisch.",
            ),
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
        comments=[
            (
                300,
                "tandem",
                "Zweite Sitzung des Runden Tischs: Einigung auf eine Testphase mit früherer "
                "Sperrzeit unter der Woche.",
            ),
            (
                140,
                "tandem",
                "Die Gastronomie hält die Absprachen ein; die Beschwerden über das Weserufer "
                "bleiben. Die Streetwork bietet Abendrunden an.",
            ),
            (
                30,
                "tandem",
                "Überprüfung der Vereinbarungen: Die Beschwerden beim Ordnungsamt sind um etwa "
                "die Hälfte zurückgegangen.",
            ),
        ],
        tasks=[
            (130, "Abendrunden der Streetwork mit dem Ordnungsamt abstimmen", 116, 118),
            (43, "Erfahrungen des Runden Tischs für das Praxismodell aufschreiben", -30, None),
        ],
    ),
    _case(
        HAMELN,
        "Hassbotschaften gegen Ratsmitglied",
        "Ein Ratsmitglied mit Migrationsgeschichte erhielt Drohbriefe; Solidaritätsaktion "
        "der Fraktionen.",
        ["Kommunalpolitik", "Rechtsextremismus"],
        ConflictType.VALUES,
        150,
        [
            (FIRST_LOOK, 149, "Drohbrief an das Ratsmitglied; Polizei eingeschaltet."),
            (ANALYSIS, 147, "Gefährdung und Unterstützungsbedarf mit der Betroffenen klären."),
            (WORK, 80, "Schutzkonzept für Ratssitzungen; gemeinsame Erklärung der Fraktionen."),
        ],
        [(145, 5), (90, 6), (30, 4)],
        (
            DemoActor(
                "Anonyme Absender:innen",
                G,
                "schicken Drohbriefe",
                -2,
                1,
                interests="Das Ratsmitglied aus dem Amt drängen und andere von politischem "
                "Engagement abschrecken.",
                needs="Gefühl von Überlegenheit",
                positions="Drohen mit Gewalt, falls das Ratsmitglied weiter öffentlich auftritt.",
            ),
            DemoActor(
                "Betroffenes Ratsmitglied",
                P,
                "Ratsmitglied mit Migrationsgeschichte",
                2,
                3,
                interests="Das Mandat weiter ausüben und die eigene Familie schützen.",
                needs="Sicherheit, Solidarität",
                positions="Will nicht zurücktreten; wünscht eine Auskunftssperre und eine klare "
                "Reaktion des Rates.",
            ),
            DemoActor(
                "Ratsvorsitz",
                INST,
                "leitet den Rat und vertritt ihn nach außen",
                1,
                4,
                interests="Die Arbeitsfähigkeit des Rates sichern und zeigen, dass Drohungen "
                "keinen Erfolg haben.",
                needs="Geschlossenheit der Fraktionen",
                positions="Gemeinsame Erklärung aller Fraktionen, Anzeige und Schutzkonzept für "
                "Ratssitzungen.",
            ),
        ),
        threats={"enmity": 3, "violence": 3, "trust": 2},
        comments=[
            (
                144,
                "tandem",
                "Das Ratsmitglied hat einer Begleitung zugestimmt; eine Auskunftssperre für die "
                "Privatadresse ist beantragt.",
            ),
            (
                60,
                "tandem",
                "Alle Fraktionen haben die gemeinsame Erklärung unterzeichnet. Seitdem sind keine "
                "neuen Briefe eingegangen.",
            ),
        ],
        tasks=[(86, "Schutzkonzept für Ratssitzungen mit dem Ratsvorsitz besprechen", 72, 74)],
    ),
    _case(
        HAMELN,
        "Streit um Schulwegsicherheit",
        "Elterninitiative und Verwaltung streiten über Tempo 30 vor der Grundschule.",
        ["Kommunalpolitik", "Energie/Infrastruktur"],
        ConflictType.FACTUAL,
        280,
        [
            (FIRST_LOOK, 279, "Offener Brief der Eltern; Ortsrat bittet um Vermittlung."),
            (ANALYSIS, 270, "Unfalldaten und Verkehrszählung zusammengetragen."),
            (WORK, 240, "Gemeinsame Verkehrszählung mit Eltern und Behörde."),
            (AFTERCARE, 150, "Tempo-30-Probephase und Schülerlots:innen laufen."),
            (CLOSED, 95, "Probephase verlängert; Eltern und Behörde zufrieden."),
        ],
        [(270, 2), (200, 3), (110, 1)],
        (
            DemoActor(
                "Elterninitiative Klütviertel",
                G,
                "Eltern der Grundschulkinder",
                -1,
                3,
                interests="Dass die Kinder allein und sicher zur Schule gehen können.",
                needs="Sicherheit der Kinder, ernst genommen werden",
                positions="Tempo 30 und ein Zebrastreifen vor der Grundschule, sofort.",
            ),
            DemoActor(
                "Straßenverkehrsbehörde",
                INST,
                "ordnet Verkehrsregeln an",
                0,
                4,
                interests="Anordnungen, die den rechtlichen Voraussetzungen entsprechen und vor "
                "Gericht bestehen.",
                needs="Rechtssicherheit",
                positions="Tempo 30 nur bei nachgewiesener Gefahrenlage; zunächst eine "
                "Verkehrszählung.",
            ),
            DemoActor(
                "Ortsrat",
                INST,
                "vermittelt zwischen Eltern und Verwaltung",
                2,
                3,
                interests="Eine schnelle, sichtbare Verbesserung, die beide Seiten mittragen.",
                needs="Vertrauen im Stadtteil",
                positions="Schlägt Schülerlots:innen und eine befristete Probephase vor.",
            ),
        ),
        threats={"trust": 1},
        lessons="Eine gemeinsame Verkehrszählung hat aus Vorwürfen eine gemeinsame "
        "Datengrundlage gemacht.\nBefristete Probephasen erleichtern einer Behörde das Ja.",
    ),
    _case(
        HAMELN,
        "Sinti-Familie bei Wohnungssuche abgewiesen",
        "Vorwürfe antiziganistischer Diskriminierung gegen eine Hausverwaltung.",
        ["Wohnen"],
        ConflictType.STRUCTURAL,
        65,
        [
            (FIRST_LOOK, 63, "Beratung der Familie übernommen; Beschwerde an die Verwaltung."),
            (ANALYSIS, 20, "Weitere Meldung zur Hausverwaltung: Konfliktanalyse begonnen."),
        ],
        [(60, 3), (20, 3)],
        (
            DemoActor(
                "Hausverwaltung Nord",
                ORG,
                "verwaltet die angebotenen Wohnungen",
                -1,
                3,
                interests="Den Vorwurf der Diskriminierung abwehren und den Ruf bei den "
                "Eigentümer:innen wahren.",
                needs="Ansehen, Rechtssicherheit",
                positions="Die Wohnung sei bereits vergeben gewesen; die Herkunft spiele keine "
                "Rolle.",
            ),
            DemoActor(
                "Betroffene Familie",
                G,
                "Sinti-Familie auf Wohnungssuche",
                1,
                1,
                interests="Eine bezahlbare Wohnung in der Nähe von Schule und Verwandten finden.",
                needs="Würde, Gleichbehandlung",
                positions="Möchte, dass die Abweisung als Diskriminierung anerkannt wird.",
            ),
            DemoActor(
                "Antidiskriminierungsberatung",
                INST,
                "berät und begleitet die Familie",
                2,
                3,
                interests="Diskriminierung auf dem Wohnungsmarkt belegen und Änderungen in der "
                "Vergabepraxis erreichen.",
                needs="Kooperation der Vermietenden",
                positions="Schlägt ein Testing-Verfahren und ein Gespräch mit der Hausverwaltung "
                "vor.",
            ),
        ),
        threats={"enmity": 2, "trust": 2},
        comments=[
            (
                19,
                "tandem",
                "Die Antidiskriminierungsberatung hat ein Testing vorbereitet; die Familie ist "
                "einverstanden.",
            ),
        ],
    ),
    _case(
        HAMELN,
        "Konflikt um Corona-Gedenkstein",
        "Eine Gruppe verbreitet Verschwörungserzählungen am Gedenkort; Angehörige fühlen "
        "sich verhöhnt.",
        ["Verschwörungserzählungen"],
        ConflictType.VALUES,
        1,
        [],
        [(1, 3)],
        (
            DemoActor(
                "Spaziergangsgruppe",
                G,
                "verbreitet Verschwörungserzählungen am Gedenkort",
                -2,
                2,
                interests="Den Gedenkort als Bühne für die eigene Deutung der Pandemie nutzen.",
                needs="Deutungshoheit, Anerkennung",
                positions="Hält Kundgebungen am Gedenkstein ab und legt Flugblätter aus.",
            ),
            DemoActor(
                "Angehörigenkreis",
                G,
                "Angehörige von Verstorbenen der Pandemie",
                1,
                1,
                interests="Ein würdiges, ungestörtes Gedenken an die Verstorbenen.",
                needs="Raum für Trauer, Respekt",
                positions="Der Gedenkstein soll ein Ort der Stille bleiben, ohne Kundgebungen.",
            ),
            DemoActor(
                "Friedhofsverwaltung",
                INST,
                "verwaltet den Gedenkort",
                1,
                3,
                interests="Die Friedhofsordnung durchsetzen, ohne eine Auseinandersetzung am "
                "Grab zu provozieren.",
                needs="Ruhe auf dem Friedhof",
                positions="Prüft ein Versammlungsverbot am Gedenkstein und Hinweisschilder.",
            ),
        ),
    ),
]
