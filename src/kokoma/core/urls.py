from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("leichte-sprache/", views.easy_language, name="easy_language"),
    path("ueber/", views.about, name="about"),
]
