"""Situation picture (Konfliktlagebild) of one municipality."""

from django.urls import path

from . import views

app_name = "situation"
urlpatterns = [
    path("", views.situation_picture, name="picture"),
    path("bericht/", views.situation_report, name="report"),
]
