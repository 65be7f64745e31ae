"""Cells of CSV files that people open in a spreadsheet: text that starts like a formula is
neutralised with a leading apostrophe (CSV/formula injection), and read back without it."""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """`value` as a spreadsheet shows it as plain text; anything but text stays as it is."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The text `neutralise` was given (an apostrophe it did not add stays)."""
    if value.startswith("'") and value[1:2] and value[1] in TRIGGERS:
        return value[1:]
    return value
