from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import DocumentForm, Form, ListForm, set_choices
from kokoma.municipalities.models import Municipality

from ..models import Attendance, AttendanceStatus, Enrolment, TrainingSession
from ..services import Decision


def municipalities_of(user: User) -> QuerySet[Municipality]:
    return Municipality.objects.filter(memberships__user=user).distinct().with_register()


class ApplicationForm(Form):
    municipality = forms.ModelChoiceField(
        label=_("Your municipality"), queryset=Municipality.objects.none()
    )
    motivation = forms.CharField(
        label=_("Why do you apply?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("A few sentences: your work, and what you want to use the training for."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = municipalities_of(user)
        set_choices(self, "municipality", municipalities)
        if len(municipalities) == 1:
            self.initial["municipality"] = municipalities[0]


class EnrolForm(Form):
    participant = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args: Any, registered: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "participant",
            User.objects.filter(is_active=True, memberships__isnull=False)
            .exclude(pk__in=registered)
            .distinct()
            .order_by("display_name"),
        )
        set_choices(
            self,
            "municipality",
            Municipality.objects.filter(memberships__isnull=False).distinct().with_register(),
        )


class ConsentForm(Form):
    given = forms.TypedChoiceField(
        label=_("Does the municipality consent?"),
        choices=[("yes", _("Yes, we consent")), ("no", _("No, we do not consent"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Required when you do not consent."),
    )


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.APPROVE, _("Approve (enrol, or the waiting list when the cohort is full)")),
            (Decision.DECLINE, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Required when you decline."),
    )


class AttendanceForm(ListForm):
    """One choice per enrolled participant of a session. Guarded as a list: when another trainer
    saved the list meanwhile, nothing is overwritten and both versions are shown."""

    def __init__(
        self, *args: Any, session: TrainingSession, enrolments: list[Enrolment], **kwargs: Any
    ) -> None:
        rows = session.attendance.select_related("enrolment__participant").order_by("enrolment_id")
        super().__init__(*args, rows=rows, fields=["enrolment_id", "status"], **kwargs)
        current = {row.enrolment_id: row.status for row in rows}
        self.enrolments = enrolments
        for enrolment in enrolments:
            self.fields[f"enrolment_{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.participant.display_name,
                choices=AttendanceStatus.choices,
                required=False,
                initial=current.get(enrolment.pk, ""),
                widget=forms.RadioSelect,
            )

    def row_text(self, row: Model) -> str:
        if not isinstance(row, Attendance):
            return super().row_text(row)
        return f"{row.enrolment.participant}: {row.get_status_display()}"

    def statuses(self) -> dict[int, str]:
        """The recorded choices; a participant left without one stays unrecorded."""
        return {
            enrolment.pk: self.cleaned_data[f"enrolment_{enrolment.pk}"]
            for enrolment in self.enrolments
            if self.cleaned_data[f"enrolment_{enrolment.pk}"]
        }


class ProjectForm(DocumentForm):
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("What the project in your municipality was about and what came of it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].label = _("Title of the project")


class ReviewForm(Form):
    accept = forms.TypedChoiceField(
        label=_("Verdict"),
        choices=[("yes", _("Accept the project")), ("no", _("Ask for a revision"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback to the participant"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
