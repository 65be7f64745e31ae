"""Opening a dialogue inside a case, under `fall/<reference>/dialoge/`."""

from django.urls import path

from .views import manage

app_name = "dialogue_case"
urlpatterns = [path("neu/", manage.open_in_case, name="open")]
