from django.urls import path

from . import views

app_name = "observations"
urlpatterns = [
    path("", views.observation_list, name="list"),
    path("neu/", views.observation_create, name="create"),
    path(
        "chronik/<int:chronicle_id>/zurueckziehen/",
        views.chronicle_withdraw,
        name="chronicle_withdraw",
    ),
    path("<str:observation_ref>/", views.observation_detail, name="detail"),
    path("<str:observation_ref>/pruefen/", views.observation_verify, name="verify"),
    path("<str:observation_ref>/neuer-fall/", views.observation_new_case, name="new_case"),
    path("<str:observation_ref>/zuordnen/", views.observation_attach, name="attach"),
    path("<str:observation_ref>/verwerfen/", views.observation_dismiss, name="dismiss"),
    path("<str:observation_ref>/chronik/", views.chronicle_publish, name="chronicle_publish"),
]
