"""Dialogues (opinion maps): the question, the accepted statements and the map's findings.

No participant's votes leave the platform here: only counts per statement and per group, as on
the results page.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from kokoma.dialogue.models import Dialogue, StatementStatus, VoteValue
from kokoma.dialogue.opinion_map import current_map

from ..base import READ, Page, PageQuery, acting_user, paginate, reach

router = Router(tags=["dialogues"], auth=READ)


class DialogueOut(Schema):
    id: int
    municipality: str = Field(description=gettext_noop("AGS of the municipality"))
    case: str | None = Field(
        description=gettext_noop("Reference of the case; none for a public dialogue")
    )
    question: str
    introduction: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    allow_submissions: bool

    @staticmethod
    def resolve_municipality(obj: Dialogue) -> str:
        return obj.municipality.register.ags

    @staticmethod
    def resolve_case(obj: Dialogue) -> str | None:
        return obj.case.reference if obj.case else None


class StatementOut(Schema):
    number: int
    text: str
    is_meta: bool
    agree: int
    disagree: int
    passed: int = Field(description=gettext_noop("Votes to pass"))


class GroupOut(Schema):
    group: int
    size: int
    representative: list[int] = Field(
        description=gettext_noop("Numbers of its representative statements")
    )


class MapOut(Schema):
    participants: int
    placed: int = Field(
        description=gettext_noop("Participants with enough votes to be placed on the map")
    )
    groups: list[GroupOut]
    consensus: list[int] = Field(
        description=gettext_noop("Numbers of statements all groups agree with")
    )
    bridging: list[int] = Field(
        description=gettext_noop("Numbers of statements ranked by group-informed consensus")
    )


def _dialogues(request: HttpRequest) -> Any:
    return Dialogue.objects.visible_to(acting_user(request)).select_related(
        "municipality__register", "case"
    )


def _dialogue(request: HttpRequest, dialogue_id: int) -> Dialogue:
    user = acting_user(request)
    return reach(_dialogues(request), user, "dialogue.view_dialogue", pk=dialogue_id)


@router.get("/", response=Page[DialogueOut], summary=gettext_noop("List dialogues"))
def list_dialogues(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    return paginate(_dialogues(request).order_by("-opens_at", "-pk"), page)


@router.get("/{dialogue_id}", response=DialogueOut, summary=gettext_noop("One dialogue"))
def get_dialogue(request: HttpRequest, dialogue_id: int) -> Dialogue:
    return _dialogue(request, dialogue_id)


@router.get(
    "/{dialogue_id}/statements",
    response=Page[StatementOut],
    summary=gettext_noop("Accepted statements"),
)
def list_statements(
    request: HttpRequest, dialogue_id: int, page: Query[PageQuery]
) -> dict[str, Any]:
    dialogue = _dialogue(request, dialogue_id)
    queryset = (
        dialogue.statements.filter(status=StatementStatus.ACCEPTED)
        .annotate(
            agree=Count("votes", filter=Q(votes__value=VoteValue.AGREE)),
            disagree=Count("votes", filter=Q(votes__value=VoteValue.DISAGREE)),
            passed=Count("votes", filter=Q(votes__value=VoteValue.PASS)),
        )
        .order_by("number")
    )
    return paginate(queryset, page)


@router.get(
    "/{dialogue_id}/map",
    response=MapOut,
    summary=gettext_noop("The opinion map's findings"),
    description=gettext_noop(
        "The latest computed map (recomputed in the background after new votes); empty until "
        "enough people have voted."
    ),
)
def get_map(request: HttpRequest, dialogue_id: int) -> dict[str, Any]:
    dialogue = _dialogue(request, dialogue_id)
    analysis = current_map(dialogue)
    if analysis is None:
        return {"participants": 0, "placed": 0, "groups": [], "consensus": [], "bridging": []}
    numbers = dict(dialogue.statements.values_list("pk", "number"))
    return {
        "participants": len(analysis.participants),
        "placed": len(analysis.placed),
        "groups": [
            {
                "group": index + 1,
                "size": group.size,
                "representative": [
                    numbers[rep.statement_id]
                    for rep in group.representative
                    if rep.statement_id in numbers
                ],
            }
            for index, group in enumerate(analysis.groups)
        ],
        "consensus": [numbers[s] for s in analysis.consensus_agree if s in numbers],
        "bridging": [numbers[s] for s, _score in analysis.bridging if s in numbers],
    }
