from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import ModelForm

from .models import Checklist, ChecklistItem


class ChecklistForm(ModelForm):
    class Meta:
        model = Checklist
        fields = ["band", "title", "introduction", "position", "active"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class ChecklistItemForm(ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["text", "position"]
        labels = {"text": _("Item")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An empty extra row stays empty even if its position is cleared.
        self.fields["position"].required = False

    def has_changed(self) -> bool:
        if self.instance.pk:
            return super().has_changed()
        return bool(str(self.data.get(self.add_prefix("text"), "")).strip())

    def clean_position(self) -> int:
        return self.cleaned_data.get("position") or 0


ChecklistItemFormSet = forms.inlineformset_factory(
    Checklist,
    ChecklistItem,
    form=ChecklistItemForm,
    extra=3,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


def changed_ticks(data: QueryDict) -> dict[int, bool]:
    """The boxes a person changed on the checklist form: item id → ticked.

    The form lists every item it shows (`item`), the ones that were ticked when it was shown
    (`was_done`) and the boxes ticked now (`done`); only the difference is saved. Anything that
    is not an item id is ignored.
    """

    def ids(name: str) -> set[int]:
        return {int(value) for value in data.getlist(name) if value.isdigit()}

    shown, before, now = ids("item"), ids("was_done"), ids("done")
    return {item: item in now for item in shown if (item in now) != (item in before)}
