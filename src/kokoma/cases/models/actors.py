"""The parties to a conflict under pseudonyms, their real identities and their relations."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


class Actor(models.Model):
    """A party to the conflict, stored under a pseudonym."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        GROUP = "group", _("group")
        ORGANISATION = "organisation", _("organisation")
        INSTITUTION = "institution", _("institution")

    class Attitude(models.IntegerChoices):
        HOSTILE = -2, _("hostile")
        SCEPTICAL = -1, _("sceptical")
        NEUTRAL = 0, _("neutral")
        OPEN = 1, _("open")
        SUPPORTIVE = 2, _("supportive")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="actors")
    pseudonym = models.CharField(_("pseudonym"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    role = models.CharField(_("role in the conflict"), max_length=200, blank=True)
    interests = models.TextField(_("interests"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    positions = models.TextField(_("positions"), blank=True)
    influence = models.PositiveSmallIntegerField(
        _("influence (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    attitude = models.SmallIntegerField(
        _("attitude towards de-escalation"), choices=Attitude.choices, default=Attitude.NEUTRAL
    )

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["case", "pseudonym"], name="actor_unique_pseudonym")
        ]

    def __str__(self) -> str:
        return self.pseudonym


class ActorIdentity(models.Model):
    """The real identity behind a pseudonym, where needed at all; coordinators only."""

    actor = models.OneToOneField("cases.Actor", on_delete=models.CASCADE, related_name="identity")
    real_name = models.CharField(_("real name"), max_length=200)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    def __str__(self) -> str:
        return f"identity of {self.actor}"


class RelationKind(models.TextChoices):
    COOPERATION = "cooperation", _("cooperation")
    ALLIANCE = "alliance", _("alliance")
    TENSION = "tension", _("tension")
    CONFLICT = "conflict", _("conflict")
    VIOLENCE = "violence", _("violence")
    INFLUENCE = "influence", _("influence")


class RelationQuerySet(models.QuerySet["Relation"]):
    def valid_on(self, day: datetime.date) -> RelationQuerySet:
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=day) | Q(valid_to__isnull=True)
        )


class Relation(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="relations")
    source = models.ForeignKey(
        "cases.Actor", on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey("cases.Actor", on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("kind"), max_length=16, choices=RelationKind.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength (1–3)"), validators=[MinValueValidator(1), MaxValueValidator(3)], default=2
    )
    directed = models.BooleanField(
        _("directed (from the first to the second actor)"), default=False
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = RelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relation_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="relation_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} – {self.get_kind_display()} – {self.target}"
