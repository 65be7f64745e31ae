"""The data migrations read the stored words of system texts back into messages."""

from __future__ import annotations

from kokoma.notifications import legacy_texts


def test_alert_summaries_in_german_are_read_back() -> None:
    assert legacy_texts.alert_summary(
        "Fall F-9SFK-WMZN ist innerhalb von 16 Tagen von Glasl-Stufe 5 auf 7 gestiegen."
    ) == {
        "code": "alert.stage_climb",
        "params": {"reference": "F-9SFK-WMZN", "days": 16, "from": 5, "to": 7},
    }
    assert legacy_texts.alert_summary(
        "Fall F-1: Der Schritt „Analyse und Einschätzung“ ist 12 Tage über der Reaktionszeit "
        "(Eskalationsstufe 2)."
    ) == {
        "code": "alert.step_overdue",
        "params": {"reference": "F-1", "step": "Analyse und Einschätzung", "days": 12, "level": 2},
    }
    assert legacy_texts.alert_summary("Eine Warnung, die jemand anders schrieb.") is None


def test_notifications_are_read_back_with_the_texts_inside() -> None:
    assert legacy_texts.notification(
        "Frühwarnung: Fall F-CTHS-HEZP steht jetzt auf Glasl-Stufe 4 (vorher: 3)."
    ) == {
        "code": "alert.notification",
        "params": {
            "summary": {
                "code": "alert.stage_reached",
                "params": {"reference": "F-CTHS-HEZP", "stage": 4, "previous": 3},
            }
        },
    }
    assert legacy_texts.notification(
        "Ihnen wurde eine Aufgabe zugewiesen: Sofortiges Gespräch mit der Verwaltungsspitze"
    ) == {
        "code": "task.assigned",
        "params": {"title": {"code": "response.talk_to_leadership", "params": {}}},
    }
    assert legacy_texts.notification("Jonas Weidmann assigned a task to you: Runder Tisch") == {
        "code": "task.assigned_by",
        "params": {"person": "Jonas Weidmann", "title": "Runder Tisch"},
    }
    # a summary that is not one of the check's: the whole text stays as it is
    assert legacy_texts.notification("Frühwarnung: etwas ganz anderes") is None


def test_the_read_back_messages_render(settings: object) -> None:
    from django.utils import translation

    from kokoma.core.messages import render

    found = legacy_texts.response_task_description(
        "Vorab geplante Reaktion auf die Frühwarnung: "
        "Fall F-1 wurde erstmals auf Glasl-Stufe 7 eingeschätzt."
    )
    with translation.override("en"):
        assert render(found) == (
            "Pre-planned response to the early warning: Case F-1 was first assessed at Glasl "
            "stage 7."
        )
