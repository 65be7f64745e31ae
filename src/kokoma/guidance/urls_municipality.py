from django.urls import path

from . import views

app_name = "ownguidance"
urlpatterns = [
    path("", views.own_list, name="list"),
    path("neu/", views.own_create, name="create"),
    path("<int:own_checklist_id>/", views.own_edit, name="edit"),
    path("<int:own_checklist_id>/deaktivieren/", views.own_deactivate, name="deactivate"),
]
