"""Actor landscape, mounted at kommunen/<ags>/akteurslandschaft/."""

from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.institution_list, name="list"),
    path("neu/", views.institution_create, name="create"),
    path("<int:institution_id>/", views.institution_detail, name="detail"),
    path("<int:institution_id>/bearbeiten/", views.institution_edit, name="edit"),
    path("<int:institution_id>/loeschen/", views.institution_delete, name="delete"),
    path("<int:institution_id>/kontakte/neu/", views.contact_add, name="contact_add"),
    path(
        "<int:institution_id>/kontakte/<int:contact_person_id>/",
        views.contact_edit,
        name="contact_edit",
    ),
    path(
        "<int:institution_id>/kontakte/<int:contact_person_id>/loeschen/",
        views.contact_delete,
        name="contact_delete",
    ),
    path("<int:institution_id>/faelle/neu/", views.case_link, name="case_link"),
    path(
        "<int:institution_id>/faelle/<str:reference>/entfernen/",
        views.case_unlink,
        name="case_unlink",
    ),
]
