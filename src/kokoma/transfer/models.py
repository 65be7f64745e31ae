"""Transfer models (Praxismodelle): what worked in one municipality, written down so that another
can take it over – the procedure rules and checklists as its own copy – and report how it went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import COMPANION_ROLES
from kokoma.guidance.models import Band
from kokoma.municipalities.models import Municipality
from kokoma.municipalities.predicates import roles_by_municipality
from kokoma.network.predicates import is_network_member
from kokoma.taxonomy.models import Term, TermKind

if TYPE_CHECKING:
    from kokoma.accounts.models import User


def tandem_municipality_ids(user: User) -> list[int]:
    return [
        municipality_id
        for municipality_id, roles in roles_by_municipality(user).items()
        if roles & set(COMPANION_ROLES)
    ]


class TransferModelQuerySet(models.QuerySet["TransferModel"]):
    def visible_to(self, user: User) -> TransferModelQuerySet:
        """Published models for everybody in the network; a draft for the office, its author and
        the tandem of the municipality it comes from."""
        if not is_network_member(user):
            return self.none()
        if user.is_programme_office:
            return self.all()
        return self.filter(
            Q(published=True)
            | Q(created_by=user)
            | Q(source_municipality_id__in=tandem_municipality_ids(user))
        )


class TransferModel(models.Model):
    title = models.CharField(_("title"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=500)
    problem = models.TextField(_("problem addressed"), max_length=5000)
    target_group = models.TextField(_("target group"), max_length=2000, blank=True)
    approach = models.TextField(
        _("procedure"),
        max_length=10000,
        blank=True,
        help_text=_("How the model works, step by step, in Markdown."),
    )
    structures_and_roles = models.TextField(_("structures and roles"), max_length=5000, blank=True)
    conditions_for_success = models.TextField(
        _("conditions for success"), max_length=5000, blank=True
    )
    resources_needed = models.TextField(_("resources needed"), max_length=5000, blank=True)
    evidence = models.TextField(
        _("evidence"),
        max_length=5000,
        blank=True,
        help_text=_("What shows that it works: experiences, evaluations, figures."),
    )
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="transfer_models",
        limit_choices_to={"kind": TermKind.TOPIC},
        verbose_name=_("topics"),
    )
    procedures = models.ManyToManyField(
        Term,
        blank=True,
        related_name="transfer_models_by_procedure",
        limit_choices_to={"kind": TermKind.PROCEDURE},
        verbose_name=_("procedure types"),
    )
    evidence_cases = models.ManyToManyField(
        "outcomes.SharedCase",
        blank=True,
        related_name="transfer_models",
        verbose_name=_("closed cases as evidence"),
        help_text=_("Closed cases shared anonymised with the network in which the model was used."),
    )
    source_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfer_models",
        verbose_name=_("developed in"),
    )
    # The procedure rules as a template (kokoma.workflow.template), copied when it was taken.
    procedure_template = models.JSONField(null=True, blank=True, editable=False)
    template_from = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    template_taken_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only a published model is shown to the network and can be adopted."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TransferModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer model")
        verbose_name_plural = _("transfer models")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ModelChecklist(models.Model):
    """A checklist the model brings along; adopting it copies it into the municipality's own."""

    transfer_model = models.ForeignKey(
        TransferModel, on_delete=models.CASCADE, related_name="checklists"
    )
    band = models.PositiveSmallIntegerField(_("escalation band"), choices=Band.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, max_length=2000)
    items = models.TextField(_("items"), max_length=10000, help_text=_("One item per line."))

    class Meta:
        verbose_name = _("checklist of a transfer model")
        verbose_name_plural = _("checklists of a transfer model")
        ordering = ["band", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def item_list(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class Adoption(models.Model):
    """A municipality took a model over: once per model and municipality."""

    transfer_model = models.ForeignKey(
        TransferModel, on_delete=models.CASCADE, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("municipality"),
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    adopted_at = models.DateTimeField(_("adopted on"), auto_now_add=True)
    procedure_applied = models.BooleanField(default=False)
    checklists_copied = models.PositiveSmallIntegerField(default=0)
    changes = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["transfer_model", "municipality"], name="adoption_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.transfer_model} – {self.municipality}"


class Rating(models.TextChoices):
    WORKED = "worked", _("worked well")
    PARTLY = "partly", _("worked in part")
    NOT_YET = "not_yet", _("too early to say")
    DID_NOT_WORK = "did_not_work", _("did not work")


class AdoptionReport(models.Model):
    """How the model worked where it was adopted, told by that municipality's tandem."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="reports")
    rating = models.CharField(_("how it worked"), max_length=16, choices=Rating.choices)
    text = models.TextField(
        _("report"),
        max_length=5000,
        help_text=_("What worked, what you changed, what others should know."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("reported on"), auto_now_add=True)

    class Meta:
        verbose_name = _("report on an adoption")
        verbose_name_plural = _("reports on adoptions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.adoption}: {self.get_rating_display()}"
