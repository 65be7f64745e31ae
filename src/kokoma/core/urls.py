from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("leichte-sprache/", views.easy_language, name="easy_language"),
    path("ueber/", views.about, name="about"),
    path("sitzung/", views.session_alive, name="session_alive"),
    path("dateien/<uuid:file_id>/", views.generated_file, name="generated_file"),
    path(
        "dateien/<uuid:file_id>/herunterladen/",
        views.generated_file_download,
        name="generated_file_download",
    ),
]
