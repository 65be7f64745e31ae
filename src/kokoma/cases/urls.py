from django.urls import path

from . import views, views_processing

app_name = "cases"
urlpatterns = [
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/bearbeiten/", views.case_edit, name="edit"),
    path("<str:reference>/schritt/", views.case_transition, name="transition"),
    path("<str:reference>/gefaehrdung/neu/", views.threat_add, name="threat_add"),
    path("<str:reference>/eskalation/neu/", views.escalation_add, name="escalation_add"),
    path("<str:reference>/akteure/neu/", views.actor_add, name="actor_add"),
    path("<str:reference>/akteure/<int:actor_id>/", views.actor_edit, name="actor_edit"),
    path("<str:reference>/akteurslandkarte/", views.actor_map, name="actor_map"),
    path("<str:reference>/beziehungen/neu/", views.relation_add, name="relation_add"),
    path(
        "<str:reference>/beziehungen/<int:relation_id>/",
        views.relation_edit,
        name="relation_edit",
    ),
    path(
        "<str:reference>/beziehungen/<int:relation_id>/beenden/",
        views.relation_end,
        name="relation_end",
    ),
    path("<str:reference>/dokumente/neu/", views.document_add, name="document_add"),
    path(
        "<str:reference>/dokumente/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("<str:reference>/team/", views.team, name="team"),
    path(
        "<str:reference>/team/<int:member_id>/entfernen/",
        views.team_remove,
        name="team_remove",
    ),
]

urlpatterns += [
    path("<str:reference>/verfahren/neu/", views_processing.procedure_add, name="procedure_add"),
    path(
        "<str:reference>/verfahren/<int:procedure_id>/",
        views_processing.procedure_edit,
        name="procedure_edit",
    ),
    path("<str:reference>/massnahmen/neu/", views_processing.measure_add, name="measure_add"),
    path(
        "<str:reference>/massnahmen/<int:measure_id>/",
        views_processing.measure_edit,
        name="measure_edit",
    ),
    path(
        "<str:reference>/vereinbarungen/neu/",
        views_processing.agreement_add,
        name="agreement_add",
    ),
    path(
        "<str:reference>/vereinbarungen/<int:agreement_id>/",
        views_processing.agreement_edit,
        name="agreement_edit",
    ),
    path("<str:reference>/abschliessen/", views_processing.case_close, name="close"),
    path(
        "<str:reference>/verfahren/<int:procedure_id>/loeschen/",
        views_processing.procedure_delete,
        name="procedure_delete",
    ),
    path(
        "<str:reference>/massnahmen/<int:measure_id>/loeschen/",
        views_processing.measure_delete,
        name="measure_delete",
    ),
    path(
        "<str:reference>/vereinbarungen/<int:agreement_id>/loeschen/",
        views_processing.agreement_delete,
        name="agreement_delete",
    ),
]
