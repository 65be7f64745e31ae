"""The demo's peer consultation: a Cottbus case shared with the network as an anonymised summary
(drafted by the platform, its title edited by the team, approved by the tandem), with answers
from Bautzen and Greifswald in the three phases of the method. Through the services only."""

from __future__ import annotations

from kokoma.accounts.models import User
from kokoma.cases.models import Case
from kokoma.consultation import services
from kokoma.consultation.models import Consultation

DOMAIN = "kokoma.example"
CASE_TITLE = "Nutzung des Stadthallenvorplatzes"
TITLE = "Streit um die Nutzung eines zentralen Platzes"
QUESTION = (
    "Wie gewinnen wir die Gruppe, die sich bisher allen Gesprächen entzieht, für einen "
    "gemeinsamen Termin – ohne dass die anderen Beteiligten das als Bevorzugung erleben?"
)

# (answerer, phase, text)
ANSWERS = [
    (
        "lokal.bautzen",
        "question",
        "Wer hat bisher zu den Gesprächen eingeladen – die Verwaltung selbst oder eine Stelle, "
        "die von allen Seiten als unabhängig wahrgenommen wird?",
    ),
    (
        "lokal.greifswald",
        "question",
        "Gibt es in der Gruppe eine Person, mit der schon einmal ein Einzelgespräch gelungen ist?",
    ),
    (
        "akteur.bautzen",
        "hypothesis",
        "Vielleicht erlebt die Gruppe die Einladung als Vorladung: Wer sich öffentlich "
        "rechtfertigen soll, bleibt lieber fern.",
    ),
    (
        "lokal.greifswald",
        "suggestion",
        "Bei uns hat ein **aufsuchendes Gespräch** am Ort selbst geholfen, zu zweit und ohne "
        "Tagesordnung. Erst danach kam die Einladung zum Runden Tisch – mit einem Termin, den "
        "die Gruppe mitbestimmen durfte.",
    ),
]


def _user(key: str) -> User:
    return User.objects.get(email=f"{key}@{DOMAIN}")


def load_demo_consultation() -> None:
    case = Case.objects.filter(title=CASE_TITLE).select_related("municipality").first()
    if case is None or Consultation.objects.filter(case=case).exists():
        return
    tandem = _user("lokal.cottbus")
    draft = services.draft_consultation(case, by=tandem, question=QUESTION)
    # The team reads the draft and takes the name of the square out of the title.
    services.change_draft(
        draft,
        by=tandem,
        title=TITLE,
        situation=draft.situation,
        tried=draft.tried,
        question=draft.question,
    )
    shared = services.approve_consultation(draft, by=tandem)
    for who, phase, text in ANSWERS:
        services.answer_consultation(shared, by=_user(who), phase=phase, text=text)
