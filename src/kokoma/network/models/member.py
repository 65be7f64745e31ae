"""The network's members: the programme's municipalities and experts from science and practice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind

from ..predicates import is_network_member

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class MemberKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    EXPERT = "expert", _("Expert")


class Sector(models.TextChoices):
    SCIENCE = "science", _("Science")
    PRACTICE = "practice", _("Practice")
    ADMINISTRATION = "administration", _("Public administration")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("By e-mail")
    PHONE = "phone", _("By telephone")
    OFFICE = "office", _("Through the programme office")


class MemberQuerySet(models.QuerySet["Member"]):
    def visible_to(self, user: User) -> MemberQuerySet:
        """The directory is open to everybody in the network, and to nobody else."""
        return self.all() if is_network_member(user) else self.none()

    def listed(self) -> MemberQuerySet:
        return self.select_related("municipality__register", "person").prefetch_related("topics")


class Member(models.Model):
    """A member's profile in the network directory: a municipality (kept by its tandem) or an
    expert (kept by the expert, who has an account with the programme role "expert")."""

    kind = models.CharField(_("kind"), max_length=16, choices=MemberKind.choices)
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_profile",
        verbose_name=_("municipality"),
    )
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_profile",
        verbose_name=_("person"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    about = models.TextField(
        _("about"), blank=True, max_length=4000, help_text=_("Who you are and what you work on.")
    )
    offer = models.TextField(
        _("what we offer the network"),
        blank=True,
        max_length=4000,
        help_text=_("Experience, methods, talks, visits, advice others may ask for."),
    )
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="network_members",
        limit_choices_to={"kind": TermKind.TOPIC},
        verbose_name=_("topics"),
    )
    contact_preference = models.CharField(
        _("contact preference"),
        max_length=16,
        choices=ContactPreference.choices,
        default=ContactPreference.EMAIL,
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=MemberKind.MUNICIPALITY, municipality__isnull=False, person__isnull=True)
                    | Q(kind=MemberKind.EXPERT, person__isnull=False, municipality__isnull=True)
                ),
                name="member_is_municipality_or_expert",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.municipality_id:
            return str(self.municipality)
        return str(self.person)
