"""The cases' system texts (kokoma.core.messages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

MENTIONED = define(
    "case.mentioned", _("%(author)s mentioned you in a comment on case %(reference)s.")
)
