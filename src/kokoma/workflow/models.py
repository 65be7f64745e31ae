"""Each municipality's own conflict-handling procedure (Verfahrensordnung)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import MembershipRole


class ResponsibleRole(models.TextChoices):
    TANDEM = "tandem", _("process-support tandem")
    LOCAL_COMPANION = MembershipRole.LOCAL_COMPANION.value, MembershipRole.LOCAL_COMPANION.label
    EXTERNAL_COMPANION = (
        MembershipRole.EXTERNAL_COMPANION.value,
        MembershipRole.EXTERNAL_COMPANION.label,
    )
    CASE_TEAM = "case_team", _("case team")


class Workflow(models.Model):
    """The procedure rules (Verfahrensordnung) of one municipality; every case of it follows them."""

    municipality = models.OneToOneField(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="workflow",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    preamble = models.TextField(_("preamble"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("procedure rules")
        verbose_name_plural = _("procedure rules")

    def __str__(self) -> str:
        return self.title


class Step(models.Model):
    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"))
    responsible = models.CharField(_("responsible"), max_length=32, choices=ResponsibleRole.choices)
    response_days = models.PositiveSmallIntegerField(
        _("response-time target (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: no target, for example for the final step."),
    )
    is_initial = models.BooleanField(_("initial step"), default=False)
    is_final = models.BooleanField(_("final step"), default=False)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["workflow", "position"]
        constraints = [
            models.UniqueConstraint(fields=["workflow", "name"], name="step_unique_name"),
            models.UniqueConstraint(
                fields=["workflow"], condition=models.Q(is_initial=True), name="step_one_initial"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Transition(models.Model):
    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="transitions")
    source = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="incoming")

    class Meta:
        verbose_name = _("allowed transition")
        verbose_name_plural = _("allowed transitions")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="transition_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class EscalationLevel(models.Model):
    """Who is alerted, and when, once a step overruns its response-time target."""

    workflow = models.ForeignKey(
        Workflow, on_delete=models.CASCADE, related_name="escalation_levels"
    )
    position = models.PositiveSmallIntegerField(_("level"))
    days_overdue = models.PositiveSmallIntegerField(_("days overdue"))
    notify = models.CharField(_("notify"), max_length=32, choices=ResponsibleRole.choices)
    action = models.CharField(_("expected action"), max_length=300)

    class Meta:
        verbose_name = _("escalation level")
        verbose_name_plural = _("escalation chain")
        ordering = ["workflow", "position"]

    def __str__(self) -> str:
        return f"{self.position}: +{self.days_overdue} d → {self.get_notify_display()}"
