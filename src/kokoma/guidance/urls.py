from django.urls import path

from . import views

app_name = "guidance"
urlpatterns = [
    path("", views.checklist_list, name="list"),
    path("neu/", views.checklist_create, name="create"),
    path("<int:checklist_id>/", views.checklist_edit, name="edit"),
    path("<int:checklist_id>/deaktivieren/", views.checklist_deactivate, name="deactivate"),
    path("fall/<str:reference>/abhaken/", views.save_ticks, name="save_ticks"),
]
