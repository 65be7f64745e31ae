from django.urls import path

from .views import actors, assessments, case, documents, processing, team

app_name = "cases"
urlpatterns = [
    path("<str:reference>/", case.case_detail, name="detail"),
    path("<str:reference>/bearbeiten/", case.case_edit, name="edit"),
    path("<str:reference>/schritt/", case.case_transition, name="transition"),
    path("<str:reference>/gefaehrdung/neu/", assessments.threat_add, name="threat_add"),
    path("<str:reference>/eskalation/neu/", assessments.escalation_add, name="escalation_add"),
    path("<str:reference>/akteure/neu/", actors.actor_add, name="actor_add"),
    path("<str:reference>/akteure/<int:actor_id>/", actors.actor_edit, name="actor_edit"),
    path("<str:reference>/akteurslandkarte/", actors.actor_map, name="actor_map"),
    path("<str:reference>/beziehungen/neu/", actors.relation_add, name="relation_add"),
    path(
        "<str:reference>/beziehungen/<int:relation_id>/",
        actors.relation_edit,
        name="relation_edit",
    ),
    path(
        "<str:reference>/beziehungen/<int:relation_id>/beenden/",
        actors.relation_end,
        name="relation_end",
    ),
    path("<str:reference>/dokumente/neu/", documents.document_add, name="document_add"),
    path(
        "<str:reference>/dokumente/<int:document_id>/",
        documents.document_download,
        name="document_download",
    ),
    path("<str:reference>/team/", team.team, name="team"),
    path(
        "<str:reference>/team/<int:member_id>/entfernen/",
        team.team_remove,
        name="team_remove",
    ),
]

urlpatterns += [
    path("<str:reference>/verfahren/neu/", processing.procedure_add, name="procedure_add"),
    path(
        "<str:reference>/verfahren/<int:procedure_id>/",
        processing.procedure_edit,
        name="procedure_edit",
    ),
    path("<str:reference>/massnahmen/neu/", processing.measure_add, name="measure_add"),
    path(
        "<str:reference>/massnahmen/<int:measure_id>/",
        processing.measure_edit,
        name="measure_edit",
    ),
    path(
        "<str:reference>/vereinbarungen/neu/",
        processing.agreement_add,
        name="agreement_add",
    ),
    path(
        "<str:reference>/vereinbarungen/<int:agreement_id>/",
        processing.agreement_edit,
        name="agreement_edit",
    ),
    path("<str:reference>/abschliessen/", processing.case_close, name="close"),
    path(
        "<str:reference>/verfahren/<int:procedure_id>/loeschen/",
        processing.procedure_delete,
        name="procedure_delete",
    ),
    path(
        "<str:reference>/massnahmen/<int:measure_id>/loeschen/",
        processing.measure_delete,
        name="measure_delete",
    ),
    path(
        "<str:reference>/vereinbarungen/<int:agreement_id>/loeschen/",
        processing.agreement_delete,
        name="agreement_delete",
    ),
]
