"""The situation picture page, its PDF report and need-to-know on both."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from pytest_django import DjangoAssertNumQueries

from kokoma.cases.models import Case
from kokoma.core import files
from kokoma.core.models import GeneratedFile
from kokoma.municipalities.models import Municipality
from kokoma.situation.forms import DEFAULT_WEEKS, last_weeks
from kokoma.situation.indicators import Period
from kokoma.situation.reports import render_report_html, report_filename

from ..conftest import COTTBUS, Login, Persona
from .factories import case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SECRET_TITLE = "Streit um den Jugendtreff am Wasserturm (erfunden)"


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def secret_case(cottbus: Municipality, persona: Persona) -> Case:
    """A Cottbus case that climbs in the default period; actor_a is not on its team."""
    return case(
        cottbus,
        persona("local_a"),
        SECRET_TITLE,
        ((TODAY - datetime.timedelta(days=30)).isoformat(), 2),
        ((TODAY - datetime.timedelta(days=3)).isoformat(), 6),
    )


def url(**query: str) -> str:
    base = reverse("situation:picture", kwargs={"ags": COTTBUS})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_picture_shows_charts_with_table_alternatives(client: Client, login: Login) -> None:
    login("local_a")
    response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 5
    assert html.count("<details>") == 5
    assert html.count("<table") >= 5
    assert response.context["picture"].period == last_weeks(DEFAULT_WEEKS, TODAY)


def test_picture_query_count_is_pinned(
    client: Client,
    login: Login,
    secret_case: Case,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    login("local_a")
    client.get(url())
    with django_assert_max_num_queries(22):
        assert client.get(url(preset="52")).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"start": "2026-03-01", "end": "2026-02-01"},
            "The end of the period must not be before its start.",
        ),
        (
            {"start": "2020-01-01", "end": "2026-01-01"},
            "The period may be at most three years long.",
        ),
        ({"start": "kein Datum"}, "Please enter a valid date."),
    ],
)
def test_invalid_period_shows_an_error_and_falls_back(
    client: Client, login: Login, query: dict[str, str], message: str
) -> None:
    login("local_a")
    response = client.get(url(**query))
    assert response.status_code == 200
    html = response.content.decode()
    assert gettext(message) in html
    assert 'role="alert"' in html
    assert response.context["picture"].period == last_weeks(DEFAULT_WEEKS, TODAY)


def test_period_from_dates_and_presets(client: Client, login: Login) -> None:
    login("local_a")
    response = client.get(url(start="2025-12-22", end="2026-01-04"))
    assert response.context["picture"].period == Period(
        datetime.date(2025, 12, 22), datetime.date(2026, 1, 4)
    )
    assert "KW" in response.content.decode() or "CW" in response.content.decode()
    response = client.get(url(preset="4", start="2025-12-22"))  # the preset wins
    assert response.context["picture"].period == last_weeks(4, TODAY)
    assert response.context["picture"].period.end - response.context[
        "picture"
    ].period.start == datetime.timedelta(days=27)


def test_case_titles_only_for_who_may_see_the_case(
    client: Client, login: Login, secret_case: Case
) -> None:
    login("local_a")
    tandem = client.get(url())
    assert SECRET_TITLE in tandem.content.decode()
    assert tandem.context["picture"].climbing_count >= 1
    for role in ("actor_a", "office"):
        login(role)
        response = client.get(url())
        assert response.status_code == 200
        html = response.content.decode()
        assert SECRET_TITLE not in html
        assert secret_case.reference not in html
        # The count is the same for everybody on the page
        assert (
            response.context["picture"].climbing_count == tandem.context["picture"].climbing_count
        )


def test_report_html_keeps_need_to_know(
    cottbus: Municipality, persona: Persona, secret_case: Case
) -> None:
    period = last_weeks(DEFAULT_WEEKS, TODAY)
    for_tandem = render_report_html(cottbus, period, persona("local_a"))
    for_actor = render_report_html(cottbus, period, persona("actor_a"))
    assert SECRET_TITLE in for_tandem
    assert SECRET_TITLE not in for_actor
    for html in (for_tandem, for_actor):
        assert cottbus.name in html
        assert period.start.strftime("%d.%m.%Y") in html
        assert html.count("<svg") == 5
        assert "<details>" not in html
        assert "<a " not in html


def test_report_pdf_is_made_in_the_background(
    client: Client, login: Login, cottbus: Municipality, django_capture_on_commit_callbacks: Any
) -> None:
    login("actor_a")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("situation:report", kwargs={"ags": COTTBUS}),
            {"start": "2025-12-22", "end": "2026-01-04"},
        )
    generated = GeneratedFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:generated_file", kwargs={"file_id": generated.pk})
    assert len(queued) == 1  # the job is queued once the order is committed, not run here
    assert generated.status == GeneratedFile.Status.PENDING
    assert generated.filename == "lagebild-12052000-2025-12-22-2026-01-04.pdf"
    assert generated.title == "Lagebericht Cottbus/Chóśebuz, Stadt, 22.12.2025 bis 04.01.2026"
    assert generated.back_url.endswith("?start=2025-12-22&end=2026-01-04")

    files.make(generated)
    download = client.get(reverse("core:generated_file_download", kwargs={"file_id": generated.pk}))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert isinstance(download, FileResponse)
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"] == (
        'attachment; filename="lagebild-12052000-2025-12-22-2026-01-04.pdf"'
    )
    assert (
        report_filename(cottbus, Period(datetime.date(2025, 12, 22), datetime.date(2026, 1, 4)))
        == "lagebild-12052000-2025-12-22-2026-01-04.pdf"
    )


def test_the_report_checks_the_permission_again_when_it_is_made(
    client: Client, login: Login, persona: Persona
) -> None:
    """An order from someone who lost access meanwhile fails instead of revealing the picture."""
    login("actor_a")
    client.post(reverse("situation:report", kwargs={"ags": COTTBUS}))
    generated = GeneratedFile.objects.get()
    persona("actor_a").memberships.all().delete()
    with pytest.raises(PermissionDenied):
        files.make(generated)
    generated.refresh_from_db()
    assert generated.status == GeneratedFile.Status.FAILED
    assert not generated.file


def test_foreign_municipality_is_not_found(client: Client, login: Login) -> None:
    login("local_b")
    assert client.get(url()).status_code == 404
    assert client.post(reverse("situation:report", kwargs={"ags": COTTBUS})).status_code == 404
    assert not GeneratedFile.objects.exists()


def test_alerts_counted_for_all_listed_where_visible(
    client: Client, login: Login, cottbus: Municipality, secret_case: Case
) -> None:
    from kokoma.prevention.models import Alert, AlertKind

    summary = "Fall ist innerhalb von 30 Tagen um vier Stufen eskaliert (Testalarm)"
    Alert.objects.create(
        municipality=cottbus,
        case=secret_case,
        kind=AlertKind.STAGE_CLIMB,
        summary=summary,
        triggered_on=TODAY,
        raised_at=timezone.now(),
        fingerprint="situation-test-climb",
    )
    Alert.objects.create(
        municipality=cottbus,
        kind=AlertKind.STAGE_CLIMB,
        summary="Alter Alarm außerhalb des Zeitraums",
        triggered_on=TODAY - datetime.timedelta(days=400),
        raised_at=timezone.now(),
        fingerprint="situation-test-old",
    )
    login("local_a")
    tandem = client.get(url())
    html = tandem.content.decode()
    assert summary in html
    assert "Alter Alarm" not in html
    detail = reverse("prevention:alert_detail", kwargs={"ags": COTTBUS, "alert_id": 1})
    assert detail.rsplit("/", 2)[0] in html  # linked to the alert pages
    counted = tandem.context["picture"].alerts.total
    assert counted >= 1
    for role in ("actor_a", "office"):
        login(role)
        response = client.get(url())
        assert summary not in response.content.decode()
        assert response.context["picture"].alerts.total == counted
