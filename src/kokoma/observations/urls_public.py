from django.urls import path

from . import views_public as views

app_name = "public"
urlpatterns = [
    path("melden/<str:ags>/", views.report, name="report"),
    path("melden/<str:ags>/danke/", views.report_thanks, name="report_thanks"),
    path("chronik/<str:ags>/", views.chronicle, name="chronicle"),
]
