"""The start page lists the person's open tasks, not only the tandem's agreed next steps."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.municipalities.models import Municipality
from kokoma.tasks import services

from ..conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


def test_the_start_page_lists_open_assigned_tasks(
    client: Client, login: Login, persona: Persona
) -> None:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    actor = login("actor_a")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    open_task = services.create_task(
        municipality=cottbus,
        by=persona("local_a"),
        assignee=actor,
        title="Plakat entwerfen",
        due_on=tomorrow,
    )
    done = services.create_task(
        municipality=cottbus, by=persona("local_a"), assignee=actor, title="Erledigtes Thema"
    )
    services.set_done(done, by=actor)
    services.create_task(
        municipality=cottbus, by=persona("local_a"), assignee=persona("local_a"), title="Fremd"
    )
    html = client.get(reverse("start:home")).content.decode()
    assert "Ihnen zugewiesene Aufgaben" in html
    assert reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": open_task.pk}) in html
    assert "Erledigtes Thema" not in html
    assert ">Fremd<" not in html
    assert "Sie haben keine offenen Aufgaben." not in html


def test_without_tasks_the_start_page_says_so(client: Client, login: Login) -> None:
    login("actor_a")
    html = client.get(reverse("start:home")).content.decode()
    assert "Ihnen zugewiesene Aufgaben" not in html
