"""Peer consultation (kollegiale Fallberatung): a case shared with the network as an anonymised
summary that the case team approved, and the answers of colleagues from elsewhere.

The consultation keeps its own copy of the approved text: nothing on the network's pages is read
from the case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokoma.cases.models import Case

if TYPE_CHECKING:
    from kokoma.accounts.models import User

TEXT_LIMIT = 10_000
ANSWER_LIMIT = 5_000


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for answers")
    CLOSED = "closed", _("closed")


class Phase(models.TextChoices):
    """The classic phases of kollegiale Fallberatung in which colleagues answer."""

    QUESTION = "question", _("question for understanding")
    HYPOTHESIS = "hypothesis", _("hypothesis")
    SUGGESTION = "suggestion", _("suggestion")


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def visible_to(self, user: User) -> ConsultationQuerySet:
        """Shared (approved) consultations for everybody in the network; drafts only with the
        case, to those who may see the case."""
        from kokoma.network.predicates import is_network_member

        if not user.is_authenticated or not user.is_active:
            return self.none()
        in_reach = Q(case__in=Case.objects.visible_to(user))
        if is_network_member(user):
            in_reach |= Q(approved_at__isnull=False)
        return self.filter(in_reach)

    def shared(self) -> ConsultationQuerySet:
        """What the network sees: approved, open or closed."""
        return self.filter(approved_at__isnull=False).exclude(status=Status.DRAFT)

    def open(self) -> ConsultationQuerySet:
        return self.shared().filter(status=Status.OPEN)


class Consultation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations")
    # The case's municipality, kept for the audit log and the notifications of its tandem.
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    situation = models.TextField(_("situation"), max_length=TEXT_LIMIT)
    tried = models.TextField(_("what was tried"), max_length=TEXT_LIMIT, blank=True)
    question = models.TextField(_("question to the network"), max_length=TEXT_LIMIT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_at = models.DateTimeField(_("shared on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("peer consultation")
        verbose_name_plural = _("peer consultations")
        ordering = ["-approved_at", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=["draft", "open"]),
                name="one_running_consultation_per_case",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False) | Q(status="closed"),
                name="consultation_open_only_when_approved",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def is_shared(self) -> bool:
        return self.approved_at is not None


class Answer(models.Model):
    """A colleague's contribution in one phase of the method."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    text = models.TextField(_("answer"), max_length=ANSWER_LIMIT, help_text=_("Markdown."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} ({self.author})"
