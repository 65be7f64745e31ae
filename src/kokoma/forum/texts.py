"""The forum's system texts (kokoma.core.messages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

REPLIED = define("forum.replied", _("%(author)s replied in the forum thread “%(title)s”."))
MENTIONED = define(
    "forum.mentioned", _("%(author)s mentioned you in the forum thread “%(title)s”.")
)
HIDDEN = define(
    "forum.hidden",
    _("The moderation hid your post in the forum thread “%(title)s”. Reason: %(reason)s"),
)
