"""The training's pages as their people use them: the trainer's attendance list, applying,
deciding, the waiting list, materials and the practice project."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from kokoma.training import services
from kokoma.training.models import Attendance, Enrolment, ProjectStatus

from ..conftest import Login, Persona
from ..html_forms import page_forms
from .factories import cohort, cottbus, session, trainee

pytestmark = pytest.mark.django_db


def german(client: Client, url: str) -> str:
    with override("de"):
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def post(client: Client, url: str, data: Mapping[str, object]) -> str:
    with override("de"):
        response = client.post(url, data, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def attendance_url(held: object) -> str:
    return reverse(
        "training:attendance",
        kwargs={"cohort_id": held.cohort_id, "session_id": held.pk},  # type: ignore[attr-defined]
    )


def test_the_trainer_records_attendance_on_one_list(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(capacity=3)
    held = session(group, days_ago=1)
    people = [trainee(name) for name in ("Nora", "Olaf", "Pia")]
    rows = [
        services.enrol(group, by=persona("office"), participant=p, municipality=cottbus())
        for p in people
    ]
    login("trainer")
    page = german(client, attendance_url(held))
    (form,) = [f for f in page_forms(page) if f.action == ""]
    data = form.data()
    data[f"enrolment_{rows[0].pk}"] = "present"
    data[f"enrolment_{rows[1].pk}"] = "excused"
    data[f"enrolment_{rows[2].pk}"] = "absent"
    assert "Die Anwesenheit wurde gespeichert." in post(client, attendance_url(held), data)
    assert dict(Attendance.objects.filter(session=held).values_list("enrolment_id", "status")) == {
        rows[0].pk: "present",
        rows[1].pk: "excused",
        rows[2].pk: "absent",
    }


def test_a_list_saved_meanwhile_by_another_trainer_is_not_overwritten(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(capacity=1)
    held = session(group, days_ago=1)
    row = services.enrol(
        group, by=persona("office"), participant=trainee("Quirin"), municipality=cottbus()
    )
    login("trainer")
    (form,) = [f for f in page_forms(german(client, attendance_url(held))) if f.action == ""]
    services.record_attendance(held, by=persona("office"), statuses={row.pk: "excused"})
    data = form.data()
    data[f"enrolment_{row.pk}"] = "absent"
    page = post(client, attendance_url(held), data)
    assert "Quirin: entschuldigt" in page  # what is saved now
    assert Attendance.objects.get(session=held).status == "excused"


def test_no_attendance_for_a_session_to_come(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(capacity=1)
    coming = session(group, days_ago=-3)
    row = services.enrol(
        group, by=persona("office"), participant=trainee("Rita"), municipality=cottbus()
    )
    login("trainer")
    page = german(client, attendance_url(coming))
    assert "hat noch nicht stattgefunden" in page
    assert 'name="enrolment_' not in page
    page = post(client, attendance_url(coming), {f"enrolment_{row.pk}": "present"})
    assert "hat noch nicht stattgefunden" in page
    assert not Attendance.objects.filter(session=coming).exists()


def test_enrolling_into_a_full_cohort_says_so(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(capacity=1)
    services.enrol(group, by=persona("office"), participant=trainee("Sven"), municipality=cottbus())
    waiting = trainee("Tara")
    login("office")
    url = reverse("training:participants", kwargs={"cohort_id": group.pk})
    page = post(client, url, {"participant": waiting.pk, "municipality": cottbus().pk, "note": ""})
    assert "Der Durchgang ist voll: Tara steht auf Platz 1 der Warteliste" in page
    assert Enrolment.objects.get(participant=waiting).status == "waiting"


def test_apply_consent_decide_through_the_pages(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(accepts_applications=True, requires_consent=True)
    login("actor_a")
    detail = german(client, reverse("training:cohort_detail", kwargs={"cohort_id": group.pk}))
    assert "Für diesen Durchgang bewerben" in detail
    apply_url = reverse("training:apply", kwargs={"cohort_id": group.pk})
    empty = post(client, apply_url, {"municipality": cottbus().pk, "motivation": ""})
    assert "Dieses Feld ist zwingend erforderlich." in empty
    page = post(client, apply_url, {"municipality": cottbus().pk, "motivation": "Ich moderiere."})
    assert "Die Prozessbegleitung Ihrer Kommune wird um Zustimmung gebeten" in page
    application = Enrolment.objects.get(cohort=group, participant=persona("actor_a"))

    kwargs = {"cohort_id": group.pk, "enrolment_id": application.pk}
    login("local_a")
    assert "Tobias Brandhorst" in german(client, reverse("start:home"))  # asks for consent
    post(client, reverse("training:consent", kwargs=kwargs), {"given": "yes", "note": ""})
    login("office")
    page = post(
        client, reverse("training:decide", kwargs=kwargs), {"decision": "approve", "note": ""}
    )
    assert "Tobias Brandhorst ist aufgenommen." in page
    application.refresh_from_db()
    assert application.status == "approved"


def test_the_participant_sees_materials_others_do_not(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(capacity=1)
    held = session(group, days_ago=1)
    material = services.upload_material(
        held,
        by=persona("trainer"),
        title="Handout Glasl",
        upload=SimpleUploadedFile("glasl.txt", b"Stufen", content_type="text/plain"),
    )
    participant = trainee("Uwe")
    services.enrol(group, by=persona("office"), participant=participant, municipality=cottbus())
    url = reverse(
        "training:material_download", kwargs={"cohort_id": group.pk, "material_id": material.pk}
    )
    client.force_login(participant)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Stufen"  # type: ignore[attr-defined]
    login("actor_a")  # not in the cohort
    assert client.get(url).status_code == 403
    session_page = german(
        client,
        reverse("training:session_detail", kwargs={"cohort_id": group.pk, "session_id": held.pk}),
    )
    assert "Handout Glasl" not in session_page


def test_a_practice_project_is_submitted_reviewed_and_counts(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(capacity=1, min_attendance_percent=100, requires_project=True)
    held = session(group, days_ago=2)
    participant = trainee("Vera")
    row = services.enrol(
        group, by=persona("office"), participant=participant, municipality=cottbus()
    )
    services.record_attendance(held, by=persona("trainer"), statuses={row.pk: "present"})
    kwargs = {"cohort_id": group.pk, "enrolment_id": row.pk}
    detail = reverse("training:enrolment_detail", kwargs=kwargs)

    client.force_login(participant)
    assert "auf gutem Weg" in german(client, detail)  # the project is still open
    with override("de"):
        response = client.post(
            reverse("training:project_submit", kwargs=kwargs),
            {
                "title": "Runder Tisch",
                "summary": "Moderiert.",
                "file": SimpleUploadedFile("bericht.txt", b"Bericht", content_type="text/plain"),
            },
            follow=True,
        )
    assert "Ihr Praxisprojekt wurde den Trainer:innen übermittelt." in response.content.decode()

    login("trainer")
    review = reverse("training:project_review", kwargs=kwargs)
    refused = post(client, review, {"accept": "yes", "feedback": ""})
    assert "Dieses Feld ist zwingend erforderlich." in refused
    post(client, review, {"accept": "yes", "feedback": "Gut ausgewertet."})
    assert row.project.status == ProjectStatus.ACCEPTED

    client.force_login(participant)
    page = german(client, detail)
    assert "abgeschlossen" in page and "Gut ausgewertet." in page


def test_a_participant_withdraws_and_the_next_moves_up(
    client: Client, login: Login, persona: Persona
) -> None:
    group = cohort(capacity=1)
    first, second = trainee("Willi"), trainee("Xenia")
    holder = services.enrol(group, by=persona("office"), participant=first, municipality=cottbus())
    services.enrol(group, by=persona("office"), participant=second, municipality=cottbus())
    client.force_login(first)
    url = reverse("training:withdraw", kwargs={"cohort_id": group.pk, "enrolment_id": holder.pk})
    assert "Die Anmeldung wurde zurückgezogen." in post(client, url, {})
    assert Enrolment.objects.get(participant=second).status == "approved"
