"""Prevention measures: validation in German, audit, pages, permissions and the demo."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext
from pytest_django import DjangoAssertNumQueries

from kokoma.accounts.models import User
from kokoma.audit.models import AuditEntry
from kokoma.demo.prevention_measures import MEASURES, load_demo_situation
from kokoma.municipalities.models import Municipality
from kokoma.prevention import services
from kokoma.prevention.models import PreventionMeasure
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import BAUTZEN, COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
END_BEFORE_START = "The end date must not be before the start date."


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


def _measure(cottbus: Municipality, by: User, **extra: Any) -> PreventionMeasure:
    fields: dict[str, Any] = {
        "title": "Erzählcafé im Stadtteil",
        "organisation": "Stadtteilverein Beispielhof",
        "starts_on": D("2026-02-01"),
    }
    fields.update(extra)
    return services.create_prevention_measure(municipality=cottbus, by=by, **fields)


def test_create_validates_and_audits(cottbus: Municipality, persona: Persona) -> None:
    local = persona("local_a")
    youth = Term.objects.get(kind=TermKind.TOPIC, name="Jugend")
    measure = _measure(cottbus, local, topics=[youth], responsible=persona("actor_a"))
    assert list(measure.topics.all()) == [youth]
    assert AuditEntry.objects.filter(
        object_type="prevention.PreventionMeasure", object_id=str(measure.pk), action="create"
    ).exists()
    with pytest.raises(ValidationError) as error:
        _measure(cottbus, local, title="falsch", ends_on=D("2026-01-31"))
    assert error.value.message_dict["ends_on"] == [gettext(END_BEFORE_START)]
    with pytest.raises(ValidationError) as error:
        _measure(cottbus, local, title="fremd", responsible=persona("local_b"))
    assert "responsible" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _measure(cottbus, local, title="niemand", organisation="")
    assert "organisation" in error.value.message_dict
    motive = Term.objects.filter(kind=TermKind.MOTIVE).first()
    with pytest.raises(ValidationError) as error:
        _measure(cottbus, local, title="Motiv", topics=[motive])
    assert "topics" in error.value.message_dict
    assert not PreventionMeasure.objects.filter(title__in=["falsch", "fremd", "niemand", "Motiv"])


def test_update_and_delete_are_audited(cottbus: Municipality, persona: Persona) -> None:
    local = persona("local_a")
    measure = _measure(cottbus, local)
    services.update_prevention_measure(
        measure,
        by=local,
        status=PreventionMeasure.Status.RUNNING,
        topics=Term.objects.filter(kind=TermKind.TOPIC, name="Religion"),
    )
    entry = AuditEntry.objects.get(
        object_type="prevention.PreventionMeasure", object_id=str(measure.pk), action="update"
    )
    assert entry.changes["status"] == ["planned", "running"]
    assert entry.changes["topics"] == ["", "Religion"]
    pk = measure.pk
    services.delete_prevention_measure(measure, by=local)
    assert not PreventionMeasure.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(
        object_type="prevention.PreventionMeasure", object_id=str(pk), action="delete"
    ).exists()


def _form_data(**extra: str) -> dict[str, str]:
    data = {
        "title": "Sommerfest der Kulturen",
        "description": "",
        "target_group": "Nachbarschaft",
        "responsible": "",
        "organisation": "Kulturverein Lindenhof",
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-02",
        "status": "planned",
        "result": "",
    }
    data.update(extra)
    return data


def test_create_page_shows_the_german_error_at_the_field(client: Client, login: Login) -> None:
    login("local_a")
    create = reverse("prevention_measures:create", kwargs={"ags": COTTBUS})
    response = client.post(create, _form_data(ends_on="2026-05-01"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'id="id_ends_on_error">.*?{re.escape(gettext(END_BEFORE_START))}', html)
    assert 'value="Sommerfest der Kulturen"' in html  # the input is kept
    assert not PreventionMeasure.objects.filter(title="Sommerfest der Kulturen").exists()
    response = client.post(create, _form_data())
    measure = PreventionMeasure.objects.get(title="Sommerfest der Kulturen")
    assert response.status_code == 302
    assert response["Location"] == services.measure_url(measure)


def test_edit_and_delete_pages(client: Client, login: Login, cottbus: Municipality) -> None:
    local = login("local_a")
    measure = _measure(cottbus, local)
    kwargs = {"ags": COTTBUS, "prevention_measure_id": measure.pk}
    response = client.post(
        reverse("prevention_measures:edit", kwargs=kwargs),
        _form_data(title="Erzählcafé, zweite Runde", status="running"),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Erzählcafé, zweite Runde"
    delete = reverse("prevention_measures:delete", kwargs=kwargs)
    confirm = client.get(delete)
    assert confirm.status_code == 200
    assert "Erzählcafé, zweite Runde" in confirm.content.decode()
    assert PreventionMeasure.objects.filter(pk=measure.pk).exists()  # GET deletes nothing
    response = client.post(delete)
    assert response.status_code == 302
    assert not PreventionMeasure.objects.filter(pk=measure.pk).exists()


def test_members_read_the_tandem_writes(
    client: Client, login: Login, cottbus: Municipality, persona: Persona
) -> None:
    measure = _measure(cottbus, persona("local_a"))
    kwargs = {"ags": COTTBUS, "prevention_measure_id": measure.pk}
    for role in ("actor_a", "office"):
        login(role)
        assert client.get(reverse("prevention_measures:detail", kwargs=kwargs)).status_code == 200
        assert client.get(reverse("prevention_measures:edit", kwargs=kwargs)).status_code == 403
        assert client.post(reverse("prevention_measures:delete", kwargs=kwargs)).status_code == 403
    login("local_b")
    assert client.get(reverse("prevention_measures:detail", kwargs=kwargs)).status_code == 404
    # A Bautzen URL with a Cottbus measure: not found either
    login("local_a")
    other = {"ags": BAUTZEN, "prevention_measure_id": measure.pk}
    assert client.get(reverse("prevention_measures:detail", kwargs=other)).status_code == 404


def test_list_query_count_is_pinned(
    client: Client,
    login: Login,
    cottbus: Municipality,
    persona: Persona,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    local = login("local_a")
    topics = list(Term.objects.filter(kind=TermKind.TOPIC)[:3])
    for number in range(12):
        _measure(cottbus, local, title=f"Maßnahme {number}", topics=topics, responsible=local)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("prevention_measures:list", kwargs={"ags": COTTBUS}))
    assert response.status_code == 200
    assert response.content.decode().count("Maßnahme 1") >= 1


def test_demo_is_idempotent_and_shows_in_the_picture(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    load_demo_situation()
    count = PreventionMeasure.objects.count()
    load_demo_situation()
    assert PreventionMeasure.objects.count() == count
    assert PreventionMeasure.objects.filter(municipality=cottbus).count() == len(MEASURES)
    login("actor_a")
    response = client.get(reverse("situation:picture", kwargs={"ags": COTTBUS}))
    assert "Nachbarschaftsdialog im Quartier" in response.content.decode()
