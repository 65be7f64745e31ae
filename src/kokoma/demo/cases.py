"""Demo taxonomies, observations, cases and chronicle (called by `manage.py load_demo`).

Every case, actor and observation here is invented (the stories are in `case_stories`). The
taxonomy terms are programme data (German names, not gettext), seeded idempotently by
`ensure_taxonomy()`. Each record is written with the moment it happened, counted back from the
day the demo is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from kokoma.accounts.models import Membership, MembershipRole, User
from kokoma.cases import services
from kokoma.cases.models import (
    Actor,
    Agreement,
    Case,
    CaseOutcome,
    CaseProcedure,
    Measure,
    RelationKind,
)
from kokoma.demo.case_stories import (
    BAUTZEN,
    CASES,
    CLOSED,
    COTTBUS,
    GREIFSWALD,
    HAMELN,
    WORK,
    DemoCase,
)
from kokoma.demo.clock import Clock
from kokoma.demo.office import programme_office
from kokoma.municipalities.models import Municipality
from kokoma.observations import services as services_observations
from kokoma.observations.models import Observation, Severity
from kokoma.tasks import services as services_tasks
from kokoma.taxonomy import services as services_taxonomy
from kokoma.taxonomy.models import Term, TermKind

__all__ = ["CASES", "TAXONOMY", "ensure_taxonomy", "load_demo_cases"]

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


@dataclass(frozen=True)
class People:
    """Who writes a municipality's demo cases: the tandem (the local companion where there is
    one), the external companion and the actor of the municipality on every case team."""

    tandem: User
    external: User | None
    actor: User | None

    def get(self, who: str) -> User | None:
        """The author of a comment: "tandem", "external" or "actor" (None: there is none)."""
        if who == "tandem":
            return self.tandem
        if who == "external":
            return self.external or self.tandem
        return self.actor


def _people(municipality: Municipality) -> People | None:
    members = {
        m.role: m.user
        for m in Membership.objects.filter(municipality=municipality).select_related("user")
    }
    tandem = members.get(MembershipRole.LOCAL_COMPANION) or members.get(
        MembershipRole.EXTERNAL_COMPANION
    )
    if tandem is None:
        return None
    return People(
        tandem=tandem,
        external=members.get(MembershipRole.EXTERNAL_COMPANION),
        actor=members.get(MembershipRole.ACTOR),
    )


def load_demo_cases() -> None:
    """Create the demo's observations, cases and chronicle; idempotent."""
    taxonomy = ensure_taxonomy()
    if Case.objects.filter(title=CASES[0].title).exists():
        return
    clock = Clock()
    municipalities = {
        m.ags: m
        for m in Municipality.objects.with_register().filter(
            register__ags__in={spec.ags for spec in CASES}
        )
    }
    people = {
        ags: found
        for ags, municipality in municipalities.items()
        if (found := _people(municipality)) is not None
    }
    created: dict[str, Case] = {}
    for spec in CASES:
        if spec.ags in people:
            created[spec.title] = _demo_case(
                spec, municipalities[spec.ags], people[spec.ags], taxonomy, clock
            )
    for row in OBSERVATIONS:
        if row[0] in people:
            _demo_observation(
                row, municipalities[row[0]], people[row[0]].tandem, taxonomy, created, clock
            )


def _demo_case(
    spec: DemoCase,
    municipality: Municipality,
    people: People,
    taxonomy: dict[tuple[str, str], Term],
    clock: Clock,
) -> Case:
    tandem = people.tandem
    case = services.open_case(
        municipality=municipality,
        by=tandem,
        title=spec.title,
        summary=spec.summary,
        opened_on=clock.day(spec.opened_days_ago),
        team=[people.actor] if people.actor else [],
        at=clock.at(spec.opened_days_ago, f"{spec.title}: opened"),
    )
    steps = {step.name: step for step in case.step.workflow.steps.all()}
    for name, days, note in spec.steps:
        if name not in steps:
            continue
        at = clock.at(days, f"{spec.title}: {name} {days}")
        if steps[name].is_final:
            outcome, lessons = _closing(spec)
            services.close_case(
                case,
                by=tandem,
                outcome=outcome,
                lessons=lessons,
                to_step=steps[name],
                note=note,
                at=at,
            )
        else:
            services.transition_case(case, by=tandem, to_step=steps[name], note=note, at=at)
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
        actor.pseudonym: services.add_actor(
            case,
            by=tandem,
            pseudonym=actor.pseudonym,
            kind=actor.kind,
            role=actor.role,
            attitude=actor.attitude,
            influence=actor.influence,
            interests=actor.interests,
            needs=actor.needs,
            positions=actor.positions,
        )
        for actor in spec.actors
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
            valid_from=clock.day(since),
            valid_to=clock.day(until) if until is not None else None,
        )
    for days, stage in spec.stages:
        services.assess_escalation(
            case,
            by=tandem,
            stage=stage,
            assessed_on=clock.day(days),
            rationale="Einschätzung im Tandem nach Gesprächen mit Beteiligten.",
        )
    for pseudonym, days, stage in spec.perspectives:
        services.assess_escalation(
            case,
            by=tandem,
            actor=actors[pseudonym],
            stage=stage,
            assessed_on=clock.day(days),
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
            assessed_on=clock.day(first_day if index % 2 else spec.stages[-1][0]),
        )
    window = _work_window(spec)
    if window is not None:
        _demo_processing(case, spec, list(actors.values()), tandem, taxonomy, clock, window)
    _demo_conversation(case, spec, people, clock)
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
    lessons = spec.lessons or (
        "Früh mit allen Seiten einzeln sprechen, bevor ein gemeinsames Format angeboten wird.\n"
        "Vereinbarungen schriftlich festhalten und einen Termin zur Überprüfung setzen."
    )
    return outcome, lessons


def _work_window(spec: DemoCase) -> tuple[int, int] | None:
    """(days ago the case first entered processing, days ago it last left it; 0: still there),
    or None for a case that never reached processing."""
    entries = [index for index, (name, _, _) in enumerate(spec.steps) if name == WORK]
    if not entries:
        return None
    after = entries[-1] + 1
    left = spec.steps[after][1] if after < len(spec.steps) else 0
    return spec.steps[entries[0]][1], left


def _demo_processing(
    case: Case,
    spec: DemoCase,
    actors: list[Actor],
    tandem: User,
    taxonomy: dict[tuple[str, str], Term],
    clock: Clock,
    window: tuple[int, int],
) -> None:
    """Procedures, measures and agreements of a case that reached the processing step, dated
    within the time it spent there."""
    closed = any(name == CLOSED for name, _, _ in spec.steps)
    began, left = window
    third, half = began - (began - left) // 3, began - (began - left) // 2
    services.add_procedure(
        case,
        by=tandem,
        procedure=taxonomy[(TermKind.PROCEDURE, "Pendeldiplomatie/Einzelgespräche")],
        goal="Sichtweisen und Anliegen aller Seiten in Einzelgesprächen kennenlernen.",
        participants=actors,
        status=CaseProcedure.Status.COMPLETED,
        started_on=clock.day(began),
        ended_on=clock.day(third),
    )
    services.add_procedure(
        case,
        by=tandem,
        procedure=taxonomy[
            (TermKind.PROCEDURE, "Runder Tisch" if closed else "moderierter Dialog")
        ],
        goal=f"{actors[0].pseudonym} und {actors[1].pseudonym} vereinbaren gemeinsame Regeln "
        "für das Zusammenleben.",
        participants=actors[:2],
        status=CaseProcedure.Status.COMPLETED if closed else CaseProcedure.Status.RUNNING,
        started_on=clock.day(third),
        ended_on=clock.day(left) if closed else None,
    )
    services.add_measure(
        case,
        by=tandem,
        title="Gesprächstermine mit allen Beteiligten vereinbaren",
        owner=tandem,
        due_on=clock.day(began - 14),
        status=Measure.Status.DONE,
        result="Alle Seiten waren zu Einzelgesprächen bereit.",
        at=clock.at(began, f"{spec.title}: measure 1"),
    )
    services.add_measure(
        case,
        by=tandem,
        title="Protokoll des letzten Treffens an alle versenden",
        owner=tandem,
        # An open case keeps one measure overdue, as real ones do.
        due_on=clock.day(left + 5 if closed else 5),
        status=Measure.Status.DONE if closed else Measure.Status.OPEN,
        result="Versandt und bestätigt." if closed else "",
        at=clock.at(third, f"{spec.title}: measure 2"),
    )
    services.add_measure(
        case,
        by=tandem,
        title="Raum für das nächste Treffen organisieren",
        description="Neutraler Ort, barrierefrei erreichbar.",
        owner=tandem,
        due_on=clock.day(left if closed else -14),
        status=Measure.Status.CANCELLED if closed else Measure.Status.IN_PROGRESS,
        at=clock.at(half, f"{spec.title}: measure 3"),
    )
    services.add_agreement(
        case,
        by=tandem,
        text="Beschwerden werden zuerst direkt und sachlich angesprochen, nicht in sozialen Medien.",
        parties=actors[:2],
        agreed_on=clock.day(half),
        review_on=clock.day(left if closed else -21),
        status=Agreement.Status.KEPT if closed else Agreement.Status.IN_FORCE,
    )
    services.add_agreement(
        case,
        by=tandem,
        text="Beide Seiten verzichten bis zum nächsten Treffen auf öffentliche Aktionen.",
        parties=actors[:2],
        agreed_on=clock.day(third),
        status=Agreement.Status.BROKEN if closed else Agreement.Status.RENEGOTIATED,
    )


def _demo_conversation(case: Case, spec: DemoCase, people: People, clock: Clock) -> None:
    """The case's comments and the tasks the tandem set itself, each on its day."""
    for days, who, text in spec.comments:
        author = people.get(who)
        if author is not None:
            services.post_comment(
                case, by=author, text=text, at=clock.at(days, f"{spec.title}: comment {days}")
            )
    for days, title, due, done in spec.tasks:
        task = services_tasks.create_task(
            municipality=case.municipality,
            by=people.tandem,
            title=title,
            assignee=people.tandem,
            case=case,
            due_on=clock.day(due),
            at=clock.at(days, f"{spec.title}: task {days}"),
        )
        if done is not None:
            services_tasks.set_done(
                task, by=people.tandem, at=clock.at(done, f"{spec.title}: done {done}")
            )


def _demo_observation(
    row: tuple[str, int, str, str, str, list[str], bool, str, str, str],
    municipality: Municipality,
    tandem: User,
    taxonomy: dict[tuple[str, str], Term],
    cases: dict[str, Case],
    clock: Clock,
) -> None:
    """An observation, received on the day it happened and triaged the day after (published in
    the chronicle two days later)."""
    _, days, place, description, source, topics, incident, motive, kind, outcome = row
    observation = services_observations.record_observation(
        municipality=municipality,
        by=None if source == Observation.Source.PUBLIC_FORM else tandem,
        occurred_on=clock.day(days),
        place=place,
        description=description,
        source=source,
        topics=[taxonomy[(TermKind.TOPIC, name)] for name in topics],
        severity=Severity.HIGH if incident else Severity.MEDIUM,
        is_incident=incident,
        motive=taxonomy[(TermKind.MOTIVE, motive)] if motive else None,
        incident_type=taxonomy[(TermKind.INCIDENT_TYPE, kind)] if kind else None,
        at=clock.at(days, f"{description}: received"),
    )
    action, _, detail = outcome.partition(":")
    triaged = clock.at(days - 1, f"{description}: triaged")
    if action == "verified":
        services_observations.verify_observation(observation, by=tandem, at=triaged)
    elif action == "dismissed":
        services_observations.dismiss_observation(observation, by=tandem, reason=detail, at=triaged)
    elif action == "case" and detail in cases:
        services_observations.verify_observation(observation, by=tandem, at=triaged)
        services_observations.merge_into_case(
            observation, by=tandem, case=cases[detail], at=triaged
        )
    elif action == "chronicle":
        services_observations.verify_observation(observation, by=tandem, at=triaged)
        services_observations.publish_to_chronicle(
            observation,
            by=tandem,
            text=detail,
            district=place,
            at=clock.at(days - 3, f"{description}: published"),
        )
