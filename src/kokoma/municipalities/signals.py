"""Signals for the apps above: they react to a municipality's lifecycle without being imported."""

from django.dispatch import Signal

# Sent inside the admitting transaction, with `municipality` and `by` (the acting user).
municipality_admitted = Signal()
