"""The boards' pages: confidential items, the minutes (Markdown, PDF, two editors at once), the
bad-input messages, and the number of queries of the meeting page."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from kokoma.boards import services
from kokoma.boards.models import Attendance, Board, Meeting, Resolution
from tests.conftest import Login, Persona
from tests.html_forms import page_forms

from .factories import cottbus_board, meeting, office

pytestmark = pytest.mark.django_db

INTER = "Kommunenübergreifender Beirat"
CONFIDENTIAL = "Auswertung kommunaler Fallverläufe"


def _url(name: str, m: Meeting, **kwargs: Any) -> str:
    return reverse(f"boards:{name}", kwargs={"board_id": m.board_id, "meeting_id": m.pk, **kwargs})


def _upcoming(board_name: str) -> Meeting:
    return Meeting.objects.filter(board__name=board_name).order_by("-starts_at").first()  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("role", "sees"), [("local_a", True), ("office", True), ("board_a", False)]
)
def test_confidential_items_only_for_members(
    client: Client, login: Login, role: str, sees: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Cottbus board member is a guest of the inter-municipal board."""
    login(role)
    upcoming = _upcoming(INTER)
    html = client.get(_url("meeting_detail", upcoming)).content.decode()
    assert (CONFIDENTIAL in html) is sees
    assert ("nur für Mitglieder sichtbar" in html) is not sees
    # the same in the minutes as PDF: the HTML that WeasyPrint is given
    rendered: list[str] = []

    def fake_pdf(html: str) -> bytes:
        rendered.append(html)
        return b"%PDF-"

    monkeypatch.setattr("kokoma.core.pdf.render_pdf", fake_pdf)
    response = client.get(_url("minutes_pdf", upcoming))
    assert response.status_code == 200
    assert (CONFIDENTIAL in rendered[0]) is sees


def test_a_confidential_document_is_not_served_to_a_guest(client: Client, login: Login) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upcoming = _upcoming(INTER)
    item = upcoming.items.get(title=CONFIDENTIAL)
    document = services.upload_agenda_document(
        item,
        by=office(),
        title="Auswertung",
        upload=SimpleUploadedFile("a.txt", b"vertraulich", content_type="text/plain"),
    )
    url = reverse(
        "boards:document_download",
        kwargs={"board_id": upcoming.board_id, "agenda_document_id": document.pk},
    )
    login("board_a")
    assert client.get(url).status_code == 404
    login("local_a")
    assert client.get(url).status_code == 200


def test_the_minutes_pdf_is_a_pdf(client: Client, login: Login) -> None:
    login("board_a")
    past = Meeting.objects.get(board__name__startswith="Lokaler Beirat", title="2. Sitzung 2026")
    response = client.get(_url("minutes_pdf", past))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"


def test_minutes_are_rendered_as_safe_markdown(client: Client, login: Login) -> None:
    board = cottbus_board()
    session = meeting(board)
    services.save_minutes(
        session,
        by=office(),
        minutes="## Ergebnis\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    login("office")
    html = client.get(_url("meeting_detail", session)).content.decode()
    minutes = html[html.index('class="minutes"') :]
    assert "<h3>Ergebnis</h3>" in minutes
    assert "<script>alert" not in minutes
    assert "&lt;script&gt;" in minutes
    assert 'href="javascript' not in minutes
    assert "<img" not in minutes


def _state(html: str) -> str:
    found = re.search(r'name="state" value="([^"]*)"', html)
    assert found
    return found.group(1)


def test_two_coordinators_editing_the_same_minutes(
    client: Client, persona: Persona, login: Login
) -> None:
    """The second sees both versions; nothing is lost, and a knowing second save applies."""
    board = cottbus_board()
    session = meeting(board, days=-1)
    url = _url("minutes_edit", session)
    second = Client()
    second.force_login(persona("office"))
    login("local_a")
    first_state = _state(client.get(url).content.decode())
    second_state = _state(second.get(url).content.decode())

    assert client.post(url, {"minutes": "Fassung A", "state": first_state}).status_code == 302
    answer = second.post(url, {"minutes": "Fassung B", "state": second_state})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Beide Fassungen" in html
    assert "Fassung A" in html and "Fassung B" in html
    session.refresh_from_db()
    assert session.minutes == "Fassung A"
    # saving again knowingly applies the second version
    again = second.post(url, {"minutes": "Fassung B", "state": _state(html)})
    assert again.status_code == 302
    session.refresh_from_db()
    assert session.minutes == "Fassung B"


def test_a_meeting_that_ends_before_it_starts_keeps_the_input(client: Client, login: Login) -> None:
    board = cottbus_board()
    login("local_a")
    start = timezone.localtime() + datetime.timedelta(days=5)
    response = client.post(
        reverse("boards:meeting_create", kwargs={"board_id": board.pk}),
        {
            "title": "Sondersitzung",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Rathaus",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Sitzung muss nach ihrem Beginn enden." in html
    assert 'value="Sondersitzung"' in html
    assert not board.meetings.exists()


def test_a_recommendation_without_a_responsible_person_in_the_form(
    client: Client, login: Login
) -> None:
    board = cottbus_board()
    item = services.add_agenda_item(meeting(board), by=office(), title="TOP")
    login("local_a")
    url = reverse("boards:resolution_add", kwargs={"board_id": board.pk, "item_id": item.pk})
    response = client.post(url, {"kind": "recommendation", "text": "Mehr Sitzbänke"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Eine Empfehlung braucht eine verantwortliche Person" in html
    assert "Mehr Sitzbänke" in html


def test_a_recommendation_becomes_a_task_through_the_form(
    client: Client, login: Login, persona: Persona
) -> None:
    board = cottbus_board()
    item = services.add_agenda_item(meeting(board), by=office(), title="TOP")
    login("local_a")
    url = reverse("boards:resolution_add", kwargs={"board_id": board.pk, "item_id": item.pk})
    response = client.post(
        url,
        {
            "kind": "recommendation",
            "text": "Mehr Sitzbänke",
            "responsible": persona("actor_a").pk,
            "case_reference": "",
        },
        follow=True,
    )
    assert "als Aufgabe erhalten" in response.content.decode()
    resolution = Resolution.objects.get(item=item)
    assert resolution.task is not None
    assert resolution.task.assignee == persona("actor_a")


def test_the_next_meeting_picks_up_open_resolutions_and_minutes_to_approve(
    client: Client, login: Login
) -> None:
    login("board_a")
    upcoming = Meeting.objects.get(title="3. Sitzung 2026")
    html = client.get(_url("meeting_detail", upcoming)).content.decode()
    assert "Offene Empfehlungen und Beschlüsse" in html
    assert "Beleuchtung des Weges zur Haltestelle Sandow" in html
    assert "Videoüberwachung" not in html  # dropped
    assert "Protokoll der letzten Sitzung genehmigen" in html
    assert "2. Sitzung 2026" in html


def test_the_meeting_page_does_not_grow_with_the_agenda(
    client: Client, login: Login, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    login("local_a")
    board = Board.objects.get(name="Lokaler Beirat Zusammenleben Cottbus")
    upcoming = Meeting.objects.get(board=board, title="3. Sitzung 2026")
    url = _url("meeting_detail", upcoming)
    client.get(url)
    with django_assert_max_num_queries(PINNED_MEETING_PAGE):
        assert client.get(url).status_code == 200
    for index in range(5):
        item = services.add_agenda_item(upcoming, by=office(), title=f"Zusatz {index}")
        services.record_resolution(item, by=office(), kind="decision", text=f"Beschluss {index}")
    with django_assert_max_num_queries(PINNED_MEETING_PAGE):
        assert client.get(url).status_code == 200


PINNED_MEETING_PAGE = 12  # a fixed number, whatever the size of the agenda


def test_a_board_members_day(client: Client, login: Login, persona: Persona) -> None:
    """Issue 11, item 3: the boards, nothing else of the municipality (docs/decisions/0026)."""
    login("board_a")
    boards = client.get(reverse("boards:list")).content.decode()
    assert "Lokaler Beirat Zusammenleben Cottbus" in boards
    assert "Kommunenübergreifender Beirat" in boards
    assert "Bautzen" not in boards
    bautzen = Board.objects.get(name="Beirat Demokratie und Vielfalt Bautzen")
    assert client.get(reverse("boards:detail", kwargs={"board_id": bautzen.pk})).status_code == 404
    cottbus = reverse("municipalities:detail", kwargs={"ags": "12052000"})
    assert client.get(cottbus).status_code == 403
    assert client.get(reverse("caselist:list")).status_code in (200, 302, 403)
    home = client.get(reverse("start:home")).content.decode()
    assert cottbus not in home  # no card of the municipality


def test_a_board_member_alone_sees_only_their_own_tasks(persona: Persona) -> None:
    from kokoma.municipalities.models import Municipality
    from kokoma.tasks import services as tasks
    from kokoma.tasks.models import Task

    cottbus = Municipality.objects.get(register__ags="12052000")
    local, board_member = persona("local_a"), persona("board_a")
    theirs = tasks.create_task(
        municipality=cottbus, by=local, title="Rückmeldung geben", assignee=board_member
    )
    other = tasks.create_task(
        municipality=cottbus, by=local, title="Interne Aufgabe", assignee=persona("actor_a")
    )
    visible = set(Task.objects.visible_to(board_member).values_list("pk", flat=True))
    assert theirs.pk in visible
    assert other.pk not in visible


def test_a_tandem_sets_up_a_local_board_of_its_municipality(
    client: Client, login: Login, persona: Persona
) -> None:
    from kokoma.municipalities.models import Municipality

    login("local_a")
    url = reverse("boards:create")
    page = client.get(url)
    kinds = [value for value, _label in page.context["form"].fields["kind"].choices]
    assert kinds == ["local"]  # the inter-municipal board is the office's
    offered = list(page.context["form"].fields["municipality"].queryset)
    cottbus = Municipality.objects.get(register__ags="12052000")
    assert offered == [cottbus]
    answer = client.post(url, {"kind": "local", "municipality": cottbus.pk, "name": "Jugendbeirat"})
    assert answer.status_code == 302
    board = Board.objects.get(name="Jugendbeirat")
    assert board.municipality == cottbus and board.created_by == persona("local_a")
    refused = client.post(url, {"kind": "inter_municipal", "name": "Zweiter Programmbeirat"})
    assert refused.status_code == 200
    assert not Board.objects.filter(name="Zweiter Programmbeirat").exists()


def test_the_board_page_names_the_purpose_of_external_data_to_its_managers(
    client: Client, login: Login
) -> None:
    board = Board.objects.get(name="Lokaler Beirat Zusammenleben Cottbus")
    url = reverse("boards:detail", kwargs={"board_id": board.pk})
    login("local_a")
    assert "Einladungen, Protokolle und Anwesenheit" in client.get(url).content.decode()
    login("board_a")
    html = client.get(url).content.decode()
    assert "Dorothea Vielhauer" in html
    assert "Einladungen, Protokolle und Anwesenheit" not in html


def test_a_member_sends_apologies_before_a_meeting_and_may_withdraw_them(
    client: Client, login: Login
) -> None:
    member = login("board_a")
    upcoming = Meeting.objects.get(title="3. Sitzung 2026")
    page = client.get(_url("meeting_detail", upcoming)).content.decode()
    assert "Ich kann nicht teilnehmen (entschuldigen)" in page
    form = next(f for f in page_forms(page) if f.action == _url("apologies", upcoming))
    answer = client.post(form.action, form.data(), follow=True)
    assert "Ihre Entschuldigung wurde eingetragen" in answer.content.decode()
    mine = Attendance.objects.get(meeting=upcoming, member__user=member)
    assert mine.status == Attendance.Status.EXCUSED
    page = answer.content.decode()
    assert "Ich kann doch teilnehmen" in page
    form = next(f for f in page_forms(page) if f.action == _url("apologies", upcoming))
    client.post(form.action, form.data())
    assert not Attendance.objects.filter(meeting=upcoming, member__user=member).exists()


def test_apologies_only_from_a_member_and_only_before_the_meeting(persona: Persona) -> None:
    upcoming = Meeting.objects.get(title="3. Sitzung 2026")
    with pytest.raises(ValidationError, match="Nur ein Mitglied"):
        services.send_apologies(upcoming, by=office())
    past = Meeting.objects.get(title="2. Sitzung 2026")
    with pytest.raises(ValidationError, match="vor einer geplanten Sitzung"):
        services.send_apologies(past, by=persona("board_a"))
    assert not past.attendance.filter(member__user=persona("board_a"), status="excused").exists()
