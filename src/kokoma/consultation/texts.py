"""The peer consultation's system texts (kokoma.core.messages). A notification to somebody outside
the case's municipality names the approved title and nothing else of the case."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

ANSWERED = define(
    "consultation.answered",
    _("A colleague from the network answered the peer consultation “%(title)s”."),
)
CLOSED = define(
    "consultation.closed",
    _("The case team closed the peer consultation “%(title)s”. Thank you for your answers."),
)
