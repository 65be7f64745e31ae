"""A Cottbus case whose texts name its actors, a person of the directory, a street, the city,
a place of its region and exact dates – what the anonymiser must take out."""

from __future__ import annotations

from kokoma.accounts.models import User
from kokoma.cases import services as cases
from kokoma.cases.models import Case
from kokoma.consultation import services
from kokoma.consultation.models import Consultation
from kokoma.directory import services as directory
from kokoma.directory.models import ContactPerson
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import COTTBUS, demo_user

PSEUDONYM = "Nachbarschaftsrat Lindenpark"
REAL_NAME = "Gregor Pfeilschmidt"
SECOND = "Jugendclub Ost"
CONTACT = "Waltraud Quenzel"
CANARY = "Kanarienvogel-Treffpunkt"
TITLE = "Streit um den Treffpunkt"


def tandem() -> User:
    return demo_user("lokal.cottbus")


def named_case(title: str = TITLE) -> Case:
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    by = tandem()
    case = cases.open_case(
        municipality=municipality,
        by=by,
        title=title,
        summary=(
            f"Seit dem 12.03.2026 streiten der {PSEUDONYM} und der {SECOND} um den {CANARY} in "
            f"der Lindenstraße 4 in Cottbus. Herr {REAL_NAME.split()[1]}s Vorschlag, den Platz "
            f"nachts zu schließen, lehnte Frau {CONTACT.split()[1]} ab."
        ),
        team=[demo_user("akteur.cottbus")],
    )
    actor = cases.add_actor(case, by=by, pseudonym=PSEUDONYM, kind="group")
    cases.set_identity(actor, by=by, real_name=REAL_NAME)
    cases.add_actor(case, by=by, pseudonym=SECOND, kind="group")
    case = Case.objects.get(pk=case.pk)
    cases.update_case(
        case,
        by=by,
        version=case.version,
        conflict_type="distribution",
        dividers=f"Lärm am Abend\nDer {SECOND} fühlt sich vertrieben",
        connectors="Alle wollen einen sicheren Ort für Jugendliche",
        tree_core_problem="Ein Platz, zwei Ansprüche",
    )
    cases.assess_escalation(case, by=by, stage=4, rationale="Koalitionen bilden sich")
    cases.assess_threat(case, by=by, dimension="polarisation", score=2, rationale="Leserbriefe")
    procedure = Term.objects.filter(kind=TermKind.PROCEDURE).order_by("pk").first()
    assert procedure is not None
    cases.add_procedure(
        case,
        by=by,
        procedure=procedure,
        goal=f"Runder Tisch mit dem {PSEUDONYM} am 2. April 2026",
        status="completed",
    )
    if not ContactPerson.objects.filter(name=CONTACT).exists():
        institution = directory.create_institution(
            municipality=municipality, by=by, name="Stadtteilbüro", kind="social_work"
        )
        directory.add_contact(institution, by=by, name=CONTACT, consent_given=True)
    return case


def drafted(case: Case | None = None) -> Consultation:
    return services.draft_consultation(
        case or named_case(), by=tandem(), question="Wie bringen wir beide an einen Tisch?"
    )


def shared(case: Case | None = None) -> Consultation:
    return services.approve_consultation(drafted(case), by=tandem())
