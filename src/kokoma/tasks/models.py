"""Tasks of the people working in a municipality, and the personal calendar feed."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import COMPANION_ROLES, Membership, MembershipRole
from kokoma.core.messages import render

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class TaskQuerySet(models.QuerySet["Task"]):
    def visible_to(self, user: User) -> TaskQuerySet:
        """Members see their municipality's tasks, a board member who holds no other role there
        only their own (docs/decisions/0026); a case task only whoever may see the case."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from kokoma.cases.models import Case

        memberships = Membership.objects.filter(user=user)
        member_of = memberships.values("municipality_id")
        working_in = memberships.exclude(role=MembershipRole.BOARD_MEMBER).values("municipality_id")
        visible_cases = Case.objects.visible_to(user).values("pk")
        return self.filter(
            Q(municipality_id__in=member_of)
            & (Q(municipality_id__in=working_in) | Q(assignee=user) | Q(created_by=user))
            & (Q(case__isnull=True) | Q(case_id__in=visible_cases))
        )

    def open(self) -> TaskQuerySet:
        return self.filter(done_at__isnull=True)

    def done(self) -> TaskQuerySet:
        return self.filter(done_at__isnull=False)


class Task(models.Model):
    """Something one person has to do, in a municipality and possibly for one case."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("municipality"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("case"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # A task the system creates (the early warning's response) also keeps its title and
    # description as messages (kokoma.core.messages), shown in the reader's language; the text
    # fields hold their words in the default language. Whoever edits a text makes it theirs.
    title_message = models.JSONField(default=dict, blank=True, editable=False)
    description_message = models.JSONField(default=dict, blank=True, editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("assigned to"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = [models.F("due_on").asc(nulls_last=True), "created_at", "id"]
        indexes = [
            models.Index(fields=["assignee", "done_at"]),
            models.Index(fields=["municipality", "done_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return render(self.title_message, self.title)

    @property
    def display_description(self) -> str:
        return render(self.description_message, self.description)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on is not None and self.due_on < localdate()

    def may_edit(self, user: User) -> bool:
        """The assignee, the creator or the municipality's tandem may edit and complete it."""
        if not user.is_authenticated or not user.is_active:
            return False
        if user.pk in (self.assignee_id, self.created_by_id):
            return True
        return Membership.objects.filter(
            user=user, municipality_id=self.municipality_id, role__in=COMPANION_ROLES
        ).exists()

    def may_delete(self, user: User) -> bool:
        """The creator or the municipality's tandem may withdraw it; the assignee marks it done."""
        if not user.is_authenticated or not user.is_active:
            return False
        if self.created_by_id is not None and user.pk == self.created_by_id:
            return True
        return Membership.objects.filter(
            user=user, municipality_id=self.municipality_id, role__in=COMPANION_ROLES
        ).exists()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in the URL of a person's iCal feed; the token is the credential."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"{self.user}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
