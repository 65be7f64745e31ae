"""From a case to the names the anonymiser must remove and to the first draft of its summary.

The only part of the app that reads the case for the network: the team edits what comes out of
here, and only what it approves is stored for the network (`Consultation`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q
from django.utils import translation
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.cases.models import GLASL_STAGES, Case, EscalationAssessment, ThreatAssessment
from kokoma.directory.models import ContactPerson
from kokoma.municipalities.models import Municipality, RegisterEntry

from .anonymise import ActorNames, AnonymisationContext, Anonymiser, PlaceName, context_of


def people_of(case: Case) -> list[str]:
    """The names of the people around a case: its team, the municipality's tandem and contacts,
    and the contact persons of its actor-landscape directory."""
    municipality = case.municipality
    tandem = Membership.objects.companions().filter(municipality=municipality)
    names = list(
        User.objects.filter(
            Q(pk__in=case.team.values("user_id")) | Q(pk__in=tandem.values("user_id"))
        ).values_list("display_name", flat=True)
    )
    names += list(municipality.contacts.values_list("name", flat=True))
    names += list(
        ContactPerson.objects.filter(institution__municipality=municipality).values_list(
            "name", flat=True
        )
    )
    return names


def places_of(municipality: Municipality) -> list[PlaceName]:
    """The municipality, the places of its district (Kreis) with their populations, and the
    district's own name."""
    register = municipality.register
    places = [PlaceName(register.name, register.population)]
    places += [
        PlaceName(name, population)
        for name, population in RegisterEntry.objects.filter(kreis_ags=register.kreis_ags)
        .exclude(pk=register.pk)
        .values_list("name", "population")
    ]
    places.append(PlaceName(register.kreis_name, None))
    return places


def context_for_case(case: Case) -> AnonymisationContext:
    actors = [
        ActorNames(actor.pseudonym, (actor.identity.real_name,))
        if hasattr(actor, "identity")
        else ActorNames(actor.pseudonym)
        for actor in case.actors.select_related("identity").order_by("pk")
    ]
    return context_of(actors=actors, people=people_of(case), places=places_of(case.municipality))


@dataclass(frozen=True)
class DraftTexts:
    title: str
    situation: str
    tried: str
    question: str


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _section(heading: str, lines: list[str]) -> str:
    if not lines:
        return ""
    return f"**{heading}**\n\n" + "\n".join(f"- {line}" for line in lines)


def draft_from_case(case: Case, *, question: str = "") -> DraftTexts:
    """The case's summary, analysis and procedures, anonymised into one draft.

    Written in the site's language (the language of the case's own texts), whoever drafts it."""
    anonymiser = Anonymiser(context_for_case(case))
    clean = anonymiser.anonymise
    with translation.override(settings.LANGUAGE_CODE):
        facts = []
        if case.conflict_type:
            facts.append(_("Conflict type: %(type)s") % {"type": case.get_conflict_type_display()})
        topics = [str(topic) for topic in case.topics.all()]
        if topics:
            facts.append(_("Topics: %(topics)s") % {"topics": ", ".join(topics)})
        peak = EscalationAssessment.objects.filter(case=case).aggregate(peak=Max("stage"))["peak"]
        if peak:
            facts.append(
                _("Highest Glasl stage assessed: %(stage)s – %(name)s")
                % {"stage": peak, "name": GLASL_STAGES[peak]}
            )
        threats = _threats(case)
        if threats:
            facts.append(_("Threat assessment: %(threats)s") % {"threats": ", ".join(threats)})
        parts = [
            clean(case.summary.strip()),
            _section(_("Facts"), facts),
            _section(_("What divides"), [clean(line) for line in _lines(case.dividers)]),
            _section(_("What connects"), [clean(line) for line in _lines(case.connectors)]),
            _section(_("Causes"), [clean(line) for line in _lines(case.tree_causes)]),
            _section(
                _("Core problem"),
                [clean(case.tree_core_problem.strip())] if case.tree_core_problem.strip() else [],
            ),
            _section(_("Effects"), [clean(line) for line in _lines(case.tree_effects)]),
        ]
        tried = [
            f"{procedure.procedure} ({procedure.get_status_display()}): {clean(procedure.goal)}"
            for procedure in case.procedures.select_related("procedure").order_by("pk")
        ]
    return DraftTexts(
        title=clean(case.title),
        situation="\n\n".join(part for part in parts if part),
        tried="\n".join(f"- {line}" for line in tried),
        question=clean(question.strip()),
    )


def _threats(case: Case) -> list[str]:
    latest: dict[str, ThreatAssessment] = {}
    for threat in ThreatAssessment.objects.filter(case=case).order_by("assessed_on", "pk"):
        latest[threat.dimension] = threat
    return [
        f"{threat.get_dimension_display()} {threat.score}/3"
        for threat in latest.values()
        if threat.score
    ]
