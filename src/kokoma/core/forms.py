import datetime
import uuid
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import guard, uploads
from .models import AccessibilityFeedback


class GuardedForm(forms.BaseForm):
    """Carries the hidden field of its guard (`kokoma.core.guard`): the state of the record an
    edit form shows, or the once token of any other form that is sent.

    A model form edits its instance once that is stored; a plain form edits the `record` it is
    given (its fields of the same names). After validation the guard's value is in `sent_state`
    / `sent_once`, not in `cleaned_data`, so views can hand `cleaned_data` to a service as it is.
    `conflict` holds the rows of both versions once a save was refused because someone else
    saved first.
    """

    sent_state: str | None = None
    sent_once: uuid.UUID | None = None
    conflict: list[tuple[str, str, str]] | None = None

    def __init__(self, *args: Any, record: Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if record is None and instance is not None and instance.pk and not instance._state.adding:
            record = instance
        self.record = record
        if record is not None:
            self.fields[guard.STATE] = forms.CharField(widget=forms.HiddenInput, required=False)
            # Computed when shown: subclasses may still change the fields after this.
            self.initial[guard.STATE] = partial(guard.state_of, self, record)
        else:
            self.fields[guard.ONCE] = forms.UUIDField(widget=forms.HiddenInput, required=False)
            self.initial[guard.ONCE] = uuid.uuid4()

    def has_changed(self) -> bool:
        # The guard's own field is no input: an empty extra form of a formset stays empty.
        return any(name not in (guard.STATE, guard.ONCE) for name in self.changed_data)

    def full_clean(self) -> None:
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            self.sent_state = self.cleaned_data.pop(guard.STATE, None) or None
            self.sent_once = self.cleaned_data.pop(guard.ONCE, None)

    def show_conflict(self, current: Model) -> None:
        """Show both versions, and let the next save apply this input over `current`."""
        self.conflict = guard.conflict_rows(self, current)
        self.rebase(guard.state_of(self, current))

    def rebase(self, state: str) -> None:
        """Let the next save of this input count as made over the record in `state`."""
        data = self.data.copy() if isinstance(self.data, QueryDict) else {**self.data}
        data[self.add_prefix(guard.STATE)] = state
        self.data = data


class Form(GuardedForm, forms.Form):
    """The base of every form that is sent with POST (filter forms use Django's own)."""


class ModelForm(GuardedForm, forms.ModelForm):
    """The base of every model form."""


class ListForm(Form):
    """The guard of a page that saves a whole list at once (a formset whose rows the service
    replaces): the state of all `rows` (the values of `fields`), compared when saving. A refused
    save keeps the input and lists the rows as stored now in `conflict_list`.

    Render its hidden fields and errors in the page's form, and save through
    `call_service(list_form, service, …)`.
    """

    conflict_list: list[str] | None = None

    def __init__(
        self, *args: Any, rows: QuerySet[Any], fields: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows, self.row_fields = rows, list(fields)
        del self.fields[guard.ONCE]
        self.initial.pop(guard.ONCE, None)
        self.fields[guard.STATE] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.initial[guard.STATE] = partial(guard.list_state, rows, self.row_fields)

    def row_text(self, row: Model) -> str:
        """A stored row as a person reads it: its values in the order of `fields`."""
        shown = []
        for name in self.row_fields:
            name = name.removesuffix("_id")
            display = getattr(row, f"get_{name}_display", None)
            value = display() if display else getattr(row, name)
            if value not in (None, ""):
                shown.append(str(value))
        return " · ".join(shown)

    def show_conflict(self, current: Any) -> None:
        self.conflict_list = [self.row_text(row) for row in current]
        self.rebase(guard.list_state(current, self.row_fields))


class AccessibilityFeedbackForm(ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["page_url", "message", "name", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, with the ISO value it expects."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def datetime_field(label: Any, **kwargs: Any) -> forms.DateTimeField:
    """A date-and-time field with the browser's picker (meetings, supervision slots)."""
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        error_messages={"invalid": _("Please enter a valid date and time.")},
        **kwargs,
    )


EARLIEST_DATE = datetime.date(1900, 1, 1)
# A date about the past (an incident, an assessment) may lie a little ahead by a typo in the day or a
# plan written down early, but not more than this; any date at most a century ahead.
PAST_DATE_LEEWAY = datetime.timedelta(days=366)
FUTURE_DATE_LEEWAY_YEARS = 100


class DateField(forms.DateField):
    """A date field that refuses implausible dates (issue 10, item 6): before 1900, and more than a
    hundred years ahead. Every date field of our forms is one (a ModelForm names it in
    `Meta.field_classes`); the security suite checks that no form shows another.
    """

    widget = DateInput
    default_error_messages = {"invalid": _("Please enter a valid date.")}

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        if value < EARLIEST_DATE:
            raise ValidationError(_("Please enter a date from 1900 onwards."), code="too_early")
        today = timezone.localdate()
        if value > self.latest(today):
            raise ValidationError(self.too_late_message(), code="too_late")

    def latest(self, today: datetime.date) -> datetime.date:
        try:
            return today.replace(year=today.year + FUTURE_DATE_LEEWAY_YEARS)
        except ValueError:  # 29 February
            return today.replace(year=today.year + FUTURE_DATE_LEEWAY_YEARS, day=28)

    def too_late_message(self) -> str:
        return str(_("Please enter a date within the next hundred years."))


class PastDateField(DateField):
    """A date about something that has happened (an observation, an assessment, a meeting): at most
    a year ahead."""

    def latest(self, today: datetime.date) -> datetime.date:
        return today + PAST_DATE_LEEWAY

    def too_late_message(self) -> str:
        return str(_("This date lies more than a year in the future. Please check it."))


def date_field(
    label: Any, *, required: bool = True, past: bool = False, **kwargs: Any
) -> forms.DateField:
    field_class = PastDateField if past else DateField
    return field_class(label=label, required=required, **kwargs)


def set_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer `queryset` as the choices of the form's model choice field `name`."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


def set_options(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Offer `choices` as the options of the form's choice field `name`."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = list(choices)


# KERN's class for each kind of widget; every form rendered by Django gets it from the renderer, so
# no form or template has to name it (docs/decisions/0016-kern-design-system.md).
KERN_INPUT = "kern-form-input__input"
KERN_WIDGET_CLASSES = {
    "django/forms/widgets/select.html": "kern-form-input__select",
    "django/forms/widgets/textarea.html": KERN_INPUT,
    "django/forms/widgets/checkbox.html": "kern-form-check__checkbox",
    "django/forms/widgets/radio.html": "kern-form-check__radio",
    "django/forms/widgets/checkbox_select.html": "kern-form-check__checkbox",
    "django/forms/widgets/radio_option.html": "kern-form-check__radio",
    "django/forms/widgets/checkbox_option.html": "kern-form-check__checkbox",
}
KERN_OPTION_LISTS = {"kern-form-check__radio", "kern-form-check__checkbox"}


def _add_class(attrs: dict[str, Any], name: str) -> None:
    if attrs.get("aria-invalid") == "true" or attrs.get("aria-invalid") is True:
        name = f"{name} {name}--error"
    attrs["class"] = f"{name} {attrs['class']}" if attrs.get("class") else name


class KernFormRenderer(DjangoTemplates):
    """Django's template renderer that dresses each widget in the KERN class for its kind."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict) and not widget.get("is_hidden"):
            name = KERN_WIDGET_CLASSES.get(widget.get("template_name", ""), KERN_INPUT)
            if name in KERN_OPTION_LISTS and widget.get("optgroups"):
                for _group, options, _index in widget["optgroups"]:
                    for option in options:
                        option["attrs"] = dict(option.get("attrs") or {})
                        _add_class(option["attrs"], name)
            elif "kern-" not in str(widget["attrs"].get("class", "")):
                widget["attrs"] = dict(widget["attrs"])
                _add_class(widget["attrs"], name)
        return super().render(template_name, context, request)


class DocumentForm(Form):
    """A titled document upload, checked as `kokoma.core.uploads.check_upload` checks it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, ODT, DOCX or TXT, at most %(limit)s MB."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = uploads.max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = str(self.fields["file"].help_text) % {"limit": limit}
        self.fields["file"].widget.attrs["accept"] = ",".join(uploads.DOCUMENT_TYPES)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            uploads.check_upload(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return upload
