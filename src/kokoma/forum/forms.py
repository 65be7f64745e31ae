from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form, ModelForm

from .models import POST_MAX_LENGTH, TITLE_MAX_LENGTH, Category, Post
from .services import HIDE_REASON_MAX_LENGTH

TEXT_HELP = _(
    "Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…). Mention a "
    "member of the network with @ and their handle, for example @anna-schmidt."
)


def _text_field(**kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Your post"),
        help_text=TEXT_HELP,
        max_length=POST_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please write your post; it is empty."),
            "max_length": _(
                "A post can have at most %(limit_value)d characters; yours has %(show_value)d."
            ),
        },
        **kwargs,
    )


class CategoryForm(ModelForm):
    class Meta:
        model = Category
        fields = ["name", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ThreadForm(Form):
    """A new thread: its title and first post (the service checks both again)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Please give the thread a title."),
            "max_length": _(
                "A title can have at most %(limit_value)d characters; yours has %(show_value)d."
            ),
        },
    )
    text = _text_field()


class ReplyForm(Form):
    text = _text_field()


class PostEditForm(ModelForm):
    """The author's edit of a post, guarded against someone else's save in between."""

    class Meta:
        model = Post
        fields = ["text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"] = _text_field()


class HideForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=HIDE_REASON_MAX_LENGTH,
        help_text=_("The author is told this reason; other readers see only that it was hidden."),
        error_messages={"required": _("Please give a reason for hiding the post.")},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the forum"), max_length=200, required=False)
