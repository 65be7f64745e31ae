"""System texts stored as words before they were stored as messages, read back into messages.

Used by the data migrations of notifications, tasks and prevention only, and frozen with them:
the patterns are the German (and English) words these texts had until then. A text that matches
none of them keeps no message and is shown as stored.
"""

from __future__ import annotations

import re
from typing import Any

NUMBER = r"(?P<{}>\d+)"
REFERENCE = r"(?P<reference>[A-Z]-[A-Z0-9-]+)"


def _pattern(words: str) -> re.Pattern[str]:
    """`words` with %(name)s placeholders as a regular expression; numbers as digits."""
    parts = re.split(r"%\((\w+)\)s", words)
    out = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(re.escape(part))
        elif part == "reference":
            out.append(REFERENCE)
        elif part in NUMBERS:
            out.append(NUMBER.format(part))
        else:
            out.append(f"(?P<{part}>.+?)")
    return re.compile("".join(out) + r"\Z", re.DOTALL)


NUMBERS = {"from", "to", "days", "stage", "previous", "level", "count", "week", "year", "threshold"}

# code → the words it had, in German and in English
SUMMARIES = {
    "alert.stage_climb": [
        "Fall %(reference)s ist innerhalb von %(days)s Tagen von Glasl-Stufe %(from)s auf "
        "%(to)s gestiegen.",
        "Case %(reference)s climbed from Glasl stage %(from)s to %(to)s within %(days)s days.",
    ],
    "alert.first_assessed": [
        "Fall %(reference)s wurde erstmals auf Glasl-Stufe %(stage)s eingeschätzt.",
        "Case %(reference)s was first assessed at Glasl stage %(stage)s.",
    ],
    "alert.stage_reached": [
        "Fall %(reference)s steht jetzt auf Glasl-Stufe %(stage)s (vorher: %(previous)s).",
        "Case %(reference)s is now at Glasl stage %(stage)s (before: %(previous)s).",
    ],
    "alert.step_overdue": [
        "Fall %(reference)s: Der Schritt „%(step)s“ ist %(days)s Tage über der Reaktionszeit "
        "(Eskalationsstufe %(level)s).",
        "Case %(reference)s: the step “%(step)s” is %(days)s days past its response time "
        "(escalation level %(level)s).",
    ],
    "alert.topic_threshold": [
        "%(count)s Meldungen zum Thema „%(topic)s“ in Kalenderwoche %(week)s/%(year)s "
        "(Schwellenwert: %(threshold)s).",
        "%(count)s observations on the topic “%(topic)s” in calendar week %(week)s/%(year)s "
        "(threshold: %(threshold)s).",
    ],
}
NOTIFICATIONS = {
    "alert.notification": ["Frühwarnung: %(summary)s", "Early warning: %(summary)s"],
    "task.assigned": [
        "Ihnen wurde eine Aufgabe zugewiesen: %(title)s",
        "A task was assigned to you: %(title)s",
    ],
    "task.assigned_by": [
        "%(person)s hat Ihnen eine Aufgabe zugewiesen: %(title)s",
        "%(person)s assigned a task to you: %(title)s",
    ],
    "task.withdrawn": [
        "%(person)s hat die Ihnen zugewiesene Aufgabe zurückgezogen: %(title)s",
        "%(person)s withdrew the task assigned to you: %(title)s",
    ],
    "case.mentioned": [
        "%(author)s hat Sie in einem Kommentar zum Fall %(reference)s erwähnt.",
        "%(author)s mentioned you in a comment on case %(reference)s.",
    ],
}
RESPONSE_TASK = {
    "alert.response_task": [
        "Vorab geplante Reaktion auf die Frühwarnung: %(summary)s",
        "Pre-planned response to the early warning: %(summary)s",
    ]
}
# The actions of the default response plans, as they were seeded (German only).
PRESETS = {
    "Fallteam kurzfristig zusammenrufen und die Lage neu einschätzen": "response.call_case_team",
    "Gespräche mit den Beteiligten führen und neue Ereignisse dokumentieren": (
        "response.talk_to_parties"
    ),
    "Akteurslandkarte und Gefährdungseinschätzung aktualisieren": "response.update_maps",
    "Beratung zu geeigneten Verfahren (z. B. Mediation, Runder Tisch) anbieten": (
        "response.offer_procedures"
    ),
    "Sofortiges Gespräch mit der Verwaltungsspitze": "response.talk_to_leadership",
    "Sicherheitslage mit Polizei und Ordnungsamt abstimmen": "response.coordinate_security",
    "Schutz- und Unterstützungsangebote für Betroffene klären": "response.clarify_protection",
    "Meldungen zum Thema sichten und prüfen, ob ein Fall eröffnet werden soll": (
        "response.review_topic"
    ),
    "Thema in der nächsten Sitzung des Begleitgremiums ansprechen": "response.raise_topic",
}


def _read(text: str, table: dict[str, list[str]]) -> dict[str, Any] | None:
    for code, variants in table.items():
        for words in variants:
            found = _pattern(words).match(text.strip())
            if found:
                params: dict[str, Any] = {
                    name: int(value) if name in NUMBERS else value
                    for name, value in found.groupdict().items()
                }
                return {"code": code, "params": params}
    return None


def preset(action: str) -> dict[str, Any] | None:
    code = PRESETS.get(action.strip())
    return {"code": code, "params": {}} if code else None


def alert_summary(text: str) -> dict[str, Any] | None:
    return _read(text, SUMMARIES)


def _with_nested(found: dict[str, Any] | None) -> dict[str, Any] | None:
    """A summary or title inside a text becomes a message too; a summary that is not one of
    ours makes the whole text stay as it is (no message in two languages)."""
    if found is None:
        return None
    params = found["params"]
    if "summary" in params:
        summary = alert_summary(params["summary"])
        if summary is None:
            return None
        params["summary"] = summary
    if "title" in params:
        params["title"] = preset(params["title"]) or params["title"]
    return found


def notification(text: str) -> dict[str, Any] | None:
    return _with_nested(_read(text, NOTIFICATIONS))


def response_task_description(text: str) -> dict[str, Any] | None:
    return _with_nested(_read(text, RESPONSE_TASK))
