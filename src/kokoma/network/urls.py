from django.urls import path

from .views import event, home, member

app_name = "network"
one_event = "veranstaltungen/<int:event_id>/"
urlpatterns = [
    path("", home.home, name="home"),
    path("mitglieder/", member.member_list, name="member_list"),
    path("mitglieder/einladen/", member.expert_invite, name="expert_invite"),
    path("mitglieder/<int:network_member_id>/", member.member_detail, name="member_detail"),
    path("mitglieder/<int:network_member_id>/bearbeiten/", member.member_edit, name="member_edit"),
    path("veranstaltungen/", event.event_list, name="event_list"),
    path("veranstaltungen/neu/", event.event_create, name="event_create"),
    path(one_event, event.event_detail, name="event_detail"),
    path(f"{one_event}bearbeiten/", event.event_edit, name="event_edit"),
    path(f"{one_event}anmelden/", event.event_register, name="event_register"),
    path(f"{one_event}abmelden/", event.event_cancel, name="event_cancel"),
    path(f"{one_event}teilnehmende/", event.event_participants, name="event_participants"),
    path(f"{one_event}dokumentation/", event.event_documentation, name="event_documentation"),
    path(f"{one_event}dokumente/neu/", event.event_document_add, name="event_document_add"),
    path(
        f"{one_event}dokumente/<int:event_document_id>/",
        event.event_document,
        name="event_document",
    ),
    path(
        f"{one_event}dokumente/<int:event_document_id>/loeschen/",
        event.event_document_delete,
        name="event_document_delete",
    ),
]
