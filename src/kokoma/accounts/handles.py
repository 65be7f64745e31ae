"""Handles: the unambiguous name by which a person is @mentioned (`@svenja-krautmann`).

Derived from the display name when the account is made, made unique with a number, changeable by
the person in their profile. Lower-case letters, digits and single hyphens only, so that a
mention reads the same in every text and cannot be mistaken for an e-mail address.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

HANDLE_MAX_LENGTH = 40
HANDLE_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"
# German letters kept readable (Brüggemann → brueggemann), not stripped (bruggemann).
GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
TITLES = {"dr", "prof"}

validate_handle = RegexValidator(
    HANDLE_PATTERN,
    message=_(
        "Use only lower-case letters (a–z), digits and single hyphens between them, "
        "for example anna-schmidt."
    ),
    code="invalid_handle",
)


def handle_base(display_name: str, email: str = "") -> str:
    """A handle made from the name (titles left out), or from the e-mail's local part."""
    words = [word for word in re.split(r"[\s.]+", display_name.translate(GERMAN)) if word]
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    slug = _clean(slugify(" ".join(words)))
    if not slug:
        slug = _clean(slugify(email.split("@", 1)[0].replace(".", " ")))
    # Room for a number that makes it unique ("-12").
    return slug[: HANDLE_MAX_LENGTH - 5].strip("-") or "person"


def unique_handle(base: str, taken: Callable[[str], bool]) -> str:
    candidate, number = base, 2
    while taken(candidate):
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _clean(slug: str) -> str:
    return re.sub(r"-{2,}", "-", slug.replace("_", "-")).strip("-")


# A mention is `@` and a handle, not preceded by what would make it part of an e-mail address.
MENTION = re.compile(r"(?<![\w.+-])@([\w.+-]*\w)")


def mentions_in(text: str) -> list[str]:
    """The handles mentioned in `text`, lower case, each once, in the order they first occur.

    The one reading of @mentions for every text people write (case comments, forum posts); who
    a mention reaches is for each feature to decide.
    """
    seen: dict[str, None] = {}
    for name in MENTION.findall(text):
        seen.setdefault(name.lower(), None)
    return list(seen)
