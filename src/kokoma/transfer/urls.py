from django.urls import path

from . import views

app_name = "transfer"
one = "<int:transfer_model_id>/"
urlpatterns = [
    path("", views.model_list, name="list"),
    path("neu/", views.model_create, name="create"),
    path(one, views.model_detail, name="detail"),
    path(f"{one}bearbeiten/", views.model_edit, name="edit"),
    path(f"{one}verfahrensordnung/", views.model_procedure, name="procedure"),
    path(f"{one}checklisten/neu/", views.checklist_add, name="checklist_add"),
    path(
        f"{one}checklisten/<int:model_checklist_id>/", views.checklist_edit, name="checklist_edit"
    ),
    path(
        f"{one}checklisten/<int:model_checklist_id>/loeschen/",
        views.checklist_delete,
        name="checklist_delete",
    ),
    path(f"{one}uebernehmen/", views.model_adopt, name="adopt"),
    path(f"{one}uebernahmen/<int:adoption_id>/bericht/", views.adoption_report, name="report"),
]
