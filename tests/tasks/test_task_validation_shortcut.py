"""`create_task` for normal callers keeps every check; the early-warning check's shortcut
(`assignee_vetted`) skips only the two look-ups it has already done, nothing else."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kokoma.municipalities.models import Municipality
from kokoma.notifications.models import Notification
from kokoma.tasks import services
from kokoma.tasks.models import Task

from ..cases.matrix_samples import cottbus_case
from ..conftest import BAUTZEN, COTTBUS, Persona

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.with_register().get(register__ags=COTTBUS)


def test_normal_callers_are_refused_a_non_member_and_a_hidden_case(
    cottbus: Municipality, persona: Persona
) -> None:
    local = persona("local_a")
    with pytest.raises(ValidationError) as error:
        services.create_task(
            municipality=cottbus, by=local, title="Fremd", assignee=persona("actor_b")
        )
    assert "assignee" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_task(
            municipality=cottbus,
            by=local,
            title="Geheim",
            assignee=persona("board_a"),  # a member, but not on the case team
            case=cottbus_case(),
        )
    assert "assignee" in error.value.message_dict
    assert not Task.objects.filter(title__in=["Fremd", "Geheim"]).exists()


def test_the_shortcut_skips_only_the_membership_and_visibility_lookups(
    cottbus: Municipality, persona: Persona
) -> None:
    actor = persona("actor_a")
    case = cottbus_case()

    def queries(assignee_vetted: bool = False) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            services.create_task(
                municipality=cottbus,
                by=None,
                title="Plan",
                assignee=actor,
                case=case,
                assignee_vetted=assignee_vetted,
            )
        return [query["sql"] for query in captured.captured_queries]

    checked, vetted = queries(), queries(assignee_vetted=True)
    assert len(checked) - len(vetted) == 2
    assert sum("accounts_membership" in sql for sql in checked) == 2  # member? sees the case?
    assert not any("accounts_membership" in sql for sql in vetted)
    # Everything else still happens: the task, its audit entry, the assignee's notification.
    assert Task.objects.filter(title="Plan", assignee=actor).count() == 2
    assert Notification.objects.filter(recipient=actor).count() == 2


def test_the_shortcut_keeps_the_checks_that_need_no_lookup(
    cottbus: Municipality, persona: Persona
) -> None:
    bautzen = Municipality.objects.get(register__ags=BAUTZEN)
    with pytest.raises(ValidationError) as error:
        services.create_task(
            municipality=bautzen,
            by=None,
            title="Falsche Kommune",
            assignee=persona("actor_b"),
            case=cottbus_case(),
            assignee_vetted=True,
        )
    assert "case" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_task(
            municipality=cottbus,
            by=None,
            title="Zu spät",
            assignee=persona("actor_a"),
            due_on=TODAY - datetime.timedelta(days=1),
            assignee_vetted=True,
        )
    assert "due_on" in error.value.message_dict


def test_a_refused_task_leaves_the_callers_transaction_usable(
    cottbus: Municipality, persona: Persona
) -> None:
    local, actor = persona("local_a"), persona("actor_a")
    with transaction.atomic():
        with pytest.raises(ValidationError):
            services.create_task(
                municipality=cottbus, by=local, title="Fremd", assignee=persona("actor_b")
            )
        task = services.create_task(municipality=cottbus, by=local, title="Gut", assignee=actor)
    assert Task.objects.filter(pk=task.pk).exists()
    assert not Task.objects.filter(title="Fremd").exists()
