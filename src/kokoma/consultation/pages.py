"""What the pages of a consultation show: its answers grouped by the phases of the method."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Answer, Consultation, Phase


@dataclass(frozen=True)
class PhaseAnswers:
    phase: str
    label: str
    answers: list[Answer]


def answers_by_phase(consultation: Consultation) -> list[PhaseAnswers]:
    """The answers in the order of the method (questions, hypotheses, suggestions); one query."""
    grouped: dict[str, list[Answer]] = {phase: [] for phase in Phase.values}
    for answer in consultation.answers.select_related("author").order_by("created_at", "pk"):
        grouped.setdefault(answer.phase, []).append(answer)
    return [PhaseAnswers(phase, str(Phase(phase).label), grouped[phase]) for phase in Phase.values]
