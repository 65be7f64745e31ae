"""Taking part without an account: `dialog/<dialogue_key>/` (the participation link) and `mitmachen/`."""

from django.urls import path

from .views import participate

app_name = "dialogue_public"
urlpatterns = [
    path("mitmachen/", participate.take_part_index, name="index"),
    path("mitmachen/<str:ags>/", participate.municipality_page, name="municipality"),
    path("dialog/<str:dialogue_key>/", participate.take_part, name="take_part"),
    path("dialog/<str:dialogue_key>/abstimmen/", participate.vote, name="vote"),
    path("dialog/<str:dialogue_key>/vorschlagen/", participate.submit, name="submit"),
    path("dialog/<str:dialogue_key>/karte/", participate.map_page, name="map"),
]
