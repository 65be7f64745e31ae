import html
from collections.abc import Iterable
from typing import Any

import pytest
from django.core.mail import EmailMessage
from django.test import Client
from django.test.utils import ContextList
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from kokoma.core.models import AccessibilityFeedback
from tests.conftest import BAUTZEN, COTTBUS, Login
from tests.german import de

pytestmark = pytest.mark.django_db


def test_welcome_page_for_anonymous_visitors_is_german(client: Client) -> None:
    response = client.get(reverse("start:home"))
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    assert 'lang="de"' in response.content.decode()


def test_start_page_lists_the_companions_municipality(login: Login, client: Client) -> None:
    login("local_a")
    response = client.get(reverse("start:home"))
    assert response.status_code == 200
    assert "Cottbus" in response.content.decode()
    assert "Bautzen" not in response.content.decode()


# Start page per kind of persona


def start_page(client: Client, login: Login, name: str) -> ContextList | dict[str, Any]:
    login(name)
    response = client.get(reverse("start:home"))
    assert response.status_code == 200
    return response.context


def names(municipalities: Iterable[object]) -> list[str]:
    return sorted(str(municipality) for municipality in municipalities)


def test_the_office_start_page_counts_municipalities_per_phase(
    login: Login, client: Client
) -> None:
    context = start_page(client, login, "office")
    assert context["municipality_total"] == 5
    assert sum(count for _label, count in context["phase_counts"]) == 5


def test_the_office_start_page_lists_municipalities_without_a_complete_tandem(
    login: Login, client: Client
) -> None:
    context = start_page(client, login, "office")
    # Kaiserslautern has no companions yet, Hameln no local companion.
    assert names(context["without_tandem"]) == ["Hameln, Stadt", "Kaiserslautern, Stadt"]


def test_the_pool_companion_sees_the_municipalities_of_their_tandems(
    login: Login, client: Client
) -> None:
    context = start_page(client, login, "external")
    municipalities = [item["municipality"] for item in context["my_municipalities"]]
    assert names(municipalities) == ["Bautzen / Budyšin, Stadt", "Cottbus/Chóśebuz, Stadt"]


def test_a_tandem_member_sees_the_open_next_steps_of_their_municipality_only(
    login: Login, client: Client
) -> None:
    context = start_page(client, login, "local_a")
    assert context["open_tasks"]
    assert {str(entry.municipality) for entry in context["open_tasks"]} == {
        "Cottbus/Chóśebuz, Stadt"
    }


def test_an_actor_has_no_tandem_tasks(login: Login, client: Client) -> None:
    context = start_page(client, login, "actor_a")
    assert list(context["open_tasks"]) == []
    assert [str(item["municipality"]) for item in context["my_municipalities"]] == [
        "Cottbus/Chóśebuz, Stadt"
    ]


def test_the_supervisor_sees_no_municipal_data(login: Login, client: Client) -> None:
    context = start_page(client, login, "supervisor")
    assert context["my_municipalities"] == []
    assert list(context["news"]) == []
    assert context["is_supervisor"]


def test_the_news_show_phase_changes_of_visible_municipalities_only(
    login: Login, client: Client
) -> None:
    context = start_page(client, login, "local_b")
    assert context["news"]
    assert {str(change.municipality) for change in context["news"]} == {"Bautzen / Budyšin, Stadt"}


# Public pages


@pytest.mark.parametrize("name", ["core:accessibility", "core:easy_language", "core:about"])
def test_public_pages_are_open_to_anonymous_visitors(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'lang="de"' in response.content.decode()


def test_the_about_page_names_the_register_source(client: Client) -> None:
    assert "Destatis" in client.get(reverse("core:about")).content.decode()


def test_the_language_can_be_switched_to_english(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert response["Content-Language"] == "en"
    assert 'lang="en"' in response.content.decode()


# Error pages


def test_the_404_page_is_german(login: Login, client: Client) -> None:
    login("local_a")
    response = client.get(reverse("municipalities:detail", args=[BAUTZEN]))
    assert response.status_code == 404
    content = html.unescape(response.content.decode())
    assert de("Page not found") in content
    assert 'lang="de"' in content


def test_an_unknown_address_gets_the_german_404_page(client: Client) -> None:
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert de("Page not found") in html.unescape(response.content.decode())


def test_the_403_page_is_german(login: Login, client: Client) -> None:
    login("actor_a")
    response = client.get(reverse("municipalities:work_log", args=[COTTBUS]))
    assert response.status_code == 403
    content = html.unescape(response.content.decode())
    assert de("Access denied") in content
    assert 'lang="de"' in content


# Accessibility feedback

FEEDBACK = {
    "page_url": "/kommunen/",
    "message": "Der Kontrast der Schaltflächen ist zu schwach.",
    "name": "Erika Muster",
    "email": "erika@example.org",
}


def test_accessibility_feedback_is_stored(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:accessibility"), FEEDBACK)
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == FEEDBACK["message"]
    assert feedback.email == "erika@example.org"


def test_accessibility_feedback_is_mailed_to_the_operator(
    client: Client,
    settings: Settings,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:accessibility"), FEEDBACK)
    (mail,) = mailoutbox
    assert mail.to == [settings.KOKOMA_FEEDBACK_EMAIL]
    assert FEEDBACK["message"] in mail.body
    assert "/kommunen/" in mail.body


def test_accessibility_feedback_thanks_the_sender_in_german(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:accessibility"), FEEDBACK, follow=True)
    content = html.unescape(response.content.decode())
    assert de("Thank you. We have received your feedback and will reply.") in content


def test_accessibility_feedback_without_a_message_is_refused(
    client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:accessibility"), {**FEEDBACK, "message": ""})
    assert response.status_code == 200
    assert de("This field is required.") in html.unescape(response.content.decode())
    assert 'value="erika@example.org"' in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()
    assert mailoutbox == []


def test_the_feedback_form_names_the_page_it_came_from(client: Client) -> None:
    response = client.get(reverse("core:accessibility"), {"seite": "/kommunen/12052000/"})
    assert 'value="/kommunen/12052000/"' in response.content.decode()


def test_accessibility_feedback_is_rate_limited_and_keeps_the_input(
    client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    from django.core.cache import cache

    from kokoma.core.views import FEEDBACK_LIMIT

    cache.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(FEEDBACK_LIMIT):
                assert client.post(reverse("core:accessibility"), FEEDBACK).status_code == 302
            response = client.post(reverse("core:accessibility"), FEEDBACK)
        assert response.status_code == 429
        content = html.unescape(response.content.decode())
        assert de("Too many messages from your connection") in content
        assert FEEDBACK["message"] in content  # nothing is lost
        assert AccessibilityFeedback.objects.count() == FEEDBACK_LIMIT
        assert len(mailoutbox) == FEEDBACK_LIMIT
    finally:
        cache.clear()
