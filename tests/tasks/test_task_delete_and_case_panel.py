"""Withdrawing tasks, the case page's task panel, `?fall=` on the task form, and the feed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.cases import services as case_services
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality
from kokoma.notifications.models import Notification
from kokoma.tasks import services
from kokoma.tasks.calendar import calendar_items
from kokoma.tasks.models import Task

from ..cases.matrix_samples import cottbus_case
from ..conftest import BAUTZEN, COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


def _task(cottbus: Municipality, by: User, assignee: User, **extra: Any) -> Task:
    return services.create_task(
        municipality=cottbus, by=by, assignee=assignee, title="Zurückzuziehen", **extra
    )


def _delete_url(task: Task) -> str:
    return reverse("tasks:delete", kwargs={"ags": COTTBUS, "task_id": task.pk})


def _case_url(case: Case) -> str:
    return reverse("cases:detail", kwargs={"reference": case.reference})


# Deleting ---------------------------------------------------------------------------------------


def test_delete_service_audits_and_tells_the_assignee(
    cottbus: Municipality, persona: Persona
) -> None:
    local, actor = persona("local_a"), persona("actor_a")
    task = _task(cottbus, local, actor, due_on=TOMORROW)
    pk = task.pk
    Notification.objects.filter(recipient=actor).delete()
    services.delete_task(task, by=local)
    assert not Task.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(
        object_type="tasks.Task", object_id=str(pk), action=AuditAction.DELETE
    )
    assert entry.actor == local
    assert entry.municipality == cottbus
    assert entry.changes["title"] == ["Zurückzuziehen", None]
    note = Notification.objects.get(recipient=actor)
    assert "Zurückzuziehen" in note.text
    assert note.link == reverse("tasks:mine")


def test_deleting_an_own_task_notifies_nobody(cottbus: Municipality, persona: Persona) -> None:
    local = persona("local_a")
    task = _task(cottbus, local, local)
    services.delete_task(task, by=local)
    assert not Notification.objects.filter(recipient=local).exists()


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("local_a", False),  # the creator in this test is board_a, local_a is the tandem
        ("external", True),
        ("board_a", True),  # the creator
        ("actor_a", False),  # the assignee marks it done instead
        ("trainee_a", False),
    ],
)
def test_who_may_delete(cottbus: Municipality, persona: Persona, role: str, may: bool) -> None:
    task = _task(cottbus, persona("board_a"), persona("actor_a"))
    expected = may or role == "local_a"  # the local companion belongs to the tandem
    assert task.may_delete(persona(role)) is expected


def test_the_service_refuses_someone_not_allowed(cottbus: Municipality, persona: Persona) -> None:
    task = _task(cottbus, persona("local_a"), persona("actor_a"))
    with pytest.raises(PermissionDenied):
        services.delete_task(task, by=persona("actor_a"))
    assert Task.objects.filter(pk=task.pk).exists()


def test_get_shows_the_confirmation_and_deletes_nothing(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    task = _task(cottbus, persona("board_a"), persona("actor_a"))
    login("board_a")
    response = client.get(_delete_url(task))
    assert response.status_code == 200
    assert response.context["may_delete"] is True
    assert b"button-danger" in response.content
    assert Task.objects.filter(pk=task.pk).exists()


def test_post_deletes_and_goes_to_the_task_list(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    task = _task(cottbus, persona("board_a"), persona("actor_a"))
    login("local_a")
    response = client.post(_delete_url(task))
    assert response.status_code == 302
    assert response["Location"] == reverse("tasks:list", kwargs={"ags": COTTBUS})
    assert not Task.objects.filter(pk=task.pk).exists()
    assert Notification.objects.filter(recipient=persona("actor_a"), link=reverse("tasks:mine"))


def test_the_assignee_cannot_delete(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    task = _task(cottbus, persona("local_a"), persona("actor_a"))
    login("actor_a")
    response = client.get(_delete_url(task))
    assert response.status_code == 200  # an explanation, without a delete button
    assert response.context["may_delete"] is False
    assert b"button-danger" not in response.content
    assert client.post(_delete_url(task)).status_code == 403
    assert Task.objects.filter(pk=task.pk).exists()
    detail = client.get(reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": task.pk}))
    assert _delete_url(task).encode() not in detail.content


def test_other_municipalities_and_outsiders_of_a_case_get_404(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    case = cottbus_case()  # team: actor_a only
    task = _task(cottbus, persona("local_a"), persona("actor_a"), case=case)
    for role in ("local_b", "trainee_a"):
        login(role)
        assert client.get(_delete_url(task)).status_code == 404
        assert client.post(_delete_url(task)).status_code == 404
    bautzen_url = reverse("tasks:delete", kwargs={"ags": BAUTZEN, "task_id": task.pk})
    login("local_b")
    assert client.post(bautzen_url).status_code == 404
    assert Task.objects.filter(pk=task.pk).exists()


def test_deleting_a_case_task_returns_to_the_case(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    case = cottbus_case()
    task = _task(cottbus, persona("local_a"), persona("actor_a"), case=case)
    login("local_a")
    response = client.post(_delete_url(task))
    assert response["Location"] == _case_url(case) + "#tasks-heading"


# The case page's task panel ---------------------------------------------------------------------


def test_the_case_page_lists_open_tasks_and_folds_the_done_ones(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    case = cottbus_case()
    local, actor = persona("local_a"), persona("actor_a")
    late = _task(cottbus, local, actor, case=case, due_on=TOMORROW)
    Task.objects.filter(pk=late.pk).update(due_on=TODAY - datetime.timedelta(days=2))
    done = services.create_task(
        municipality=cottbus, by=local, assignee=local, title="Schon erledigt", case=case
    )
    services.set_done(done, by=local)
    elsewhere = services.create_task(
        municipality=cottbus, by=local, assignee=local, title="Ohne Fall"
    )
    login("actor_a")
    content = client.get(_case_url(case)).content.decode()
    panel = content[content.index('id="tasks-heading"') :]
    assert "Zurückzuziehen" in panel
    assert "badge-overdue" in panel
    assert "<details>" in panel and "Schon erledigt" in panel
    assert panel.index("Schon erledigt") > panel.index("<details>")
    assert elsewhere.title not in panel
    add = reverse("tasks:create", kwargs={"ags": COTTBUS}) + f"?fall={case.reference}"
    assert add in panel


def test_the_panel_does_not_offer_adding_on_a_closed_case(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    case = cottbus_case()
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    login("local_a")
    content = client.get(_case_url(case)).content.decode()
    assert "?fall=" not in content


def test_the_panel_costs_two_queries_whatever_the_number_of_tasks(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    case = cottbus_case()
    local, actor = persona("local_a"), persona("actor_a")
    _task(cottbus, local, actor, case=case, due_on=TOMORROW)
    login("local_a")
    client.get(_case_url(case))
    with CaptureQueriesContext(connection) as few:
        client.get(_case_url(case))
    for i in range(8):
        task = services.create_task(
            municipality=cottbus, by=local, assignee=actor, title=f"T{i}", case=case
        )
        if i % 2:
            services.set_done(task, by=local)
    with CaptureQueriesContext(connection) as many:
        client.get(_case_url(case))
    assert len(many) == len(few)
    assert sum("tasks_task" in q["sql"] for q in many.captured_queries) == 2


# ?fall= on the task form ------------------------------------------------------------------------


def _create_url(reference: str, ags: str = COTTBUS) -> str:
    return reverse("tasks:create", kwargs={"ags": ags}) + f"?fall={reference}"


def test_fall_prefills_a_visible_open_case(client: Client, login: Login) -> None:
    case = cottbus_case()
    login("local_a")
    response = client.get(_create_url(case.reference))
    assert response.status_code == 200
    assert response.context["form"]["case"].value() == case.pk
    assert response.context["cancel_url"] == _case_url(case) + "#tasks-heading"


def test_a_board_member_alone_sets_no_tasks(client: Client, login: Login) -> None:
    """The boards are all a board member alone sees of the municipality (docs/decisions/0026)."""
    login("board_a")
    assert client.get(_create_url(cottbus_case().reference)).status_code == 403


@pytest.mark.parametrize("role", ["trainee_a"])
def test_fall_is_ignored_for_a_case_the_user_cannot_see(
    role: str, client: Client, login: Login
) -> None:
    case = cottbus_case()
    login(role)
    response = client.get(_create_url(case.reference))
    assert response.status_code == 200
    assert response.context["form"]["case"].value() is None
    assert case.title.encode() not in response.content  # nothing about the case is revealed


def test_fall_is_ignored_for_a_case_of_another_municipality(
    client: Client, login: Login, persona: Persona
) -> None:
    other = case_services.open_case(
        municipality=Municipality.objects.get(register__ags=BAUTZEN),
        by=persona("local_b"),
        title="Bautzener Fall",
    )
    login("local_a")
    response = client.get(_create_url(other.reference))
    assert response.context["form"]["case"].value() is None
    assert response.context["from_case"] is None


def test_creating_from_the_case_returns_to_the_case(
    client: Client, login: Login, persona: Persona
) -> None:
    case = cottbus_case()
    login("local_a")
    response = client.post(
        _create_url(case.reference),
        {
            "title": "Protokoll schreiben",
            "description": "",
            "assignee": persona("actor_a").pk,
            "case": case.pk,
            "due_on": TOMORROW.isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _case_url(case) + "#tasks-heading"
    assert Task.objects.get(title="Protokoll schreiben").case == case


# The calendar feed ------------------------------------------------------------------------------


def test_deleted_task_and_measure_leave_the_feed(cottbus: Municipality, persona: Persona) -> None:
    case = cottbus_case()
    local, actor = persona("local_a"), persona("actor_a")
    task = _task(cottbus, local, actor, due_on=TOMORROW)
    measure = case_services.add_measure(
        case, by=local, title="Gespräch führen", owner=actor, due_on=TOMORROW
    )
    task_uid, measure_uid = f"task-{task.pk}", f"measure-{measure.pk}"
    uids = {item.uid for item in calendar_items(actor)}
    assert {task_uid, measure_uid} <= uids
    services.delete_task(task, by=local)
    case_services.delete_measure(measure, by=local, case=case)
    uids = {item.uid for item in calendar_items(actor)}
    assert task_uid not in uids
    assert measure_uid not in uids
