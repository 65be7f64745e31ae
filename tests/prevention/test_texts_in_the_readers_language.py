"""The early warning's texts are stored as messages and read in the reader's language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kokoma.notifications.emails import send_notification_email
from kokoma.notifications.models import EmailFrequency, Notification
from kokoma.notifications.services import set_email_frequency
from kokoma.prevention import services, texts
from kokoma.prevention.models import Alert, AlertKind, ResponderRole, ResponseStep
from kokoma.prevention.services import PlannedStep
from kokoma.tasks import services as task_services
from tests.conftest import Persona

from .helpers import case_with_stages, cottbus

pytestmark = pytest.mark.django_db


def read(obj: object, name: str, language: str) -> str:
    """What a reader of `language` sees of the object's text `name`."""
    with translation.override(language):
        return str(getattr(obj, name))


def test_an_alert_its_notification_and_its_tasks_read_in_each_language(persona: Persona) -> None:
    local = persona("local_a")
    case = case_with_stages(cottbus(), local, [(3, 3), (1, 4)])

    with translation.override("en"):  # the check writes the same whatever is active
        services.run_check(municipality=cottbus())

    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_4)
    assert alert.summary_message["code"] == texts.STAGE_REACHED
    assert alert.summary_message["params"] == {
        "reference": case.reference,
        "stage": 4,
        "previous": 3,
    }
    summary_de = read(alert, "display_summary", "de")
    summary_en = read(alert, "display_summary", "en")
    assert summary_de == f"Fall {case.reference} steht jetzt auf Glasl-Stufe 4 (vorher: 3)."
    assert summary_en == f"Case {case.reference} is now at Glasl stage 4 (before: 3)."
    assert alert.summary == summary_de  # the words in the default language, for the record

    notification = Notification.objects.get(recipient=local, link=services.alert_url(alert))
    assert read(notification, "display_text", "de") == f"Frühwarnung: {summary_de}"
    assert read(notification, "display_text", "en") == f"Early warning: {summary_en}"
    assert notification.text == f"Frühwarnung: {summary_de}"

    task = alert.tasks.get(assignee=local)
    title_de = "Akteurslandkarte und Gefährdungseinschätzung aktualisieren"
    title_en = "Update the actor map and the threat assessment"
    assert read(task, "display_title", "de") == task.title == title_de
    assert read(task, "display_title", "en") == title_en
    assert read(task, "display_description", "en") == (
        f"Pre-planned response to the early warning: {summary_en}"
    )
    assigned = Notification.objects.get(recipient=local, link=task_services.task_url(task))
    assert read(assigned, "display_text", "en") == f"A task was assigned to you: {title_en}"


def test_an_action_written_by_people_stays_as_written(persona: Persona) -> None:
    local = persona("local_a")
    services.settings_for(cottbus())
    services.set_response_plan(
        cottbus(),
        by=local,
        kind=AlertKind.STAGE_4,
        steps=[PlannedStep(ResponderRole.LOCAL_COMPANION, "Presse informieren", 2)],
    )
    case = case_with_stages(cottbus(), local, [(1, 4)])
    services.run_check(municipality=cottbus())

    task = Alert.objects.get(case=case, kind=AlertKind.STAGE_4).tasks.get(assignee=local)
    assert task.title_message == {}
    assert read(task, "display_title", "en") == "Presse informieren"


def test_editing_a_generated_title_makes_it_the_editors(persona: Persona) -> None:
    local = persona("local_a")
    case = case_with_stages(cottbus(), local, [(1, 4)])
    services.run_check(municipality=cottbus())
    task = Alert.objects.get(case=case, kind=AlertKind.STAGE_4).tasks.get(assignee=local)

    same = task_services.update_task(task, by=local, title=task.title)
    assert same.title_message  # saved unchanged: still read in each language
    edited = task_services.update_task(task, by=local, title="Karte heute aktualisieren")
    assert edited.title_message == {}
    assert edited.description_message  # the description was not touched
    assert read(edited, "display_title", "en") == "Karte heute aktualisieren"


def test_the_default_response_plan_reads_in_the_pages_language(
    client: Client, persona: Persona
) -> None:
    client.force_login(persona("local_a"))
    services.settings_for(cottbus())
    assert ResponseStep.objects.filter(
        municipality=cottbus(), action="Sofortiges Gespräch mit der Verwaltungsspitze"
    ).exists()
    url = reverse("prevention:responses", kwargs={"ags": cottbus().ags})
    client.cookies["django_language"] = "en"
    assert "Immediate talk with the head of the administration" in client.get(url).content.decode()
    client.cookies["django_language"] = "de"
    assert "Sofortiges Gespräch mit der Verwaltungsspitze" in client.get(url).content.decode()


def test_a_mail_is_written_in_german_whatever_language_is_active(persona: Persona) -> None:
    local = persona("local_a")
    set_email_frequency(by=local, frequency=EmailFrequency.IMMEDIATE)
    case = case_with_stages(cottbus(), local, [(1, 4)])
    services.run_check(municipality=cottbus())
    alert = Alert.objects.get(case=case, kind=AlertKind.STAGE_4)
    notification = Notification.objects.get(recipient=local, link=services.alert_url(alert))
    mail.outbox.clear()

    with translation.override("en"):
        assert send_notification_email(notification.pk)

    (sent,) = mail.outbox
    assert f"Frühwarnung: Fall {case.reference} wurde erstmals auf Glasl-Stufe 4" in sent.body
    assert "Early warning" not in sent.body
