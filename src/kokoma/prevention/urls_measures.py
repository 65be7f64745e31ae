"""Prevention measures (mounted at kommunen/<ags>/lagebild/praevention/, beside the picture)."""

from django.urls import path

from . import views

app_name = "prevention_measures"
urlpatterns = [
    path("", views.measure_list, name="list"),
    path("neu/", views.measure_create, name="create"),
    path("<int:prevention_measure_id>/", views.measure_detail, name="detail"),
    path("<int:prevention_measure_id>/bearbeiten/", views.measure_edit, name="edit"),
    path("<int:prevention_measure_id>/loeschen/", views.measure_delete, name="delete"),
]
