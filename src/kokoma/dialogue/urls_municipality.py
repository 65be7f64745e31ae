"""A municipality's dialogues, under `kommunen/<ags>/dialoge/`."""

from django.urls import path

from .views import exports, manage

app_name = "dialogue_municipality"
urlpatterns = [
    path("", manage.dialogue_list, name="list"),
    path("neu/", manage.open_public, name="open"),
    path("import/", exports.polis_import, name="import"),
]
