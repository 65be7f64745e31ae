from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path("", views.workflow_detail, name="detail"),
    path("pdf/", views.workflow_pdf, name="pdf"),
    path("bearbeiten/", views.workflow_edit, name="edit"),
    path("schritte/neu/", views.step_create, name="step_create"),
    path("schritte/<int:step_id>/", views.step_edit, name="step_edit"),
    path("schritte/<int:step_id>/loeschen/", views.step_delete, name="step_delete"),
    path("schritte/<int:step_id>/verschieben/", views.step_move, name="step_move"),
    path("eskalation/", views.escalation_edit, name="escalation"),
]
