"""Situation picture (Konfliktlagebild) and prevention measures of one municipality."""

from django.urls import path

from . import views

app_name = "situation"
urlpatterns = [
    path("", views.situation_picture, name="picture"),
    path("bericht.pdf", views.situation_report_pdf, name="report_pdf"),
    path("praevention/", views.measure_list, name="measure_list"),
    path("praevention/neu/", views.measure_create, name="measure_create"),
    path("praevention/<int:prevention_measure_id>/", views.measure_detail, name="measure_detail"),
    path(
        "praevention/<int:prevention_measure_id>/bearbeiten/",
        views.measure_edit,
        name="measure_edit",
    ),
    path(
        "praevention/<int:prevention_measure_id>/loeschen/",
        views.measure_delete,
        name="measure_delete",
    ),
]
