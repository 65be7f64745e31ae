"""The training's system texts (kokoma.core.messages): notifications read in each person's own
language when shown."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

ENROLLED = define("training.enrolled", _("You are enrolled in the cohort “%(cohort)s”."))
WAITING = define(
    "training.waiting",
    _("The cohort “%(cohort)s” is full: you are number %(position)s on its waiting list."),
)
DECLINED = define("training.declined", _("Your application for “%(cohort)s” was declined."))
CONSENT_ASKED = define(
    "training.consent_asked",
    _(
        "%(participant)s applies for the training cohort “%(cohort)s” and asks for %(municipality)s's consent."
    ),
)
CONSENT_REFUSED = define(
    "training.consent_refused",
    _("%(municipality)s did not consent to your application for “%(cohort)s”."),
)
APPLICATION_RECEIVED = define(
    "training.application_received",
    _("%(participant)s applied for the cohort “%(cohort)s”."),
)
PROJECT_SUBMITTED = define(
    "training.project_submitted",
    _("%(participant)s submitted the practice project “%(title)s” (%(cohort)s)."),
)
PROJECT_ACCEPTED = define(
    "training.project_accepted", _("Your practice project “%(title)s” was accepted.")
)
PROJECT_REVISION = define(
    "training.project_revision",
    _("A trainer asks you to revise your practice project “%(title)s”."),
)
