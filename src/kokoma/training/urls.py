from django.urls import path

from . import views

app_name = "training"
cohort = "durchgaenge/<int:cohort_id>/"
session = cohort + "termine/<int:session_id>/"
enrolment = cohort + "teilnehmende/<int:enrolment_id>/"
urlpatterns = [
    path("curriculum/", views.curriculum, name="curriculum"),
    path("curriculum/neu/", views.module_add, name="module_add"),
    path("curriculum/<int:module_id>/", views.module_edit, name="module_edit"),
    path("curriculum/<int:module_id>/loeschen/", views.module_delete, name="module_delete"),
    path("durchgaenge/", views.cohort_list, name="cohort_list"),
    path("durchgaenge/neu/", views.cohort_add, name="cohort_add"),
    path(cohort, views.cohort_detail, name="cohort_detail"),
    path(cohort + "bearbeiten/", views.cohort_edit, name="cohort_edit"),
    path(cohort + "bewerben/", views.apply, name="apply"),
    path(cohort + "teilnehmende/", views.participants, name="participants"),
    path(cohort + "termine/neu/", views.session_add, name="session_add"),
    path(session, views.session_detail, name="session_detail"),
    path(session + "bearbeiten/", views.session_edit, name="session_edit"),
    path(session + "loeschen/", views.session_delete, name="session_delete"),
    path(session + "anwesenheit/", views.attendance, name="attendance"),
    path(session + "material/neu/", views.material_add, name="material_add"),
    path(cohort + "material/<int:material_id>/", views.material_download, name="material_download"),
    path(
        cohort + "material/<int:material_id>/loeschen/",
        views.material_delete,
        name="material_delete",
    ),
    path(enrolment, views.enrolment_detail, name="enrolment_detail"),
    path(enrolment + "zustimmung/", views.consent, name="consent"),
    path(enrolment + "entscheidung/", views.decide, name="decide"),
    path(enrolment + "zurueckziehen/", views.withdraw, name="withdraw"),
    path(enrolment + "praxisprojekt/", views.project_submit, name="project_submit"),
    path(enrolment + "praxisprojekt/datei/", views.project_download, name="project_download"),
    path(enrolment + "praxisprojekt/bewertung/", views.project_review, name="project_review"),
    path(cohort + "zertifikate/ausstellen/", views.issue, name="certificates_issue"),
    path(enrolment + "zertifikat.pdf", views.certificate_pdf, name="certificate_pdf"),
    path(enrolment + "zertifikat.jwt", views.certificate_credential, name="certificate_credential"),
    path(enrolment + "zertifikat/widerrufen/", views.certificate_revoke, name="certificate_revoke"),
]
