"""Comments on a case with @mentions → notifications."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import messages
from django.template import Context, Template
from django.template.backends.django import Template as DjangoTemplate
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from kokoma.cases import services
from kokoma.cases.models import Case, Comment
from kokoma.cases.services.comments import mentions_in, post_comment
from kokoma.municipalities.models import Municipality
from kokoma.notifications.models import Notification
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_demo_notifications() -> None:
    """The demo's notifications (alerts, response tasks) would blur the counts here."""
    Notification.objects.all().delete()


@pytest.fixture
def case(persona: Persona) -> Case:
    return services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Kommentarfall",
        team=[persona("actor_a")],
    )


def test_mentions_are_parsed() -> None:
    assert mentions_in("Hallo @tobias-brandhorst, bitte @Svenja-Krautmann. Mail a@b.de") == [
        "tobias-brandhorst",
        "svenja-krautmann",
    ]


def test_a_mention_notifies_people_who_can_see_the_case(case: Case, persona: Persona) -> None:
    posted = post_comment(
        case,
        by=persona("local_a"),
        text="@tobias-brandhorst und @jonas-weidmann, bitte ansehen. @aylin-demirtas-voigt",
    )
    assert set(posted.notified) == {persona("actor_a"), persona("external")}
    assert posted.outsiders == [persona("board_a")] and posted.unknown == []
    assert Notification.objects.filter(recipient=persona("actor_a")).unread().count() == 1
    assert not Notification.objects.filter(recipient=persona("board_a")).exists()
    assert case.reference in Notification.objects.get(recipient=persona("actor_a")).text


def test_mentioning_oneself_notifies_nobody(case: Case, persona: Persona) -> None:
    posted = post_comment(case, by=persona("actor_a"), text="Notiz für @tobias-brandhorst")
    assert posted.notified == []
    assert not Notification.objects.filter(recipient=persona("actor_a")).exists()


def test_posting_through_the_view(
    client: Client, login: Login, case: Case, persona: Persona
) -> None:
    login("actor_a")
    url = reverse("caselist:comment", args=[case.reference])
    assert client.get(url).status_code == 405
    response = client.post(url, {"text": "Danke @svenja-krautmann und @katrin-wendisch"})
    assert response.status_code == 302
    assert Comment.objects.filter(case=case, author=persona("actor_a")).count() == 1
    assert Notification.objects.filter(recipient=persona("local_a")).exists()
    assert not Notification.objects.filter(recipient=persona("actor_b")).exists()


def test_an_empty_comment_is_refused(client: Client, login: Login, case: Case) -> None:
    login("actor_a")
    response = client.post(reverse("caselist:comment", args=[case.reference]), {"text": "  "})
    assert response.status_code == 302
    assert not Comment.objects.filter(case=case).exists()


def test_people_outside_the_case_cannot_comment(client: Client, login: Login, case: Case) -> None:
    login("board_a")
    response = client.post(reverse("caselist:comment", args=[case.reference]), {"text": "x"})
    assert response.status_code == 404
    login("actor_b")
    response = client.post(reverse("caselist:comment", args=[case.reference]), {"text": "x"})
    assert response.status_code == 404


def test_the_partial_lists_comments_and_the_form(case: Case, persona: Persona) -> None:
    post_comment(case, by=persona("local_a"), text="Erster Kommentar")
    request = RequestFactory().get("/")
    request.user = persona("actor_a")
    html = Template(open_partial()).render(Context({"case": case, "request": request}))
    assert "Erster Kommentar" in html
    assert reverse("caselist:comment", args=[case.reference]) in html


def open_partial() -> str:
    from django.template.loader import get_template

    template = get_template("cases/_comments.html")
    assert isinstance(template, DjangoTemplate)  # the Django engine, which keeps the source
    return template.template.source


# Mentions that reach nobody (issue 9, item 7: no dead ends) ----------------------------------


def comment_messages(client: Client, case: Case, text: str) -> list[tuple[str, str]]:
    """Post `text` as the logged-in user; the messages shown after the redirect, in German."""
    url = reverse("caselist:comment", args=[case.reference])
    with override("de"):
        response = client.post(url, {"text": text}, follow=True)
    assert response.status_code == 200
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_a_mentioned_member_who_cannot_see_the_case_is_named_with_an_offer_to_add(
    client: Client, login: Login, case: Case, persona: Persona
) -> None:
    login("local_a")  # the tandem may manage the case team
    board = persona("board_a")
    shown = comment_messages(client, case, "Bitte @aylin-demirtas-voigt einbeziehen")
    assert Comment.objects.filter(
        case=case, text="Bitte @aylin-demirtas-voigt einbeziehen"
    ).exists()
    assert not Notification.objects.filter(recipient=board).exists()
    warnings = [text for level, text in shown if level == "warning"]
    assert len(warnings) == 1
    team = reverse("cases:team", args=[case.reference])
    assert f"{board} wurde nicht benachrichtigt" in warnings[0]
    assert f'<a href="{team}?person={board.pk}">{board} zum Fallteam hinzufügen</a>' in warnings[0]

    # the link opens the team page with the person preselected; one click adds them
    page = client.get(f"{team}?person={board.pk}").content.decode()
    assert f'<option value="{board.pk}" selected>' in page
    assert client.post(team, {"user": board.pk}).status_code == 302
    assert case.team.filter(user=board).exists()
    shown = comment_messages(client, case, "Jetzt @aylin-demirtas-voigt")
    assert ("info", f"Benachrichtigt: {board}.") in shown


def test_a_writer_who_may_not_manage_the_team_is_told_who_can(
    client: Client, login: Login, case: Case, persona: Persona
) -> None:
    login("actor_a")
    shown = comment_messages(client, case, "@aylin-demirtas-voigt sollte das sehen")
    warnings = [text for level, text in shown if level == "warning"]
    assert len(warnings) == 1
    assert f"{persona('board_a')} wurde nicht benachrichtigt" in warnings[0]
    assert "Prozessbegleitung der Kommune kann die Person zum Fallteam hinzufügen" in warnings[0]
    assert "<a " not in warnings[0]


def test_unknown_names_and_people_of_other_municipalities_get_a_clear_message(
    client: Client, login: Login, case: Case, persona: Persona
) -> None:
    login("local_a")
    shown = comment_messages(client, case, "Fragen an @niemand-hier und @katrin-wendisch")
    assert Comment.objects.filter(case=case).count() == 1
    warnings = [text for level, text in shown if level == "warning"]
    assert warnings == [
        "Nicht benachrichtigt: Niemand mit einer Rolle in dieser Kommune ist unter "
        "@niemand-hier, @katrin-wendisch zu erreichen. Erwähnen Sie eine Person mit @ und "
        "ihrem Kürzel, zum Beispiel @anna-schmidt; die Kürzel stehen unter dem Kommentarfeld."
    ]
    # a person of another municipality is not revealed by name
    assert str(persona("actor_b")) not in " ".join(text for _, text in shown)


def test_a_name_in_the_offer_is_escaped(
    client: Client, login: Login, case: Case, persona: Persona
) -> None:
    board = persona("board_a")
    board.display_name = "<b>Gremium</b>"
    board.save()
    login("local_a")
    shown = comment_messages(client, case, "@aylin-demirtas-voigt")
    warning = next(text for level, text in shown if level == "warning")
    assert "&lt;b&gt;Gremium&lt;/b&gt;" in warning and "<b>" not in warning


def test_a_refused_comment_comes_back_into_the_form(
    client: Client, login: Login, case: Case
) -> None:
    login("actor_a")
    too_long = "Wichtig " * 700
    url = reverse("caselist:comment", args=[case.reference])
    response = client.post(url, {"text": too_long}, follow=True)
    assert [m.level for m in response.context["messages"]] == [messages.ERROR]
    assert not Comment.objects.filter(case=case).exists()
    # back on the case page, the text is in the form, to shorten and send again
    assert f">{too_long}</textarea>" in response.content.decode()
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert too_long.strip() not in page  # shown once


def test_line_breaks_count_as_one_character_as_in_the_browser(case: Case, persona: Persona) -> None:
    text = "Zeile\r\n" * 800  # 4,000 characters in the browser, 5,600 as sent
    posted = post_comment(case, by=persona("actor_a"), text=text)
    assert "\r" not in posted.comment.text


def test_a_comment_written_earlier_keeps_its_moment(case: Case, persona: Persona) -> None:
    written = timezone.now() - datetime.timedelta(days=12)
    posted = post_comment(case, by=persona("local_a"), text="Nachgetragen.", at=written)
    assert Comment.objects.get(pk=posted.comment.pk).created_at == written


# Handles, not e-mail addresses (issue 10, item 3) --------------------------------------------


def test_the_part_of_an_email_address_before_the_at_sign_mentions_nobody(
    case: Case, persona: Persona
) -> None:
    posted = post_comment(case, by=persona("local_a"), text="@akteur.cottbus bitte ansehen")
    assert posted.notified == []
    assert posted.unknown == ["akteur.cottbus"]


def test_two_people_with_the_same_local_part_are_told_apart_by_their_handles(
    case: Case, persona: Persona
) -> None:
    from tests.accounts.factories import UserFactory

    twin = UserFactory.create(email="akteur.cottbus@example.org", display_name="Tobias Brandhorst")
    case.team.create(user=twin)
    assert twin.handle == "tobias-brandhorst-2"
    posted = post_comment(case, by=persona("local_a"), text="@tobias-brandhorst-2, bitte.")
    assert posted.notified == [twin]


def test_the_comment_form_lists_the_handles_of_the_people_who_are_notified(
    client: Client, login: Login, case: Case, persona: Persona
) -> None:
    login("actor_a")
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    for name in ("local_a", "external", "actor_a"):
        person = persona(name)
        assert f"@{person.handle}" in page
    assert f"@{persona('board_a').handle}" not in page
