"""The network's resource library: methods, templates, handouts and evaluations, as a file or a
link, tagged with topics of the taxonomy, each with who may see it.

`Resource.objects.visible_to(user)` is the one place where that is decided:

* **public** — everybody, also without a login (the public library page);
* **network** — the members of the network (`network.use_network`);
* **programme** — the programme's staff only (`predicates.is_programme_staff`: the programme
  office, the process companions — external and local —, trainers, supervisors and the network's
  experts), for material that is not meant for every person of a municipality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from kokoma.network.predicates import is_network_member
from kokoma.taxonomy.models import Term, TermKind

from .predicates import is_programme_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kokoma.accounts.models import User

DESCRIPTION_MAX_LENGTH = 10000


class ResourceKind(models.TextChoices):
    METHOD = "method", _("method")
    TEMPLATE = "template", _("template")
    HANDOUT = "handout", _("handout")
    EVALUATION = "evaluation", _("evaluation")
    OTHER = "other", _("other")


class Visibility(models.TextChoices):
    NETWORK = "network", _("the network")
    PROGRAMME = "programme", _("the programme's staff only")
    PUBLIC = "public", _("everybody (public, also without login)")


class ResourceQuerySet(models.QuerySet["Resource"]):
    def visible_to(self, user: User | AnonymousUser | None) -> ResourceQuerySet:
        """Public items for everybody (an anonymous visitor too), the network's for its members,
        all for the programme's staff."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.filter(visibility=Visibility.PUBLIC)
        if is_programme_staff(user):
            return self.all()
        if is_network_member(user):
            return self.filter(visibility__in=[Visibility.PUBLIC, Visibility.NETWORK])
        return self.filter(visibility=Visibility.PUBLIC)

    def of_kind(self, kind: str) -> ResourceQuerySet:
        return self.filter(kind=kind)

    def with_topic(self, topic: Term) -> ResourceQuerySet:
        return self.filter(
            Exists(Resource.topics.through.objects.filter(resource=OuterRef("pk"), term=topic))
        )

    def search(self, text: str) -> ResourceQuerySet:
        """German full-text search over title and description on PostgreSQL (GIN-indexed), a
        substring search elsewhere."""
        text = text.strip()
        if not text:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            return self.annotate(
                search=SearchVector("title", "description", config="german")
            ).filter(search=SearchQuery(text, config="german", search_type="websearch"))
        return self.filter(Q(title__icontains=text) | Q(description__icontains=text))

    def for_list(self) -> ResourceQuerySet:
        """Newest first, with the author and the topics (one query more per page)."""
        return (
            self.select_related("created_by")
            .prefetch_related("topics")
            .order_by("-created_at", "-id")
        )


def resource_path(resource: Resource, filename: str) -> str:
    return f"library/{filename}"


class Resource(models.Model):
    """One item of the library: a file uploaded to the platform or a link to elsewhere."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind.choices)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    file = models.FileField(_("file"), upload_to=resource_path, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="library_resources",
        limit_choices_to={"kind": TermKind.TOPIC},
        verbose_name=_("topics"),
    )
    visibility = models.CharField(
        _("visible to"), max_length=16, choices=Visibility.choices, default=Visibility.NETWORK
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="library_resources",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["visibility", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(file="") & Q(link="")) | (Q(file="") & ~Q(link="")),
                name="library_resource_file_or_link",
                violation_error_message=_("Please either upload a file or give a link."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)
