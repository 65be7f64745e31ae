"""The programme-wide vocabulary: topics, motives, incident types and the procedure catalogue."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    TOPIC = "topic", _("topic")
    MOTIVE = "motive", _("motive")
    INCIDENT_TYPE = "incident_type", _("incident type")
    PROCEDURE = "procedure", _("procedure")


class TermQuerySet(models.QuerySet["Term"]):
    def choices_for(
        self, kind: TermKind | str, *, include: Iterable[Term | int] | None = None
    ) -> TermQuerySet:
        """The active terms of a kind for a form's choices, plus the ones already chosen."""
        query = models.Q(active=True)
        if include:
            chosen = [term.pk if isinstance(term, Term) else term for term in include]
            query |= models.Q(pk__in=chosen)
        return self.filter(models.Q(kind=kind) & query).order_by("position", "name")


class Term(models.Model):
    """A programme-wide taxonomy term (topics, incident motives, incident types, procedures)."""

    kind = models.CharField(_("kind"), max_length=16, choices=TermKind.choices)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["kind", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="term_unique_name")]

    def __str__(self) -> str:
        return self.name

    def in_use(self) -> bool:
        """Whether any record of any app refers to this term (then it can only be deactivated).

        The references are found through the model relations, so that the vocabulary does not
        need to know the apps that use it.
        """
        if self.pk is None:
            return False
        for field in self._meta.get_fields(include_hidden=True):
            # The reverse side of every foreign key and many-to-many field pointing here.
            if field.is_relation and field.auto_created and not field.concrete:
                model = field.related_model
                name = field.field.name  # type: ignore[union-attr]
                if model._default_manager.filter(**{name: self}).exists():  # type: ignore[union-attr]
                    return True
        return False
