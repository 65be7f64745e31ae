from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.audit.models import AuditEntry
from kokoma.municipalities.models import Municipality
from kokoma.notifications.models import Notification
from kokoma.tasks import services
from kokoma.tasks.models import Task

from ..cases.matrix_samples import cottbus_case
from ..conftest import BAUTZEN, COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def bautzen() -> Municipality:
    return Municipality.objects.get(register__ags=BAUTZEN)


def _task(municipality: Municipality, by: User, assignee: User, **extra: Any) -> Task:
    return services.create_task(
        municipality=municipality, by=by, assignee=assignee, title="Aufgabe", **extra
    )


def test_create_task_audits_and_notifies_assignee(cottbus: Municipality, persona: Persona) -> None:
    local, actor = persona("local_a"), persona("actor_a")
    task = _task(cottbus, local, actor, due_on=TOMORROW)
    assert task.created_by == local
    assert AuditEntry.objects.filter(object_id=str(task.pk), action="create").exists()
    note = Notification.objects.get(recipient=actor)
    assert note.link == reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": task.pk})


def test_own_task_does_not_notify(cottbus: Municipality, persona: Persona) -> None:
    local = persona("local_a")
    _task(cottbus, local, local)
    assert not Notification.objects.filter(recipient=local).exists()


def test_reassignment_notifies_new_assignee(cottbus: Municipality, persona: Persona) -> None:
    local, actor, board = persona("local_a"), persona("actor_a"), persona("board_a")
    task = _task(cottbus, local, actor)
    services.update_task(task, by=local, assignee=board)
    assert Notification.objects.filter(recipient=board).count() == 1


def test_due_date_in_the_past_is_refused(cottbus: Municipality, persona: Persona) -> None:
    with pytest.raises(ValidationError) as error:
        _task(cottbus, persona("local_a"), persona("actor_a"), due_on=TODAY - datetime.timedelta(1))
    assert "due_on" in error.value.message_dict
    assert not Task.objects.filter(municipality=cottbus).exists()


def test_assignee_must_be_member(cottbus: Municipality, persona: Persona) -> None:
    with pytest.raises(ValidationError) as error:
        _task(cottbus, persona("local_a"), persona("actor_b"))
    assert "assignee" in error.value.message_dict


def test_case_task_assignee_must_see_the_case(cottbus: Municipality, persona: Persona) -> None:
    case = cottbus_case()  # team: the Cottbus actor only
    with pytest.raises(ValidationError) as error:
        _task(cottbus, persona("local_a"), persona("board_a"), case=case)
    assert "assignee" in error.value.message_dict
    task = _task(cottbus, persona("local_a"), persona("actor_a"), case=case)
    assert task.case == case


def test_case_task_hidden_from_members_outside_the_case(
    cottbus: Municipality, persona: Persona
) -> None:
    task = _task(cottbus, persona("local_a"), persona("actor_a"), case=cottbus_case())
    assert Task.objects.visible_to(persona("actor_a")).filter(pk=task.pk).exists()
    assert not Task.objects.visible_to(persona("board_a")).filter(pk=task.pk).exists()


def test_create_view_refuses_past_date_and_keeps_input(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    login("local_a")
    response = client.post(
        reverse("tasks:create", kwargs={"ags": COTTBUS}),
        {
            "title": "Zu spät",
            "assignee": persona("actor_a").pk,
            "due_on": (TODAY - datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["due_on"]
    assert b"Zu sp" in response.content
    assert not Task.objects.filter(title="Zu spät").exists()


def test_create_view_creates(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    login("actor_a")
    response = client.post(
        reverse("tasks:create", kwargs={"ags": COTTBUS}),
        {"title": "Einladen", "assignee": persona("local_a").pk, "due_on": TOMORROW.isoformat()},
    )
    task = Task.objects.get(title="Einladen")
    assert response.status_code == 302
    assert response["Location"] == services.task_url(task)
    assert Notification.objects.filter(recipient=persona("local_a")).exists()


def test_actor_of_bautzen_cannot_see_cottbus_tasks(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    task = _task(cottbus, persona("local_a"), persona("actor_a"))
    login("actor_b")
    assert client.get(reverse("tasks:list", kwargs={"ags": COTTBUS})).status_code == 404
    detail = reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": task.pk})
    assert client.get(detail).status_code == 404
    # nor through Bautzen's URL
    detail_b = reverse("tasks:detail", kwargs={"ags": BAUTZEN, "task_id": task.pk})
    assert client.get(detail_b).status_code == 404
    assert task not in client.get(reverse("tasks:mine")).context["page"].object_list


def test_case_task_detail_is_404_outside_the_case(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    task = _task(cottbus, persona("local_a"), persona("actor_a"), case=cottbus_case())
    login("trainee_a")
    url = reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": task.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("actor_a", True),
        ("local_a", True),
        ("external", True),
        ("board_a", True),
        ("trainee_a", False),
    ],
)
def test_who_may_complete(
    cottbus: Municipality, client: Client, login: Login, persona: Persona, role: str, allowed: bool
) -> None:
    # created by the board member, assigned to the actor; tandem: local_a and external
    task = _task(cottbus, persona("board_a"), persona("actor_a"))
    login(role)
    url = reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": task.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "done"})
    task.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert task.done_at is not None
    else:
        assert response.status_code == 403
        assert task.done_at is None


def test_edit_task(cottbus: Municipality, client: Client, login: Login, persona: Persona) -> None:
    task = _task(cottbus, persona("local_a"), persona("actor_a"))
    login("actor_a")
    url = reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": task.pk})
    response = client.post(
        url,
        {"action": "save", "title": "Neu", "assignee": persona("actor_a").pk, "due_on": ""},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "Neu"
    assert AuditEntry.objects.filter(object_id=str(task.pk), action="update").exists()


def test_my_tasks_open_sorted_and_done_filter(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    local, actor = persona("local_a"), persona("actor_a")
    later = _task(cottbus, local, actor, due_on=TODAY + datetime.timedelta(days=5))
    sooner = _task(cottbus, local, actor, due_on=TOMORROW)
    overdue = _task(cottbus, local, actor, due_on=TOMORROW)
    Task.objects.filter(pk=overdue.pk).update(due_on=TODAY - datetime.timedelta(days=2))
    done = _task(cottbus, local, actor)
    services.set_done(done, by=actor)
    _task(cottbus, local, local)  # someone else's
    login("actor_a")
    response = client.get(reverse("tasks:mine"))
    tasks = list(response.context["page"].object_list)
    assert [t.pk for t in tasks] == [overdue.pk, sooner.pk, later.pk]
    assert tasks[0].is_overdue and not tasks[1].is_overdue
    assert b' overdue"' in response.content
    done_page = client.get(reverse("tasks:mine"), {"status": "done"})
    assert [t.pk for t in done_page.context["page"].object_list] == [done.pk]


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_lists_do_not_grow_queries_with_tasks(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    local, actor = persona("local_a"), persona("actor_a")
    case = cottbus_case()
    _task(cottbus, local, actor, case=case, due_on=TOMORROW)
    login("actor_a")
    mine, listing = reverse("tasks:mine"), reverse("tasks:list", kwargs={"ags": COTTBUS})
    few_mine, few_list = _count_queries(client, mine), _count_queries(client, listing)
    for _ in range(6):
        _task(cottbus, local, actor, case=case, due_on=TOMORROW)
        _task(cottbus, actor, local, due_on=TOMORROW)
    assert _count_queries(client, mine) == few_mine
    assert _count_queries(client, listing) == few_list


def test_list_is_paginated(
    cottbus: Municipality, client: Client, login: Login, persona: Persona
) -> None:
    local = persona("local_a")
    Task.objects.bulk_create(
        Task(municipality=cottbus, title=f"T{i}", assignee=local, created_by=local)
        for i in range(30)
    )
    login("local_a")
    response = client.get(reverse("tasks:list", kwargs={"ags": COTTBUS}))
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.num_pages == 2


def test_a_task_set_earlier_keeps_its_moments(cottbus: Municipality, persona: Persona) -> None:
    local = persona("local_a")
    now = timezone.now()
    set_at, done_at = now - datetime.timedelta(days=20), now - datetime.timedelta(days=6)
    due = TODAY - datetime.timedelta(days=10)
    task = _task(cottbus, local, local, due_on=due, at=set_at)
    assert Task.objects.get(pk=task.pk).created_at == set_at
    services.set_done(task, by=local, at=done_at)
    task.refresh_from_db()
    assert task.done_at == done_at and not task.is_overdue
    # Its due date must not lie before the day it was set, as for a task set today.
    with pytest.raises(ValidationError):
        _task(cottbus, local, local, due_on=due, at=now - datetime.timedelta(days=5))
