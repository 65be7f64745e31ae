"""The early warning's system texts (kokoma.core.messages): alert summaries, the notification
and task description an alert brings, and the default response plan's actions."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import Message, define, message, render

STAGE_CLIMB = define(
    "alert.stage_climb",
    _("Case %(reference)s climbed from Glasl stage %(from)s to %(to)s within %(days)s days."),
)
FIRST_ASSESSED = define(
    "alert.first_assessed",
    _("Case %(reference)s was first assessed at Glasl stage %(stage)s."),
)
STAGE_REACHED = define(
    "alert.stage_reached",
    _("Case %(reference)s is now at Glasl stage %(stage)s (before: %(previous)s)."),
)
STEP_OVERDUE = define(
    "alert.step_overdue",
    _(
        "Case %(reference)s: the step “%(step)s” is %(days)s days past its response "
        "time (escalation level %(level)s)."
    ),
)
TOPIC_THRESHOLD = define(
    "alert.topic_threshold",
    _(
        "%(count)s observations on the topic “%(topic)s” in calendar week %(week)s/%(year)s "
        "(threshold: %(threshold)s)."
    ),
)
EARLY_WARNING = define("alert.notification", _("Early warning: %(summary)s"))
RESPONSE_TASK = define(
    "alert.response_task", _("Pre-planned response to the early warning: %(summary)s")
)

# The actions of the default response plans (`services.DEFAULT_RESPONSES`). A municipality's
# plan stores its actions as text; an action that is still one of these reads in the reader's
# language (`preset_action`).
CALL_CASE_TEAM = define(
    "response.call_case_team",
    _("Call the case team together at short notice and reassess the situation"),
)
TALK_TO_PARTIES = define(
    "response.talk_to_parties", _("Talk to those involved and document new events")
)
UPDATE_MAPS = define("response.update_maps", _("Update the actor map and the threat assessment"))
OFFER_PROCEDURES = define(
    "response.offer_procedures",
    _("Offer advice on suitable procedures (e.g. mediation, round table)"),
)
TALK_TO_LEADERSHIP = define(
    "response.talk_to_leadership", _("Immediate talk with the head of the administration")
)
COORDINATE_SECURITY = define(
    "response.coordinate_security",
    _("Coordinate the security situation with the police and the public order office"),
)
CLARIFY_PROTECTION = define(
    "response.clarify_protection", _("Clarify protection and support for those affected")
)
REVIEW_TOPIC = define(
    "response.review_topic",
    _("Review the observations on the topic and check whether a case should be opened"),
)
RAISE_TOPIC = define(
    "response.raise_topic", _("Raise the topic at the next meeting of the advisory board")
)
PRESETS = (
    CALL_CASE_TEAM,
    TALK_TO_PARTIES,
    UPDATE_MAPS,
    OFFER_PROCEDURES,
    TALK_TO_LEADERSHIP,
    COORDINATE_SECURITY,
    CLARIFY_PROTECTION,
    REVIEW_TOPIC,
    RAISE_TOPIC,
)


def preset_action(action: str) -> Message | None:
    """The default action that `action` still is, in any of the site's languages, or None."""
    wanted = action.strip()
    for code in PRESETS:
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                if render(message(code)) == wanted:
                    return message(code)
    return None


def action_text(action: str) -> str:
    """An action of a response plan as the reader reads it."""
    preset = preset_action(action)
    return render(preset, action) if preset else action
