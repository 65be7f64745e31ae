"""The demo's dialogues: a public opinion map in Cottbus on the future of the Stadthalle forecourt,
with a few hundred simulated participants in three camps and statements that bridge them, and a
small dialogue inside the forecourt case. Invented, naming nobody.

The dialogues and their statements go through the services; the simulated participants and their
votes are written in bulk (thousands of rows), then the map is computed once.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.cases.models import Case
from kokoma.dialogue import services
from kokoma.dialogue.models import Dialogue, Participant, Statement, StatementStatus, Vote
from kokoma.dialogue.opinion_map import refresh_map
from kokoma.municipalities.models import Municipality

DOMAIN = "kokoma.example"
COTTBUS = "12052000"
CASE_TITLE = "Nutzung des Stadthallenvorplatzes"
PUBLIC_QUESTION = "Wie soll der Stadthallenvorplatz in Zukunft genutzt werden?"

# (statement, agree probability of camp A (young people and their supporters), B (neighbours
# wanting quiet), C (traders)); the first ones bridge: every camp tends to agree.
STATEMENTS: list[tuple[str, float, float, float]] = [
    ("Der Platz soll für alle Generationen ein Ort zum Verweilen sein.", 0.85, 0.8, 0.8),
    ("Eine feste Ansprechperson vor Ort würde viele Konflikte früh entschärfen.", 0.8, 0.75, 0.8),
    ("Mehr Sitzgelegenheiten und Licht machen den Platz sicherer.", 0.8, 0.7, 0.75),
    ("Jugendliche brauchen einen Treffpunkt in der Innenstadt.", 0.95, 0.3, 0.45),
    ("Ab 22 Uhr sollte auf dem Platz Ruhe herrschen.", 0.2, 0.95, 0.6),
    ("Die Polizei sollte abends häufiger Streife fahren.", 0.1, 0.85, 0.75),
    ("Die Beschwerden über Lärm sind übertrieben.", 0.85, 0.05, 0.3),
    ("Die Geschäfte leiden unter dem Ruf des Platzes.", 0.25, 0.6, 0.95),
    ("Ein Alkoholverbot auf dem Platz wäre sinnvoll.", 0.15, 0.8, 0.7),
    ("Ein Jugendcafé am Platz wäre eine gute Lösung.", 0.9, 0.35, 0.55),
    ("Beiträge in sozialen Medien haben den Streit angeheizt.", 0.8, 0.4, 0.5),
    ("Videoüberwachung würde den Platz sicherer machen.", 0.1, 0.75, 0.8),
    ("Die Stadt hat die Anwohnenden zu lange nicht gehört.", 0.3, 0.95, 0.6),
    ("Straßenfeste auf dem Platz sollten häufiger stattfinden.", 0.75, 0.15, 0.85),
    ("Die Gastronomie sollte draußen länger öffnen dürfen.", 0.6, 0.05, 0.95),
]
CAMPS = [0.45, 0.35, 0.2]  # share of participants per camp
PARTICIPANTS = 320


def _simulate(dialogue: Dialogue, statements: list[Statement], rng: random.Random) -> None:
    """Participants of three camps, each voting on 8–15 statements over the last three weeks."""
    start = timezone.now() - datetime.timedelta(days=21)
    Participant.objects.bulk_create(
        Participant(
            dialogue=dialogue,
            number=number,
            token_hash=f"demo-{dialogue.pk}-{number}",
            created_at=start + datetime.timedelta(minutes=90 * number),
        )
        for number in range(PARTICIPANTS)
    )
    participants = list(Participant.objects.filter(dialogue=dialogue).order_by("number"))
    votes: list[Vote] = []
    for participant in participants:
        camp = rng.choices(range(len(CAMPS)), weights=CAMPS)[0]
        seen = rng.sample(range(len(statements)), rng.randint(8, len(statements)))
        moment = participant.created_at
        for index in seen:
            agree = float(STATEMENTS[index][1 + camp])
            roll = rng.random()
            value = 0 if roll < 0.08 else (1 if rng.random() < agree else -1)
            moment += datetime.timedelta(seconds=rng.randint(5, 40))
            votes.append(
                Vote(
                    dialogue=dialogue,
                    participant=participant,
                    statement=statements[index],
                    value=value,
                    created_at=moment,
                    updated_at=moment,
                )
            )
    votes.sort(key=lambda vote: vote.created_at)
    Vote.objects.bulk_create(votes, batch_size=2000)


def load_demo_dialogues() -> None:
    if Dialogue.objects.exists():
        return
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    local = User.objects.get(email=f"lokal.cottbus@{DOMAIN}")
    rng = random.Random(14)
    public = services.open_dialogue(
        municipality=cottbus,
        by=local,
        question=PUBLIC_QUESTION,
        introduction=(
            "Der Vorplatz der Stadthalle ist Treffpunkt, Durchgang und Geschäftslage zugleich. "
            "Sagen Sie uns, welchen Aussagen Sie zustimmen – das Ergebnis fließt in den Runden "
            "Tisch zum Platz ein."
        ),
        opens_at=timezone.now() - datetime.timedelta(days=21),
        closes_at=timezone.now() + datetime.timedelta(days=14),
        seeds=[text for text, *_ in STATEMENTS],
    )
    statements = list(public.statements.order_by("number"))
    _simulate(public, statements, rng)
    services.submit_statement(
        public,
        Participant.objects.get(dialogue=public, number=0),
        text="Die Stadt sollte einen Platzbeirat mit allen Gruppen einrichten.",
    )
    spam = services.submit_statement(
        public,
        Participant.objects.get(dialogue=public, number=1),
        text="Alle, die sich beschweren, sollen doch wegziehen!",
    )
    services.moderate(
        spam,
        by=local,
        status=StatementStatus.REJECTED,
        reason="Abwertend und kein Beitrag zur Frage.",
    )
    refresh_map(public.pk)

    case = Case.objects.filter(municipality=cottbus, title=CASE_TITLE).first()
    if case is None:
        return
    in_case = services.open_dialogue(
        municipality=cottbus,
        case=case,
        by=local,
        question="Worauf können sich die Beteiligten am Runden Tisch verständigen?",
        introduction="Für die Teilnehmenden des Runden Tisches; der Link ist nur für sie.",
        opens_at=timezone.now() - datetime.timedelta(days=7),
        seeds=[text for text, *_ in STATEMENTS[:8]],
    )
    _simulate_small(in_case, rng)
    refresh_map(in_case.pk)


def _simulate_small(dialogue: Dialogue, rng: random.Random) -> None:
    statements = list(dialogue.statements.order_by("number"))
    start = timezone.now() - datetime.timedelta(days=6)
    Participant.objects.bulk_create(
        Participant(dialogue=dialogue, number=number, token_hash=f"demo-{dialogue.pk}-{number}")
        for number in range(24)
    )
    votes = []
    for participant in Participant.objects.filter(dialogue=dialogue).order_by("number"):
        camp = participant.number % 2
        for index, statement in enumerate(statements):
            agree = float(STATEMENTS[index][1 + camp])
            moment = start + datetime.timedelta(minutes=10 * participant.number + index)
            votes.append(
                Vote(
                    dialogue=dialogue,
                    participant=participant,
                    statement=statement,
                    value=1 if rng.random() < agree else -1,
                    created_at=moment,
                    updated_at=moment,
                )
            )
    Vote.objects.bulk_create(votes)
