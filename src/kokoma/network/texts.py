"""The network's system texts (kokoma.core.messages): notifications read in each person's own
language when shown."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

REGISTERED = define("network.registered", _("You are registered for “%(event)s” on %(date)s."))
WAITING = define(
    "network.waiting",
    _("“%(event)s” is full: you are number %(position)s on its waiting list."),
)
MOVED_UP = define(
    "network.moved_up",
    _("A place became free: you are now registered for “%(event)s” on %(date)s."),
)
REMINDER = define("network.reminder", _("Reminder: “%(event)s” begins on %(date)s."))
EXPERT_WELCOME = define(
    "network.expert_welcome",
    _("You were added to the programme's network as an expert. Please complete your profile."),
)
