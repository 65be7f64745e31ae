from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("neu/", views.municipality_create, name="create"),
    path("verzeichnis/", views.register_search, name="register_search"),
    path("begleitprozess/", views.process_matrix, name="process_matrix"),
    path("<str:ags>/", views.municipality_detail, name="detail"),
    path("<str:ags>/bearbeiten/", views.municipality_edit, name="edit"),
    path("<str:ags>/phase/", views.phase_change, name="phase_change"),
    path("<str:ags>/tandem/", views.tandem_edit, name="tandem"),
    path("<str:ags>/mitwirkende/", views.member_list, name="members"),
    path("<str:ags>/audit/", views.audit_log, name="audit_log"),
    path("<str:ags>/mitwirkende/neu/", views.member_add, name="member_add"),
    path(
        "<str:ags>/mitwirkende/<int:membership_id>/entfernen/",
        views.member_remove,
        name="member_remove",
    ),
    path("<str:ags>/kontakte/neu/", views.contact_add, name="contact_add"),
    path("<str:ags>/kontakte/<int:contact_id>/", views.contact_edit, name="contact_edit"),
    path(
        "<str:ags>/kontakte/<int:contact_id>/loeschen/", views.contact_delete, name="contact_delete"
    ),
    path("<str:ags>/strukturen/neu/", views.structure_add, name="structure_add"),
    path("<str:ags>/strukturen/<int:structure_id>/", views.structure_edit, name="structure_edit"),
    path(
        "<str:ags>/strukturen/<int:structure_id>/loeschen/",
        views.structure_delete,
        name="structure_delete",
    ),
    path("<str:ags>/arbeitsprotokoll/", views.work_log, name="work_log"),
    path("<str:ags>/arbeitsprotokoll/neu/", views.work_log_add, name="work_log_add"),
    path("<str:ags>/arbeitsprotokoll/<int:entry_id>/", views.work_log_edit, name="work_log_edit"),
    path(
        "<str:ags>/arbeitsprotokoll/<int:entry_id>/loeschen/",
        views.work_log_delete,
        name="work_log_delete",
    ),
    path("<str:ags>/begleitprozess/", views.process_overview, name="process"),
    path("<str:ags>/begleitprozess/<int:step>/", views.step_detail, name="process_step"),
    path("<str:ags>/begleitprozess/<int:step>/bearbeiten/", views.step_edit, name="step_edit"),
    path(
        "<str:ags>/begleitprozess/<int:step>/dokumente/neu/",
        views.step_document_add,
        name="step_document_add",
    ),
    path(
        "<str:ags>/begleitprozess/<int:step>/dokumente/<int:step_document_id>/",
        views.step_document_download,
        name="step_document",
    ),
    path(
        "<str:ags>/begleitprozess/<int:step>/dokumente/<int:step_document_id>/loeschen/",
        views.step_document_delete,
        name="step_document_delete",
    ),
    path(
        "<str:ags>/begleitprozess/<int:step>/meilensteine/neu/",
        views.milestone_add,
        name="milestone_add",
    ),
    path(
        "<str:ags>/begleitprozess/<int:step>/meilensteine/<int:milestone_id>/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "<str:ags>/begleitprozess/<int:step>/meilensteine/<int:milestone_id>/loeschen/",
        views.milestone_delete,
        name="milestone_delete",
    ),
]
