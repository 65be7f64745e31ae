"""The case team's pages, under `fall/<reference>/fallberatung/`."""

from django.urls import path

from . import views_case

app_name = "case_consultation"
urlpatterns = [
    path("", views_case.case_consultations, name="list"),
    path("neu/", views_case.consultation_share, name="share"),
    path("<int:case_consultation_id>/bearbeiten/", views_case.draft_edit, name="edit"),
    path(
        "<int:case_consultation_id>/freigeben/",
        views_case.consultation_approve,
        name="approve",
    ),
    path(
        "<int:case_consultation_id>/abschliessen/",
        views_case.consultation_close,
        name="close",
    ),
]
