"""Writing transfer models down, taking a municipality's procedure rules into one, adopting a
model (its procedure and checklists become the municipality's own editable copy) and reporting
back how it worked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kokoma.accounts.models import COMPANION_ROLES, Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.core.messages import message
from kokoma.guidance import services as guidance
from kokoma.municipalities.models import Municipality
from kokoma.notifications.services import notify
from kokoma.outcomes.models import SharedCase
from kokoma.taxonomy.models import Term
from kokoma.workflow.services import workflow_for
from kokoma.workflow.template import TemplateDiff, apply_template, compare, export_template

from . import texts
from .models import Adoption, AdoptionReport, ModelChecklist, TransferModel, tandem_municipality_ids


def _link(model: TransferModel) -> str:
    return reverse("transfer:detail", kwargs={"transfer_model_id": model.pk})


PLACEHOLDER = "[Kommune]"


def _generic(template: dict[str, Any], municipality: Municipality) -> dict[str, Any]:
    """The template without the name of the municipality it was taken from (in its title and
    preamble), so that it reads right wherever it is adopted."""
    name = str(municipality)
    return {
        **template,
        "title": template["title"].replace(name, PLACEHOLDER),
        "preamble": template["preamble"].replace(name, PLACEHOLDER),
    }


def template_for(template: dict[str, Any], municipality: Municipality) -> dict[str, Any]:
    """The model's template as it applies to `municipality`: its name in place of the
    placeholder."""
    name = str(municipality)
    return {
        **template,
        "title": template["title"].replace(PLACEHOLDER, name),
        "preamble": template["preamble"].replace(PLACEHOLDER, name),
    }


def municipalities_for(user: User) -> list[Municipality]:
    """The municipalities `user` may act for here: their tandem's, all for the office."""
    found = Municipality.objects.select_related("register").order_by("register__name")
    if user.is_programme_office:
        return list(found)
    return list(found.filter(pk__in=tandem_municipality_ids(user)))


def _check_acts_for(user: User, municipality: Municipality) -> None:
    if municipality not in municipalities_for(user):
        raise ValidationError(
            {"municipality": _("You do not belong to the tandem of this municipality.")}
        )


@transaction.atomic
def create_model(
    *,
    by: User,
    topics: Iterable[Term] = (),
    procedures: Iterable[Term] = (),
    evidence_cases: Iterable[SharedCase] = (),
    **fields: Any,
) -> TransferModel:
    source = fields.get("source_municipality")
    if source is not None:
        _check_acts_for(by, source)
    model = TransferModel(created_by=by, **fields)
    related: dict[str, list[Any]] = {
        "topics": list(topics),
        "procedures": list(procedures),
        "evidence_cases": list(evidence_cases),
    }
    return save_audited(model, by=by, related=related)


@transaction.atomic
def change_model(
    model: TransferModel,
    *,
    by: User,
    topics: Iterable[Term] | None = None,
    procedures: Iterable[Term] | None = None,
    evidence_cases: Iterable[SharedCase] | None = None,
    **changes: Any,
) -> TransferModel:
    locked = TransferModel.objects.select_for_update().get(pk=model.pk)
    related: dict[str, list[Any]] = {}
    if topics is not None:
        related["topics"] = list(topics)
    if procedures is not None:
        related["procedures"] = list(procedures)
    if evidence_cases is not None:
        related["evidence_cases"] = list(evidence_cases)
    return save_audited(assign(stored(locked), changes), by=by, related=related or None)


@transaction.atomic
def take_procedure(model: TransferModel, *, by: User, municipality: Municipality) -> TransferModel:
    """Copy the procedure rules of `municipality` into the model as its template: a snapshot,
    which later changes to the municipality's rules do not touch."""
    _check_acts_for(by, municipality)
    locked = TransferModel.objects.select_for_update().get(pk=model.pk)
    template = _generic(export_template(workflow_for(municipality)), municipality)
    changes = {
        "procedure_template": template,
        "template_from": municipality,
        "template_taken_at": timezone.now(),
    }
    return save_audited(assign(stored(locked), changes), by=by)


@transaction.atomic
def save_checklist(
    model: TransferModel, *, by: User, checklist: ModelChecklist | None = None, **fields: Any
) -> ModelChecklist:
    target = ModelChecklist(transfer_model=model) if checklist is None else stored(checklist)
    return save_audited(assign(target, fields), by=by)


@transaction.atomic
def delete_checklist(checklist: ModelChecklist, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=checklist)
    checklist.delete()


@dataclass(frozen=True)
class Preview:
    """What adopting a model would change in a municipality, before anything is changed."""

    municipality: Municipality
    procedure: TemplateDiff | None
    checklists: list[ModelChecklist]
    existing: Adoption | None


def preview(model: TransferModel, municipality: Municipality) -> Preview:
    template = model.procedure_template
    return Preview(
        municipality=municipality,
        procedure=compare(workflow_for(municipality), template_for(template, municipality))
        if template
        else None,
        checklists=list(model.checklists.all()),
        existing=Adoption.objects.filter(transfer_model=model, municipality=municipality)
        .select_related("adopted_by")
        .first(),
    )


def _refuse_second(adoption: Adoption) -> None:
    raise ValidationError(
        _(
            "%(municipality)s adopted this model already on %(date)s (by %(person)s). "
            "Its procedure rules and checklists are the municipality's own since then: change "
            "them there."
        )
        % {
            "municipality": adoption.municipality,
            "date": date_format(timezone.localdate(adoption.adopted_at), "SHORT_DATE_FORMAT"),
            "person": adoption.adopted_by or "–",
        },
        code="adopted",
    )


@transaction.atomic
def adopt(model: TransferModel, *, by: User, municipality: Municipality) -> Adoption:
    """Take the model over in one step: its procedure template becomes the municipality's
    procedure rules (`kokoma.workflow.template.apply_template`) and its checklists the
    municipality's own; both are copies, independent of later edits to the model."""
    model = TransferModel.objects.select_for_update().get(pk=model.pk)
    if not model.published:
        raise ValidationError(_("Only a published model can be adopted."))
    _check_acts_for(by, municipality)
    if model.source_municipality_id == municipality.pk:
        raise ValidationError({"municipality": _("The model was developed in this municipality.")})
    existing = Adoption.objects.filter(transfer_model=model, municipality=municipality).first()
    if existing is not None:
        _refuse_second(existing)
    changes: dict[str, Any] = {}
    if model.procedure_template:
        diff = apply_template(
            workflow_for(municipality),
            template_for(model.procedure_template, municipality),
            by=by,
        )
        changes["steps"] = {
            kind: [change.name for change in diff.steps if change.kind == kind]
            for kind in ("added", "changed", "removed", "kept")
        }
    copied = 0
    for checklist in model.checklists.all():
        guidance.create_checklist(
            by=by,
            municipality=municipality,
            band=checklist.band,
            title=checklist.title,
            introduction=checklist.introduction,
            items=[
                guidance.ItemData(item_id=None, text=text[:300], position=number)
                for number, text in enumerate(checklist.item_list, start=1)
            ],
        )
        copied += 1
    adoption = Adoption(
        transfer_model=model,
        municipality=municipality,
        adopted_by=by,
        procedure_applied=bool(model.procedure_template),
        checklists_copied=copied,
        changes=changes,
    )
    save_audited(adoption, by=by, municipality=municipality)
    keepers = [model.created_by] if model.created_by else []
    if model.source_municipality_id:
        keepers += [
            membership.user
            for membership in Membership.objects.filter(
                municipality_id=model.source_municipality_id, role__in=COMPANION_ROLES
            ).select_related("user")
        ]
    notify(
        [person for person in keepers if person.pk != by.pk],
        message=message(texts.ADOPTED, model=model.title, municipality=str(municipality)),
        link=_link(model),
    )
    return adoption


@transaction.atomic
def report(adoption: Adoption, *, by: User, rating: str, text: str) -> AdoptionReport:
    entry = AdoptionReport(adoption=adoption, rating=rating, text=text, author=by)
    save_audited(entry, by=by, municipality=adoption.municipality)
    model = adoption.transfer_model
    if model.created_by and model.created_by.pk != by.pk:
        notify(
            [model.created_by],
            message=message(
                texts.REPORTED, model=model.title, municipality=str(adoption.municipality)
            ),
            link=_link(model),
        )
    return entry
