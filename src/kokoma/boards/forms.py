from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import (
    DateField,
    DocumentForm,
    Form,
    ModelForm,
    datetime_field,
    set_choices,
    set_options,
)
from kokoma.municipalities.models import Municipality, ProcessStep

from .models import AgendaItem, Attendance, Board, BoardMember, Meeting, Resolution


class BoardCreateForm(Form):
    kind = forms.ChoiceField(label=_("Kind of board"), choices=Board.Kind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("For a local board."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.visible_to(user).with_register()
        if not user.is_programme_office:
            from kokoma.accounts.models import Membership

            municipalities = municipalities.filter(
                pk__in=Membership.objects.tandem_municipalities(user)
            )
            set_options(self, "kind", [(Board.Kind.LOCAL.value, Board.Kind.LOCAL.label)])
        set_choices(self, "municipality", municipalities)


class BoardForm(ModelForm):
    class Meta:
        model = Board
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MemberForm(Form):
    user = forms.ModelChoiceField(
        label=_("Platform user"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("– an external member (enter below) –"),
    )
    function = forms.ChoiceField(
        label=_("Function in the board"),
        choices=BoardMember.Function.choices,
        initial=BoardMember.Function.MEMBER,
    )
    name = forms.CharField(label=_("Name (external member)"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role_title = forms.CharField(
        label=_("Function in the organisation"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("E-mail address (external member)"),
        required=False,
        help_text=_("Without an address, the member cannot be invited by e-mail."),
    )
    purpose = forms.CharField(
        label=_("Purpose of storing the personal data"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required for external members, e.g. 'Invitations and minutes of the board'."),
    )

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True)
        if board.municipality_id:
            people = people.filter(memberships__municipality_id=board.municipality_id)
        else:
            people = people.exclude(programme_role="", memberships__isnull=True)
        taken = board.members.active().filter(user__isnull=False).values("user_id")
        set_choices(self, "user", people.exclude(pk__in=taken).distinct().order_by("display_name"))


class MeetingForm(ModelForm):
    starts_at = datetime_field(_("Starts at"))
    ends_at = datetime_field(_("Ends at"))
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online or hybrid meeting."),
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "online_link"]


class AgendaItemForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "description", "confidential"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MinutesForm(ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 18})}
        help_texts = {
            "minutes": _(
                "Markdown: # heading, **bold**, *italic*, - list, [text](https://…). HTML is "
                "shown as text."
            )
        }


class AgendaDocumentForm(DocumentForm):
    """The case documents' upload form and checks, for an agenda item."""


class AttendanceForm(Form):
    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = dict(meeting.attendance.values_list("member_id", "status"))
        self.members = list(meeting.board.members.active().select_related("user"))
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.display_name,
                choices=[("", _("– not recorded –")), *Attendance.Status.choices],
                required=False,
                initial=current.get(member.pk, ""),
            )

    def statuses(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data[f"member_{member.pk}"] for member in self.members}


class ApologiesForm(Form):
    """A member's apologies for an upcoming meeting (or their withdrawal): only the button."""

    withdraw = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ResolutionForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Resolution.Kind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    responsible = forms.ModelChoiceField(
        label=_("Responsible person"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Required for a recommendation; the follow-up becomes their task."),
    )
    due_on = DateField(label=_("Due on"), required=False)
    case_reference = forms.CharField(
        label=_("Concerns the case (reference)"),
        max_length=20,
        required=False,
        help_text=_("Optional; only a case you may see."),
    )
    step = forms.ModelChoiceField(
        label=_("Concerns the step of the accompaniment process"),
        queryset=ProcessStep.objects.none(),
        required=False,
        empty_label=_("– no particular step –"),
    )

    def __init__(self, *args: Any, board: Board, may_link_cases: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if board.municipality_id:
            set_choices(
                self, "step", ProcessStep.objects.filter(municipality_id=board.municipality_id)
            )
        else:
            del self.fields["step"]
        set_choices(self, "responsible", responsible_choices(board))
        if not may_link_cases:
            del self.fields["case_reference"]


def responsible_choices(board: Board) -> Any:
    """Who may follow up a board's resolution: a local board's municipality's people; for the
    inter-municipal board its members and the programme office."""
    people = User.objects.filter(is_active=True)
    if board.municipality_id:
        people = people.filter(memberships__municipality_id=board.municipality_id)
    else:
        people = people.filter(board_memberships__board=board) | people.filter(
            programme_role="office"
        )
    return people.distinct().order_by("display_name")


class ResolutionEditForm(ModelForm):
    """A correction of a recorded resolution; its status changes on its own page."""

    class Meta:
        model = Resolution
        fields = ["kind", "text", "responsible", "due_on", "step"]
        field_classes = {"due_on": DateField}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        board = self.instance.item.meeting.board
        set_choices(self, "responsible", responsible_choices(board))
        self.fields["responsible"].help_text = _(
            "Required for a recommendation; the follow-up becomes their task."
        )
        if board.municipality_id:
            set_choices(
                self, "step", ProcessStep.objects.filter(municipality_id=board.municipality_id)
            )
        else:
            del self.fields["step"]


class ResolutionStatusForm(Form):
    status = forms.ChoiceField(label=_("New status"), choices=Resolution.Status.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
