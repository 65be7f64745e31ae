from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("", views.term_list, name="list"),
    path("neu/", views.term_create, name="create"),
    path("<int:term_id>/", views.term_edit, name="edit"),
    path("<int:term_id>/loeschen/", views.term_delete, name="delete"),
]
