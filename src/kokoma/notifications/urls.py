from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("gelesen/", views.notification_mark_read, name="mark_read"),
    path("einstellungen/", views.email_settings, name="settings"),
]
