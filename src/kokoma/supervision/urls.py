from django.urls import path

from . import views

app_name = "supervision"
slot = "termine/<int:slot_id>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("angebote/", views.slot_list, name="slot_list"),
    path("termine/neu/", views.slot_create, name="slot_create"),
    path(slot, views.slot_detail, name="slot_detail"),
    path(f"{slot}bearbeiten/", views.slot_edit, name="slot_edit"),
    path(f"{slot}absagen/", views.slot_cancel, name="slot_cancel"),
    path(f"{slot}buchen/", views.slot_book, name="slot_book"),
    path(f"{slot}stornieren/", views.booking_cancel, name="booking_cancel"),
    path(f"{slot}notizen/neu/", views.note_add, name="note_add"),
    path(f"{slot}notizen/<int:note_id>/bearbeiten/", views.note_edit, name="note_edit"),
    path("pool/", views.pool, name="pool"),
    path("pool/regeln/", views.rules_edit, name="rules_edit"),
]
