"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): a
cohort trained by the demo trainer, with two sessions held (the attendance list can be saved), a
material, and the Cottbus trainee enrolled, present at both, with an accepted practice project
and the certificate. Everybody else with a municipality may apply; the actor of Cottbus is not
registered."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kokoma.municipalities.models import Municipality
from kokoma.training import services
from kokoma.training.models import (
    Certificate,
    Cohort,
    CurriculumModule,
    SessionMaterial,
)

from ..conftest import COTTBUS, demo_user

TITLE = "Matrix-Durchgang"


def matrix_cohort() -> Cohort:
    cohort = Cohort.objects.filter(title=TITLE).first()
    if cohort is not None:
        return cohort
    office = demo_user("servicestelle")
    trainer = demo_user("trainer")
    cohort = services.add_cohort(
        by=office, title=TITLE, capacity=10, accepts_applications=True, requires_project=True
    )
    now = timezone.now()
    held = services.add_session(
        cohort,
        by=office,
        title="Matrix-Termin (gewesen)",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now - datetime.timedelta(days=1) + datetime.timedelta(hours=6),
        format="in_person",
        place="Bildungszentrum",
        trainers=[trainer],
    )
    second = services.add_session(
        cohort,
        by=office,
        title="Matrix-Termin (online)",
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now - datetime.timedelta(days=2) + datetime.timedelta(hours=6),
        format="online",
        online_link="https://konferenz.example.org/matrix",
        trainers=[trainer],
    )
    services.upload_material(
        held,
        by=trainer,
        title="Matrix-Handout",
        upload=SimpleUploadedFile("handout.txt", b"Handout", content_type="text/plain"),
    )
    enrolment = services.enrol(
        cohort,
        by=office,
        participant=demo_user("weiterbildung.cottbus"),
        municipality=Municipality.objects.get(register__ags=COTTBUS),
    )
    project = services.submit_project(
        enrolment,
        by=enrolment.participant,
        title="Matrix-Praxisprojekt",
        summary="Runder Tisch im Quartier",
        upload=SimpleUploadedFile("projekt.txt", b"Projekt", content_type="text/plain"),
    )
    for session in (held, second):
        services.record_attendance(session, by=trainer, statuses={enrolment.pk: "present"})
    services.review_project(project, by=trainer, accept=True, feedback="Angenommen")
    services.issue_certificates(cohort, by=office)
    return cohort


SAMPLES: dict[str, Any] = {
    "code": lambda: Certificate.objects.get(enrolment__cohort=matrix_cohort()).code,
    "module_id": lambda: CurriculumModule.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
    "cohort_id": lambda: matrix_cohort().pk,
    "session_id": lambda: matrix_cohort().sessions.order_by("starts_at").first().pk,  # type: ignore[union-attr]
    "material_id": lambda: SessionMaterial.objects.get(session__cohort=matrix_cohort()).pk,
    "enrolment_id": lambda: matrix_cohort().enrolments.get().pk,
}
