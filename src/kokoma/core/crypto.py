"""Confidential text encrypted at rest (Fernet from `cryptography`), for any app's fields.

The keys come from `KOKOMA_FIELD_ENCRYPTION_KEY` (settings: `KOKOMA_FIELD_ENCRYPTION_KEYS`), comma
separated: the first encrypts, all of them decrypt, so that a key is rotated by putting the new one
first and keeping the old one until every row has been written again
(`manage.py reencrypt_fields`). The database, a backup or a dump holds only the ciphertext; who
reads the field through the ORM gets the plain text, so need-to-know stays the app's job.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# The ciphertext of a Fernet token (urlsafe base64) always starts like this (version byte 0x80).
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - not a secret, the format's marker


class UndecryptableText(ImproperlyConfigured):
    """A stored value that none of the configured keys opens."""


def check_keys(keys: list[str]) -> str | None:
    """What is wrong with `keys` (a message for an operator), or None when each is a Fernet key."""
    if not keys:
        return "no key is set"
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            return f"key {position} is not a Fernet key (32 bytes, urlsafe base64, 44 characters)"
    return None


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    problem = check_keys(list(keys))
    if problem:
        raise ImproperlyConfigured(f"KOKOMA_FIELD_ENCRYPTION_KEY: {problem}.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.KOKOMA_FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    """The ciphertext of `text` under the first key (a different one each time)."""
    return _current().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The plain text of a stored `token`; refused clearly when no configured key opens it."""
    try:
        return _current().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as error:
        raise UndecryptableText(
            "A confidential text cannot be decrypted with the configured "
            "KOKOMA_FIELD_ENCRYPTION_KEY. Was the key replaced without keeping the old one "
            "behind it (comma-separated)?"
        ) from error


def rotate(token: str) -> str:
    """`token` encrypted again under the first key (after a new key was put first)."""
    return _current().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token: the plain text exists only in memory.

    The column cannot be searched or ordered by its content (each encryption differs); empty
    text is stored empty, so that "no text" needs no key.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def value_to_string(self, obj: Any) -> str:
        """What `dumpdata` writes: the ciphertext, so that a dump is as closed as the database."""
        value = self.value_from_object(obj)
        return encrypt(value) if value else ""

    def to_python(self, value: Any) -> Any:
        """`loaddata` hands back what `value_to_string` wrote: open it (any configured key)."""
        if isinstance(value, str) and value.startswith(TOKEN_PREFIX):
            try:
                return decrypt(value)
            except UndecryptableText:
                return value
        return super().to_python(value)
