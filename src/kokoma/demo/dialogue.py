"""The demo's dialogues: a public opinion map in Cottbus on the future of the Stadthalle forecourt,
with a few hundred simulated participants in three camps and statements that bridge them, and a
small dialogue inside the forecourt case. Invented, naming nobody.

Everything goes through the services: the simulated participants' votes (thousands) as votes cast
elsewhere (`exchange.import_votes`, in bulk), then the map is computed once.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.cases.models import Case
from kokoma.dialogue import exchange, polis_io, services
from kokoma.dialogue.models import Dialogue, Participant, StatementStatus
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


def _millis(moment: datetime.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _simulate(dialogue: Dialogue, rng: random.Random) -> None:
    """Participants of three camps, each voting on 8–15 statements over the last three weeks."""
    start = timezone.now() - datetime.timedelta(days=21)
    numbers = [s.number for s in dialogue.statements.order_by("number")]
    votes: list[polis_io.Vote] = []
    for participant in range(PARTICIPANTS):
        camp = rng.choices(range(len(CAMPS)), weights=CAMPS)[0]
        moment = start + datetime.timedelta(minutes=90 * participant)
        for index in rng.sample(range(len(numbers)), rng.randint(8, len(numbers))):
            agree = float(STATEMENTS[index][1 + camp])
            value = 0 if rng.random() < 0.08 else (1 if rng.random() < agree else -1)
            moment += datetime.timedelta(seconds=rng.randint(5, 40))
            votes.append(polis_io.Vote(_millis(moment), participant, numbers[index], value))
    votes.sort(key=lambda vote: vote.timestamp)
    exchange.import_votes(dialogue, votes)


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
    _simulate(public, rng)
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
    """The people at the round table: two sides of twelve, each voting on every statement."""
    start = timezone.now() - datetime.timedelta(days=6)
    numbers = [s.number for s in dialogue.statements.order_by("number")]
    votes = [
        polis_io.Vote(
            _millis(start + datetime.timedelta(minutes=10 * participant + index)),
            participant,
            number,
            1 if rng.random() < float(STATEMENTS[index][1 + participant % 2]) else -1,
        )
        for participant in range(24)
        for index, number in enumerate(numbers)
    ]
    exchange.import_votes(dialogue, votes)
