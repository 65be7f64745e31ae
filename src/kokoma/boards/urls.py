from django.urls import path

from . import views

app_name = "boards"
meeting = "<int:board_id>/sitzungen/<int:meeting_id>/"
urlpatterns = [
    path("", views.board_list, name="list"),
    path("neu/", views.board_create, name="create"),
    path("<int:board_id>/", views.board_detail, name="detail"),
    path("<int:board_id>/bearbeiten/", views.board_edit, name="edit"),
    path("<int:board_id>/mitglieder/neu/", views.member_add, name="member_add"),
    path(
        "<int:board_id>/mitglieder/<int:board_member_id>/beenden/",
        views.member_end,
        name="member_end",
    ),
    path("<int:board_id>/sitzungen/neu/", views.meeting_create, name="meeting_create"),
    path(meeting, views.meeting_detail, name="meeting_detail"),
    path(f"{meeting}bearbeiten/", views.meeting_edit, name="meeting_edit"),
    path(f"{meeting}einladen/", views.meeting_invite, name="meeting_invite"),
    path(f"{meeting}absagen/", views.meeting_cancel, name="meeting_cancel"),
    path(f"{meeting}protokoll/", views.minutes_edit, name="minutes_edit"),
    path(f"{meeting}protokoll.pdf", views.minutes_pdf, name="minutes_pdf"),
    path(f"{meeting}protokoll-genehmigen/", views.minutes_approve, name="minutes_approve"),
    path(f"{meeting}anwesenheit/", views.attendance, name="attendance"),
    path(f"{meeting}entschuldigen/", views.apologies, name="apologies"),
    path(f"{meeting}tagesordnung/neu/", views.item_add, name="item_add"),
    path("<int:board_id>/top/<int:item_id>/bearbeiten/", views.item_edit, name="item_edit"),
    path(
        "<int:board_id>/top/<int:item_id>/dokumente/neu/", views.document_add, name="document_add"
    ),
    path(
        "<int:board_id>/top/<int:item_id>/beschluesse/neu/",
        views.resolution_add,
        name="resolution_add",
    ),
    path(
        "<int:board_id>/dokumente/<int:agenda_document_id>/",
        views.document_download,
        name="document_download",
    ),
    path(
        "<int:board_id>/beschluesse/<int:resolution_id>/bearbeiten/",
        views.resolution_edit,
        name="resolution_edit",
    ),
    path(
        "<int:board_id>/beschluesse/<int:resolution_id>/status/",
        views.resolution_status,
        name="resolution_status",
    ),
]
