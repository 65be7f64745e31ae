"""The demo's history of closed cases across the municipalities, so that "what worked elsewhere"
and the evidence per procedure show real figures: cases opened and closed over the last two
years, with an escalation assessment, the procedures used, an outcome and lessons learned; most
of them shared, anonymised, with the network by their tandem. Invented, naming nobody real;
generated from a fixed seed, through the services only."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kokoma.accounts.models import User
from kokoma.cases import services
from kokoma.cases.models import Case, CaseOutcome, CaseProcedure, ConflictType
from kokoma.municipalities.models import Municipality
from kokoma.outcomes import services as pool
from kokoma.taxonomy.models import Term, TermKind

from .cases import _people
from .clock import Clock

# The municipalities with a tandem, and how many past cases each brings.
HISTORY = {"12052000": 18, "14625020": 16, "13075039": 14, "03252006": 12}
# The history's titles name the year the case was opened, e.g. "Streit um … (2025)".


@dataclass(frozen=True)
class Story:
    topic: str
    conflict_type: str
    title: str
    summary: str
    lessons: str


STORIES = [
    Story(
        "Nutzung öffentlicher Raum",
        ConflictType.DISTRIBUTION,
        "Jugendtreffpunkt am Skatepark",
        "Jugendliche treffen sich abends am Skatepark; Anwohnende beschweren sich über Lärm und "
        "Müll, die Polizei wird häufig gerufen. In sozialen Medien werden die Jugendlichen "
        "pauschal beschuldigt.",
        "Die Jugendlichen selbst an den Tisch holen, nicht nur über sie sprechen. Eine "
        "Vereinbarung über Zeiten und Müll mit Überprüfungstermin wirkt länger als Verbote.",
    ),
    Story(
        "Flucht/Migration",
        ConflictType.VALUES,
        "Proteste gegen eine Gemeinschaftsunterkunft",
        "Gegen eine geplante Gemeinschaftsunterkunft für Geflüchtete formiert sich Protest; "
        "Gerüchte kursieren, eine Bürgerversammlung verläuft laut und aufgeheizt.",
        "Früh und offen informieren, Gerüchten mit Fakten begegnen, Sorgen ernst nehmen ohne "
        "Abwertungen stehen zu lassen. Kleine Gesprächsformate statt großer Versammlungen.",
    ),
    Story(
        "Rechtsextremismus",
        ConflictType.VALUES,
        "Rechtsextreme Mobilisierung gegen ein Kulturfest",
        "Eine rechtsextreme Gruppe mobilisiert gegen ein interkulturelles Fest; Aufkleber und "
        "Drohungen gegen Organisierende, die Stadtgesellschaft ist verunsichert.",
        "Klare Haltung der Verwaltungsspitze und Schutz der Bedrohten zuerst; danach breites "
        "Bündnis der Zivilgesellschaft, das das Fest gemeinsam trägt.",
    ),
    Story(
        "Energie/Infrastruktur",
        ConflictType.FACTUAL,
        "Streit um einen geplanten Windpark",
        "Ein geplanter Windpark spaltet den Ort: Befürwortende und Gegner werfen sich "
        "gegenseitig Lügen vor, Gemeinderatssitzungen eskalieren.",
        "Unabhängige Information und eine moderierte Dialogreihe vor der Entscheidung; "
        "Beteiligung an den Erträgen ins Gespräch bringen.",
    ),
    Story(
        "Wohnen",
        ConflictType.DISTRIBUTION,
        "Konflikt um ein Neubauquartier",
        "Ein Neubauquartier mit Sozialwohnungen stößt auf Widerstand in der Nachbarschaft; "
        "Befürchtungen um Parkplätze, Schule und Sicherheit vermischen sich mit Vorurteilen.",
        "Sachfragen (Verkehr, Schulplätze) getrennt von Vorurteilen bearbeiten; Nachbarschaft "
        "früh in die Planung einbinden.",
    ),
    Story(
        "Verschwörungserzählungen",
        ConflictType.VALUES,
        "Verschwörungserzählungen im Gemeinderat",
        "Verschwörungserzählungen prägen Debatten im Gemeinderat und in einer Telegram-Gruppe; "
        "Verwaltungsmitarbeitende werden angefeindet, das Vertrauen in Institutionen sinkt.",
        "Nicht über jede Erzählung diskutieren, sondern Ängste und Anliegen dahinter ansprechen; "
        "Mitarbeitende schützen und Angriffe dokumentieren.",
    ),
]
# (procedure, success chance in band 1, 2, 3): the evidence the demo shows.
PROCEDURES = {
    "Mediation": (0.85, 0.7, 0.35),
    "Runder Tisch": (0.8, 0.65, 0.3),
    "moderierter Dialog": (0.75, 0.55, 0.25),
    "Konfliktberatung": (0.7, 0.5, 0.3),
}
STAGE_WEIGHTS = [(2, 2), (3, 3), (4, 4), (5, 4), (6, 2), (7, 1)]  # (stage, weight)


def load_demo_history() -> None:
    if Case.objects.filter(title__startswith=STORIES[3].title).exists():
        return
    rng = random.Random(13)
    clock = Clock()
    terms = {
        (term.kind, term.name): term
        for term in Term.objects.filter(kind__in=[TermKind.TOPIC, TermKind.PROCEDURE])
    }
    for ags, count in HISTORY.items():
        municipality = Municipality.objects.with_register().filter(register__ags=ags).first()
        people = _people(municipality) if municipality else None
        if municipality is None or people is None:
            continue
        for number in range(count):
            _past_case(municipality, people.tandem, number, rng, clock, terms)


def _past_case(
    municipality: Municipality,
    tandem: User,
    number: int,
    rng: random.Random,
    clock: Clock,
    terms: dict[tuple[str, str], Term],
) -> None:
    story = STORIES[(number + len(municipality.register.name)) % len(STORIES)]
    opened = rng.randint(120, 720)
    duration = rng.randint(45, 110)
    stage = rng.choices([s for s, _w in STAGE_WEIGHTS], [w for _s, w in STAGE_WEIGHTS])[0]
    band = (stage - 1) // 3
    names = list(PROCEDURES)
    chosen = [names[(number + band) % len(names)]]
    if rng.random() < 0.3:
        chosen.append(names[(number + band + 1) % len(names)])
    by = tandem
    case = services.open_case(
        municipality=municipality,
        by=by,
        title=f"{story.title} ({clock.day(opened).year})",
        summary=story.summary,
        opened_on=clock.day(opened),
        at=clock.at(opened, f"history {municipality.pk} {number}"),
    )
    services.update_case(
        case,
        by=by,
        version=case.version,
        topics=[terms[(TermKind.TOPIC, story.topic)]],
        conflict_type=story.conflict_type,
    )
    services.assess_escalation(
        case,
        by=by,
        stage=stage,
        assessed_on=clock.day(opened - 5),
        rationale="Einschätzung im Tandem nach den ersten Gesprächen.",
    )
    for name in chosen:
        services.add_procedure(
            case,
            by=by,
            procedure=terms[(TermKind.PROCEDURE, name)],
            goal="Die Beteiligten ins Gespräch bringen und eine Vereinbarung erreichen.",
            status=CaseProcedure.Status.COMPLETED,
            started_on=clock.day(opened - 12),
            ended_on=clock.day(opened - duration + 10),
        )
    chance = PROCEDURES[chosen[0]][band]
    outcome = (
        rng.choice([CaseOutcome.RESOLVED, CaseOutcome.DEESCALATED, CaseOutcome.TRANSFORMED])
        if rng.random() < chance
        else rng.choice([CaseOutcome.DORMANT, CaseOutcome.ESCALATED])
    )
    steps = {step.name: step for step in case.step.workflow.steps.all()}
    path = [("Ersteinschätzung", 3), ("Analyse", 8), ("Bearbeitung", 12)]
    path.append(("Nachsorge", duration - 15))
    for name, after in path:
        if name in steps:
            services.transition_case(
                case,
                by=by,
                to_step=steps[name],
                at=clock.at(opened - after, f"history {case.pk} {name}"),
            )
    final = next(step for step in steps.values() if step.is_final)
    closed = services.close_case(
        case,
        by=by,
        outcome=outcome,
        lessons=story.lessons,
        to_step=final,
        at=clock.at(opened - duration, f"history {case.pk} closed"),
    )
    if rng.random() < 0.8:
        shared = pool.draft_shared(closed, by=by)
        if shared is not None:
            pool.share(shared, by=by)
