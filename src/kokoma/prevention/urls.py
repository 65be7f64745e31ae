"""Prevention and early warning (mounted at kommunen/<ags>/fruehwarnung/)."""

from django.urls import path

from . import views

app_name = "prevention"
urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("<int:alert_id>/", views.alert_detail, name="alert_detail"),
    path("schwellenwerte/", views.warning_settings, name="settings"),
    path("reaktionsplaene/", views.response_plans, name="responses"),
    path("reaktionsplaene/<str:alert_kind>/", views.response_plan_edit, name="response_edit"),
]
