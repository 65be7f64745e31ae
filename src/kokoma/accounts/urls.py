from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("kuerzel/", views.handle_edit, name="handle"),
    path("e-mail/", views.email_change, name="email_change"),
    path("e-mail/bestaetigen/<str:key>/", views.email_confirm, name="email_confirm"),
]
