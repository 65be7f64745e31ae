"""Reads of case data through lists, search, the situation picture and the calendar feed are in
the audit log (issue 10, item 5)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases.models import Case
from kokoma.tasks.services import issue_calendar_token
from tests.conftest import BAUTZEN, COTTBUS, Login

pytestmark = pytest.mark.django_db


def reads(**filters: object) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=AuditAction.VIEW, **filters).order_by("pk"))


def test_a_case_list_logs_the_cases_it_showed_per_municipality(
    client: Client, login: Login
) -> None:
    user = login("external")  # the tandem of Cottbus and Bautzen: a list across both
    response = client.get(reverse("caselist:list"))
    shown = [case for case, _overdue in response.context["rows"]]
    assert {case.municipality.ags for case in shown} == {COTTBUS, BAUTZEN}
    lines = reads(actor=user, object_type="municipalities.Municipality")
    assert {line.municipality.ags for line in lines if line.municipality} == {COTTBUS, BAUTZEN}
    logged = {ref for line in lines for ref in line.changes["cases"].split(", ")}
    assert logged == {case.reference for case in shown}
    assert all(line.changes["page"] == reverse("caselist:list") for line in lines)


def test_a_search_logs_its_terms_and_what_it_found(client: Client, login: Login) -> None:
    user = login("local_a")
    case = Case.objects.filter(municipality__register__ags=COTTBUS).first()
    assert case is not None
    word = case.title.split()[0]
    path = reverse("caselist:municipality", kwargs={"ags": COTTBUS})
    client.get(path, {"q": word})
    [line] = reads(actor=user, object_type="municipalities.Municipality")
    assert line.changes["page"] == f"{path}?q={word}"
    assert case.reference in line.changes["cases"]


def test_counts_without_cases_are_no_read_of_cases(client: Client, login: Login) -> None:
    user = login("office")
    assert client.get(reverse("caselist:list")).status_code == 200
    assert reads(actor=user) == []


def test_the_situation_picture_and_its_report_are_logged(client: Client, login: Login) -> None:
    user = login("local_a")
    picture = reverse("situation:picture", kwargs={"ags": COTTBUS})
    client.get(picture)
    client.post(reverse("situation:report", kwargs={"ags": COTTBUS}))
    first, second = reads(actor=user, municipality__register__ags=COTTBUS)
    assert first.changes == {"page": picture}
    assert second.changes["page"].startswith(reverse("situation:report", kwargs={"ags": COTTBUS}))


def test_a_calendar_feed_read_is_logged_under_its_owner_without_the_token(
    client: Client, login: Login
) -> None:
    user = login("local_a")
    token = issue_calendar_token(by=user).token
    client.logout()  # calendar programs fetch the feed without a session
    assert client.get(reverse("calendar:feed", kwargs={"token": token})).status_code == 200
    [line] = reads(actor=user, object_type="accounts.User")
    assert token not in str(line.changes)
    assert line.changes["page"].startswith("/kalender/")
