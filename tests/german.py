"""The UI is German: tests look messages up in the German catalogue, not hard-coded wording."""

from django.utils import translation


def de(message: str) -> str:
    """The German text of `message`; fails if the German catalogue has no translation for it."""
    with translation.override("de"):
        text = translation.gettext(message)
    assert text != message, f"no German translation for {message!r}"
    return text
