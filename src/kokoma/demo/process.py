"""Where each demo municipality stands in the accompaniment process.

Cottbus works on its action concept, Greifswald is agreeing its concept with the town, Hameln is
in the follow-up, Kaiserslautern (no tandem yet) has not started, and Bautzen is stalled: its
cooperation agreement has waited for the mayor's signature for months. Dates are days before the
day the demo is loaded; the documents are short PDFs made on the spot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from django.core.files.uploadedfile import SimpleUploadedFile

from kokoma.accounts.models import User
from kokoma.core.pdf import render_pdf
from kokoma.demo.case_stories import BAUTZEN, COTTBUS, GREIFSWALD, HAMELN
from kokoma.demo.clock import Clock
from kokoma.municipalities import services
from kokoma.municipalities.models import Municipality, StepKind, StepStatus


@dataclass(frozen=True)
class Step:
    kind: StepKind
    status: StepStatus
    started: int | None = None  # days ago
    finished: int | None = None
    planned: tuple[int, int] | None = None  # planned start and end, days ago (negative: ahead)
    document: str = ""  # the title of the document that proves the step's milestone
    notes: str = ""
    skip_reason: str = ""
    external: str = ""
    planned_on: int | None = None  # days ago the plan was made, for a step not started yet
    later: tuple[int, str] | None = None  # days ago and a sentence added to the notes then


@dataclass(frozen=True)
class Process:
    steps: list[Step] = field(default_factory=list)


MANDATE, INTERVIEWS, ANALYSIS = StepKind.MANDATE, StepKind.INTERVIEWS, StepKind.ANALYSIS
CONCEPT, AGREEMENT = StepKind.CONCEPT, StepKind.AGREEMENT
IMPLEMENTATION, FOLLOW_UP = StepKind.IMPLEMENTATION, StepKind.FOLLOW_UP
DONE, RUNNING, SKIPPED = StepStatus.DONE, StepStatus.IN_PROGRESS, StepStatus.SKIPPED

PROCESSES: dict[str, Process] = {
    COTTBUS: Process(
        [
            Step(
                MANDATE,
                DONE,
                700,
                660,
                document="Kooperationsvereinbarung Stadt Cottbus (unterzeichnet)",
                notes="Unterzeichnet vom Oberbürgermeister; Ansprechperson im Büro des OB benannt.",
                external="Büro des Oberbürgermeisters",
            ),
            Step(
                INTERVIEWS,
                DONE,
                650,
                300,
                notes="24 Interviews mit Verwaltung, Jugendarbeit, Polizei, Vereinen und "
                "Religionsgemeinschaften.",
            ),
            Step(
                ANALYSIS,
                DONE,
                290,
                100,
                document="Systemische Situations- und Konfliktanalyse Cottbus",
                notes="Schwerpunkte: Nutzung öffentlicher Räume, Zuwanderung, Misstrauen gegenüber "
                "der Verwaltung.",
            ),
            Step(
                CONCEPT,
                RUNNING,
                90,
                planned=(95, -45),
                notes="Drei Workshops geplant: Innenstadt, Sachsendorf, Sandow.",
                external="Moderation: Werkstatt Dialog e. V.",
                later=(10, "Workshop mit dem lokalen Beirat vorbereitet."),
            ),
        ]
    ),
    BAUTZEN: Process(
        [
            Step(
                MANDATE,
                DONE,
                230,
                200,
                document="Kooperationsvereinbarung Stadt Bautzen",
                notes="Unterzeichnet vom Oberbürgermeister.",
            ),
            Step(
                INTERVIEWS,
                RUNNING,
                165,
                planned=(170, 90),
                notes="Erste Interviewrunde mit Vereinen und Jugendarbeit.",
                later=(100, "Zweite Runde mit Schulen und Polizei geführt; Auswertung steht aus."),
            ),
        ]
    ),
    GREIFSWALD: Process(
        [
            Step(
                MANDATE,
                DONE,
                1100,
                1080,
                document="Kooperationsvereinbarung Universitäts- und Hansestadt Greifswald",
            ),
            Step(INTERVIEWS, DONE, 1070, 990),
            Step(
                ANALYSIS,
                DONE,
                980,
                900,
                document="Situations- und Konfliktanalyse Greifswald",
            ),
            Step(
                CONCEPT,
                DONE,
                880,
                400,
                document="Handlungskonzept „Miteinander in Greifswald“",
                notes="Fünf Workshops mit insgesamt 140 Teilnehmenden.",
            ),
            Step(
                AGREEMENT,
                RUNNING,
                40,
                planned=(45, -20),
                notes="Vorstellung in zwei Stadtteilkonferenzen geplant.",
                later=(
                    9,
                    "Erste Stadtteilkonferenz durchgeführt; Beschluss in der Bürgerschaft vorgesehen.",
                ),
            ),
        ]
    ),
    HAMELN: Process(
        [
            Step(
                MANDATE,
                DONE,
                1740,
                1700,
                document="Kooperationsvereinbarung Stadt Hameln",
            ),
            Step(INTERVIEWS, DONE, 1690, 1600),
            Step(ANALYSIS, DONE, 1590, 1500, document="Konfliktanalyse Hameln"),
            Step(CONCEPT, DONE, 1490, 1300, document="Handlungskonzept Hameln"),
            Step(
                AGREEMENT,
                SKIPPED,
                1290,
                1290,
                skip_reason="Das Handlungskonzept wurde in öffentlicher Ratssitzung nach "
                "Bürgerfragestunde beschlossen; eine eigene Abstimmungsrunde entfiel.",
            ),
            Step(IMPLEMENTATION, DONE, 1280, 700),
            Step(
                FOLLOW_UP,
                RUNNING,
                690,
                notes="Halbjährliche Nachsorgegespräche vereinbart.",
                later=(30, "Übergabe als Praxismodell vorbereitet."),
            ),
        ]
    ),
}


def _pdf(title: str, municipality: Municipality) -> SimpleUploadedFile:
    html = (
        f"<h1>{escape(title)}</h1><p>{escape(municipality.name)}</p>"
        "<p>Demo-Dokument der KoKoMa-Demo; alle Inhalte sind erfunden.</p>"
    )
    return SimpleUploadedFile("dokument.pdf", render_pdf(html), content_type="application/pdf")


def _tandem(municipality: Municipality) -> User:
    person = municipality.local_companion or municipality.external_companion
    if person is None:
        raise LookupError(f"{municipality} has no tandem to lead its process")
    return person


def walk_process(municipality: Municipality, clock: Clock | None = None) -> None:
    """Move the municipality's process to where its demo story stands (if it has one)."""
    process = PROCESSES.get(municipality.ags)
    if process is None:
        return
    clock = clock or Clock()
    by = _tandem(municipality)
    steps = {step.kind: step for step in municipality.process_steps.all()}
    for spec in process.steps:
        step = steps[spec.kind]
        seed = f"{municipality.ags}-{spec.kind}"
        first = spec.started if spec.started is not None else spec.planned_on
        if first is None:
            continue
        planned_start = clock.day(spec.planned[0]) if spec.planned else None
        planned_end = clock.day(spec.planned[1]) if spec.planned else None
        step = services.update_step(
            step,
            by=by,
            at=clock.at(first, seed),
            participants=[by],
            status=StepStatus.IN_PROGRESS if spec.started is not None else spec.status,
            started_on=clock.day(spec.started) if spec.started is not None else None,
            notes=spec.notes,
            external_participants=spec.external,
            planned_start=planned_start,
            planned_end=planned_end,
        )
        if spec.finished is not None:
            finished_at = clock.at(spec.finished, seed)
            document = None
            if spec.document:
                document = services.upload_step_document(
                    step,
                    by=by,
                    title=spec.document,
                    upload=_pdf(spec.document, municipality),
                    at=finished_at,
                )
            if spec.status == DONE:
                for milestone in step.milestones.all():
                    services.reach_milestone(
                        milestone,
                        by=by,
                        reached_on=clock.day(spec.finished),
                        document=document if milestone.needs_document else None,
                        at=finished_at,
                    )
            step = services.update_step(
                step,
                by=by,
                at=finished_at,
                status=spec.status,
                finished_on=clock.day(spec.finished),
                skip_reason=spec.skip_reason,
            )
        if spec.later is not None:
            days, sentence = spec.later
            services.update_step(
                step, by=by, at=clock.at(days, seed), notes=f"{spec.notes}\n{sentence}"
            )
