"""The municipality's actor landscape: institutions, their contact persons, competences and cases.

Real organisations and real people, hence strictly apart from the pseudonymised case actors
(`cases.Actor`): nothing here points at an actor, and an actor's identity never shows here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from kokoma.accounts.models import User
    from kokoma.cases.models import Case


class InstitutionKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration")
    MAYORS_OFFICE = "mayors_office", _("Mayor's office")
    POLICE = "police", _("Police")
    SCHOOL = "school", _("School")
    YOUTH_WORK = "youth_work", _("Youth work")
    SOCIAL_WORK = "social_work", _("Social work")
    CIVIL_SOCIETY = "civil_society", _("Civil society / association")
    RELIGIOUS_COMMUNITY = "religious_community", _("Religious community")
    BUSINESS = "business", _("Business")
    MEDIA = "media", _("Media")
    POLITICS = "politics", _("Politics")
    COUNSELLING = "counselling", _("Counselling service")
    OTHER = "other", _("Other")


class Competence(models.Model):
    """A tag of the municipality's shared vocabulary ("Mediation", "Arabisch", "Opferberatung")."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="competences",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                "municipality", Lower("name"), name="directory_competence_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class InstitutionQuerySet(models.QuerySet["Institution"]):
    def visible_to(self, user: User) -> InstitutionQuerySet:
        """Tenancy: the institutions of the municipalities the user may reach."""
        from kokoma.municipalities.models import Municipality

        return self.filter(municipality__in=Municipality.objects.visible_to(user).values("pk"))

    def search(self, text: str) -> InstitutionQuerySet:
        """Name, competence or contact person's name contains the text."""
        text = text.strip()
        if not text:
            return self
        matching = (
            Q(name__icontains=text)
            | Q(competences__name__icontains=text)
            | Q(contacts__name__icontains=text)
        )
        return self.filter(pk__in=Institution.objects.filter(matching).values("pk"))

    def for_list(self) -> InstitutionQuerySet:
        return (
            self.annotate(contact_count=Count("contacts", distinct=True))
            .prefetch_related("competences")
            .order_by(Lower("name"), "id")
        )


class Institution(models.Model):
    """An organisation of the local actor landscape."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="institutions",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=32, choices=InstitutionKind.choices, default=InstitutionKind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="institutions", verbose_name=_("competences")
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = [Lower("name"), "id"]
        constraints = [
            models.UniqueConstraint(
                "municipality", Lower("name"), name="directory_institution_unique_name"
            )
        ]
        indexes = [models.Index(fields=["municipality", "active", "kind"])]

    def __str__(self) -> str:
        return self.name


class ContactPerson(models.Model):
    """A real person at an institution, recorded only with their consent (DSGVO Art. 6 (1) a)."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("institution"),
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    consent_given = models.BooleanField(_("consent given"), default=False)
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = [Lower("name"), "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})" if self.function else self.name


class InstitutionCaseQuerySet(models.QuerySet["InstitutionCase"]):
    def for_case(self, case: Case) -> InstitutionCaseQuerySet:
        return (
            self.filter(case=case)
            .select_related("institution")
            .order_by(Lower("institution__name"))
        )


class InstitutionCase(models.Model):
    """An institution works on a case, in a role ("moderiert den Runden Tisch")."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="case_links",
        verbose_name=_("institution"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="institution_links",
        verbose_name=_("case"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InstitutionCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution's case")
        verbose_name_plural = _("institutions' cases")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "case"], name="directory_institution_case_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} – {self.case.reference}"
