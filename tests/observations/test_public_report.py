"""The public reporting form: anonymous, only for programme municipalities, rate-limited."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from kokoma.core import ratelimit
from kokoma.observations import views_public
from kokoma.observations.models import Observation
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import COTTBUS

pytestmark = pytest.mark.django_db
CLIENT_IP = "203.0.113.77"
URL = reverse("public:report", kwargs={"ags": COTTBUS})


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def report(**overrides: Any) -> dict[str, Any]:
    return {
        "occurred_on": "2026-05-04",
        "place": "Sandow, am Spielplatz",
        "description": "Rassistische Aufkleber an der Bank.",
        "is_incident": "on",
        "motive": Term.objects.get(kind=TermKind.MOTIVE, name="rassistisch").pk,
        "incident_type": Term.objects.get(
            kind=TermKind.INCIDENT_TYPE, name="Propaganda/Aufkleber/Graffiti"
        ).pk,
        "topics": [Term.objects.get(kind=TermKind.TOPIC, name="Jugend").pk],
        "reporter_contact": "",
        "website": "",
        **overrides,
    }


def cottbus_public_reports() -> int:
    return Observation.objects.filter(
        municipality__register__ags=COTTBUS, source=Observation.Source.PUBLIC_FORM
    ).count()


def test_anyone_can_open_the_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="website"' in response.content
    assert b"<div hidden>" in response.content


@pytest.mark.parametrize("ags", ["14626110", "99999999"])
def test_a_municipality_outside_the_programme_has_no_form(client: Client, ags: str) -> None:
    assert client.get(reverse("public:report", kwargs={"ags": ags})).status_code == 404
    assert client.post(reverse("public:report", kwargs={"ags": ags}), report()).status_code == 404


def test_an_anonymous_report_is_saved_and_acknowledged(client: Client) -> None:
    before = cottbus_public_reports()
    response = client.post(URL, report(), REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 302
    assert response["Location"] == reverse("public:report_thanks", kwargs={"ags": COTTBUS})
    observation = Observation.objects.filter(source=Observation.Source.PUBLIC_FORM).latest("id")
    assert cottbus_public_reports() == before + 1
    assert observation.reporter is None
    assert observation.status == Observation.Status.NEW
    assert observation.is_incident and observation.motive is not None
    assert [t.name for t in observation.topics.all()] == ["Jugend"]
    assert observation.reference not in response["Location"]
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert observation.reference in thanks.content.decode()


def test_the_confirmation_page_alone_reveals_no_reference(client: Client) -> None:
    response = client.get(reverse("public:report_thanks", kwargs={"ags": COTTBUS}))
    assert response.status_code == 200
    assert response.context["reference"] == ""


def test_without_the_incident_box_motive_and_type_are_dropped(client: Client) -> None:
    payload = report()
    del payload["is_incident"]
    assert client.post(URL, payload).status_code == 302
    observation = Observation.objects.filter(source=Observation.Source.PUBLIC_FORM).latest("id")
    assert not observation.is_incident
    assert observation.motive is None and observation.incident_type is None


@pytest.mark.parametrize(
    "bad",
    [
        {"occurred_on": "31.02.2026"},
        {"occurred_on": "gestern"},
        {"occurred_on": str(timezone.localdate() + datetime.timedelta(days=3))},
        {"description": ""},
        {"motive": "999999"},
    ],
)
def test_bad_input_is_shown_again_and_nothing_saved(client: Client, bad: dict[str, str]) -> None:
    before = cottbus_public_reports()
    response = client.post(URL, report(**bad))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["form"].data["place"] == "Sandow, am Spielplatz"
    assert b"Sandow, am Spielplatz" in response.content
    assert cottbus_public_reports() == before


def test_a_bot_filling_the_honeypot_saves_nothing(client: Client) -> None:
    before = cottbus_public_reports()
    response = client.post(URL, report(website="http://spam.example"))
    assert response.status_code == 302
    assert cottbus_public_reports() == before
    thanks = client.get(response["Location"])
    assert thanks.context["reference"] == ""


def test_the_rate_limit_refuses_and_keeps_the_input(client: Client) -> None:
    before = cottbus_public_reports()
    for _ in range(views_public.REPORT_LIMIT):
        assert client.post(URL, report(), REMOTE_ADDR=CLIENT_IP).status_code == 302
    response = client.post(URL, report(place="Letzter Versuch"), REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert b'id="rate-limited"' in response.content
    assert b"Letzter Versuch" in response.content
    assert cottbus_public_reports() == before + views_public.REPORT_LIMIT
    # another client is not affected
    assert client.post(URL, report(), REMOTE_ADDR="198.51.100.3").status_code == 302


def test_the_rate_limit_stores_no_ip_address(client: Client) -> None:
    client.post(URL, report(), REMOTE_ADDR=CLIENT_IP)
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    limit_keys = [key for key in keys if "kokoma-ratelimit" in key]
    assert len(limit_keys) == 1
    for key in keys:
        assert CLIENT_IP not in key
        assert CLIENT_IP.replace(".", "") not in key
    values = [str(value) for value in cache._cache.values()]  # type: ignore[attr-defined]
    assert not any(CLIENT_IP in value for value in values)


def test_the_key_changes_with_the_window(rf: RequestFactory) -> None:
    request = rf.get("/", REMOTE_ADDR=CLIENT_IP)
    first = ratelimit.client_key(request, scope="s", window=3600, now=7200.0)
    same = ratelimit.client_key(request, scope="s", window=3600, now=10799.0)
    later = ratelimit.client_key(request, scope="s", window=3600, now=10800.0)
    assert first == same != later
    other = ratelimit.client_key(rf.get("/", REMOTE_ADDR="198.51.100.3"), scope="s", window=3600)
    assert other != ratelimit.client_key(request, scope="s", window=3600)
    assert CLIENT_IP not in first


def test_the_limit_entry_expires_with_the_window(client: Client) -> None:
    client.post(URL, report())
    expiries = {
        key: expiry
        for key, expiry in cache._expire_info.items()  # type: ignore[attr-defined]
        if "kokoma-ratelimit" in key
    }
    assert len(expiries) == 1
    remaining = next(iter(expiries.values())) - time.time()
    assert views_public.REPORT_WINDOW - 60 < remaining <= views_public.REPORT_WINDOW


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no trusted proxy: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the left entry is the client's claim
        (2, "198.51.100.7, 203.0.113.9", "198.51.100.7"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: not trusted
        (1, "", "10.0.0.1"),
    ],
)
def test_client_address_behind_trusted_proxies(
    settings: Settings, rf: RequestFactory, proxies: int, forwarded: str, expected: str
) -> None:
    settings.KOKOMA_TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_address(request) == expected
