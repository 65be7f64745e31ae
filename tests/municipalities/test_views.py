from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pytest
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from kokoma.accounts.models import Membership, MembershipRole, User
from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.municipalities.models import (
    Contact,
    CounsellingStructure,
    Municipality,
    Phase,
)
from tests.conftest import BAUTZEN, COTTBUS, Login, Persona
from tests.german import de
from tests.municipalities.factories import RegisterEntryFactory

if TYPE_CHECKING:
    from tests.conftest import ClientResponse

pytestmark = pytest.mark.django_db

GOERLITZ = "14626110"
ALL_DEMO = [
    "Bautzen / Budyšin, Stadt",
    "Cottbus/Chóśebuz, Stadt",
    "Greifswald, Hansestadt",
    "Hameln, Stadt",
    "Kaiserslautern, Stadt",
]


def text(response: ClientResponse) -> str:
    return html.unescape(response.content.decode())


def listed(client: Client, **query: str | int) -> list[str]:
    response = client.get(reverse("municipalities:list"), query)
    assert response.status_code == 200
    return [municipality.name for municipality in response.context["page"].object_list]


def url(name: str, ags: str = COTTBUS, *args: object) -> str:
    return reverse(f"municipalities:{name}", args=[ags, *args])


def last_audit(obj_type: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(object_type=obj_type).order_by("-id").first()
    assert entry is not None
    return entry


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def bautzen() -> Municipality:
    return Municipality.objects.get(register__ags=BAUTZEN)


# The list of municipalities


def test_the_office_sees_every_participating_municipality(client: Client, login: Login) -> None:
    login("office")
    assert listed(client) == ALL_DEMO


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("local_b", ["Bautzen / Budyšin, Stadt"]),
        ("actor_a", ["Cottbus/Chóśebuz, Stadt"]),
        ("external", ["Bautzen / Budyšin, Stadt", "Cottbus/Chóśebuz, Stadt"]),
        ("supervisor", []),
    ],
)
def test_everybody_else_sees_only_their_own_municipalities(
    client: Client, login: Login, name: str, expected: list[str]
) -> None:
    login(name)
    assert listed(client) == expected


def test_the_list_filters_by_land(client: Client, login: Login) -> None:
    login("office")
    assert listed(client, land="12") == ["Cottbus/Chóśebuz, Stadt"]


def test_the_list_filters_by_phase(client: Client, login: Login) -> None:
    login("office")
    assert listed(client, phase=Phase.ACTIVE) == [
        "Cottbus/Chóśebuz, Stadt",
        "Greifswald, Hansestadt",
    ]


def test_the_filters_combine(client: Client, login: Login) -> None:
    login("office")
    assert listed(client, phase=Phase.ACTIVE, land="13") == ["Greifswald, Hansestadt"]


def test_the_land_filter_keeps_to_the_visitors_scope(client: Client, login: Login) -> None:
    login("local_b")
    assert listed(client, land="12") == []


@pytest.mark.parametrize("query", ["Greifs", "13075"])
def test_the_list_searches_by_name_or_ags_prefix(client: Client, login: Login, query: str) -> None:
    login("office")
    assert listed(client, q=query) == ["Greifswald, Hansestadt"]


def test_the_list_sorts_by_population_largest_first(client: Client, login: Login) -> None:
    login("office")
    assert listed(client, sort="-population") == [
        "Kaiserslautern, Stadt",
        "Cottbus/Chóśebuz, Stadt",
        "Greifswald, Hansestadt",
        "Hameln, Stadt",
        "Bautzen / Budyšin, Stadt",
    ]


def test_an_unknown_filter_value_shows_the_unfiltered_list(client: Client, login: Login) -> None:
    login("office")
    assert listed(client, land="99", sort="nonsense") == ALL_DEMO


def test_the_list_is_paginated(client: Client, login: Login, settings: Settings) -> None:
    settings.KOKOMA_PAGE_SIZE = 2
    login("office")
    assert listed(client) == ALL_DEMO[:2]
    assert listed(client, seite=2) == ALL_DEMO[2:4]
    assert listed(client, seite=3) == ALL_DEMO[4:]


def test_a_page_past_the_end_shows_the_last_page(
    client: Client, login: Login, settings: Settings
) -> None:
    settings.KOKOMA_PAGE_SIZE = 2
    login("office")
    assert listed(client, seite=99) == ALL_DEMO[4:]


def test_page_links_keep_filter_and_sort_order(
    client: Client, login: Login, settings: Settings
) -> None:
    settings.KOKOMA_PAGE_SIZE = 2
    login("office")
    query: dict[str, str | int] = {"sort": "-population", "seite": 2}
    response = client.get(reverse("municipalities:list"), query)
    assert "?sort=-population&seite=3" in text(response)
    assert "?sort=-population&seite=1" in text(response)


def test_the_list_counts_the_matches_in_german(client: Client, login: Login) -> None:
    login("office")
    response = client.get(reverse("municipalities:list"))
    assert response["Content-Language"] == "de"
    assert response.context["page"].paginator.count == 5


def test_the_list_shows_the_tandem(client: Client, login: Login) -> None:
    login("office")
    content = text(client.get(reverse("municipalities:list"), {"land": "12"}))
    assert "Jonas Weidmann" in content
    assert "Svenja Krautmann" in content


def test_the_list_requires_login(client: Client) -> None:
    response = client.get(reverse("municipalities:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Onboarding a municipality


def onboarding_data(**values: str | int | None) -> dict[str, str | int]:
    data: dict[str, str | int | None] = {
        "q": "Görlitz",
        "ags": GOERLITZ,
        "joined_on": "2025-05-01",
        "phase": Phase.INTERESTED,
        "pfd_name": "Partnerschaft für Demokratie Görlitz",
        "external_companion": "",
        "local_companion_name": "",
        "local_companion_email": "",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def test_onboarding_through_the_form_creates_the_municipality(client: Client, login: Login) -> None:
    login("office")
    response = client.post(reverse("municipalities:create"), onboarding_data())
    assert response.status_code == 302
    assert response["Location"] == url("detail", GOERLITZ)
    municipality = Municipality.objects.get(register__ags=GOERLITZ)
    assert municipality.pfd_name == "Partnerschaft für Demokratie Görlitz"


def test_onboarding_with_a_tandem_invites_the_new_local_companion(
    client: Client,
    login: Login,
    persona: Persona,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    login("office")
    data = onboarding_data(
        external_companion=persona("external_other").pk,
        local_companion_name="Gesa Görlitzer",
        local_companion_email="gesa@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("municipalities:create"), data)
    assert response.status_code == 302
    assert Membership.objects.filter(
        municipality__register__ags=GOERLITZ,
        user__email="gesa@example.org",
        role=MembershipRole.LOCAL_COMPANION,
    ).exists()
    assert [mail.to for mail in mailoutbox] == [["gesa@example.org"]]


def test_onboarding_without_a_chosen_municipality_keeps_the_other_input(
    client: Client, login: Login
) -> None:
    login("office")
    response = client.post(reverse("municipalities:create"), onboarding_data(ags=None))
    assert response.status_code == 200
    content = text(response)
    assert de("Please choose a municipality from the register.") in content
    assert 'value="Partnerschaft für Demokratie Görlitz"' in content
    assert 'value="2025-05-01"' in content
    assert not Municipality.objects.filter(register__ags=GOERLITZ).exists()


def test_onboarding_without_a_date_keeps_the_chosen_municipality(
    client: Client, login: Login
) -> None:
    login("office")
    response = client.post(reverse("municipalities:create"), onboarding_data(joined_on=""))
    assert response.status_code == 200
    content = text(response)
    assert de("This field is required.") in content
    assert f'value="{GOERLITZ}" id="ags-{GOERLITZ}" required checked' in content
    assert 'value="Partnerschaft für Demokratie Görlitz"' in content
    assert not Municipality.objects.filter(register__ags=GOERLITZ).exists()


def test_onboarding_a_participating_municipality_is_refused_in_german(
    client: Client, login: Login
) -> None:
    login("office")
    response = client.post(reverse("municipalities:create"), onboarding_data(ags=COTTBUS))
    assert response.status_code == 200
    expected = de("%(name)s already takes part in the programme.") % {
        "name": "Cottbus/Chóśebuz, Stadt"
    }
    assert expected in text(response)


def test_onboarding_asks_for_the_email_of_a_named_local_companion(
    client: Client, login: Login
) -> None:
    login("office")
    response = client.post(
        reverse("municipalities:create"), onboarding_data(local_companion_name="Gesa Görlitzer")
    )
    assert response.status_code == 200
    assert de("Please give the e-mail address as well.") in text(response)
    assert 'value="Gesa Görlitzer"' in text(response)


def test_onboarding_a_new_local_companion_without_name_shows_the_service_error(
    client: Client, login: Login
) -> None:
    login("office")
    response = client.post(
        reverse("municipalities:create"), onboarding_data(local_companion_email="neu@example.org")
    )
    assert response.status_code == 200
    assert de("Please give the name of the new local process companion.") in text(response)
    assert not Municipality.objects.filter(register__ags=GOERLITZ).exists()


def test_only_the_office_may_onboard(client: Client, login: Login) -> None:
    login("external")
    assert client.get(reverse("municipalities:create")).status_code == 403
    assert client.post(reverse("municipalities:create"), onboarding_data()).status_code == 403
    assert not Municipality.objects.filter(register__ags=GOERLITZ).exists()


# Searching the register


def candidates(client: Client, query: str) -> list[str]:
    response = client.get(reverse("municipalities:register_search"), {"q": query})
    assert response.status_code == 200
    return [entry.ags for entry in response.context["candidates"]]


def test_the_register_search_finds_by_name(client: Client, login: Login) -> None:
    login("office")
    assert candidates(client, "görl") == [GOERLITZ]


def test_the_register_search_finds_by_ags_prefix_without_participants(
    client: Client, login: Login
) -> None:
    login("office")
    # 1462… matches Bautzen (14625020) too, but Bautzen already takes part.
    assert candidates(client, "1462") == [GOERLITZ]


def test_the_register_search_excludes_participating_municipalities(
    client: Client, login: Login
) -> None:
    login("office")
    assert candidates(client, "Cottbus") == []


def test_the_register_search_lists_name_prefixes_first_then_larger_municipalities(
    client: Client, login: Login
) -> None:
    RegisterEntryFactory(ags="09900001", name="Altneudorf", population=90000)
    RegisterEntryFactory(ags="09900002", name="Neudorf", population=500)
    RegisterEntryFactory(ags="09900003", name="Großneudorf", population=9000)
    login("office")
    assert candidates(client, "neudorf") == ["09900002", "09900001", "09900003"]


def test_the_register_search_needs_two_characters(client: Client, login: Login) -> None:
    login("office")
    assert candidates(client, "G") == []


def test_the_register_search_renders_a_radio_button_per_candidate(
    client: Client, login: Login
) -> None:
    login("office")
    response = client.get(reverse("municipalities:register_search"), {"q": "stadt"})
    content = text(response)
    assert content.count('type="radio" name="ags"') == len(response.context["candidates"]) == 6


def test_the_register_search_is_for_the_office_only(client: Client, login: Login) -> None:
    login("local_a")
    response = client.get(reverse("municipalities:register_search"), {"q": "Görlitz"})
    assert response.status_code == 403


# The municipality page


def test_the_tandem_finds_the_links_to_edit_the_profile(client: Client, login: Login) -> None:
    login("local_a")
    content = text(client.get(url("detail")))
    assert url("edit") in content
    assert url("contact_add") in content
    assert url("structure_add") in content


def test_the_register_data_name_the_county_landkreis(client: Client, login: Login) -> None:
    login("actor_a")
    assert "<dt>Landkreis</dt><dd>Cottbus, Stadt</dd>" in text(client.get(url("detail")))


def test_an_actor_finds_no_links_to_edit(client: Client, login: Login) -> None:
    login("actor_a")
    content = text(client.get(url("detail")))
    assert url("edit") not in content
    assert url("contact_add") not in content


def test_the_office_sees_how_many_log_entries_exist_but_not_their_content(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("office")
    response = client.get(url("detail"))
    assert response.context["work_log_count"] == cottbus.work_log.count()
    assert "Auftaktgespräch" not in text(response)


def test_the_tandem_sees_the_latest_log_entries_on_the_page(client: Client, login: Login) -> None:
    login("local_a")
    assert "Vorbereitung Workshop Handlungskonzept" in text(client.get(url("detail")))


# Records of a municipality: every write through the views is audited


def test_editing_the_profile_is_audited_with_the_diff(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    user = login("local_a")
    response = client.post(
        url("edit"),
        {"pfd_name": cottbus.pfd_name, "pfd_coordination": "Stadtjugendring", "description": ""},
    )
    assert response.status_code == 302
    entry = last_audit("municipalities.Municipality")
    assert (entry.action, entry.actor) == (AuditAction.UPDATE, user)
    assert entry.changes["pfd_coordination"][1] == "Stadtjugendring"
    assert entry.changes["description"][1] == ""
    assert set(entry.changes) == {"pfd_coordination", "description"}


CONTACT = {
    "name": "Petra Pflaume",
    "function": "Leitung",
    "organisation": "Jugendamt",
    "email": "petra@example.org",
    "phone": "",
}


def test_a_contact_is_added_edited_and_deleted_with_audit_entries(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    user = login("local_a")
    assert client.post(url("contact_add"), CONTACT).status_code == 302
    contact = cottbus.contacts.get(name="Petra Pflaume")
    entry = last_audit("municipalities.Contact")
    assert (entry.action, entry.actor, entry.object_id) == (
        AuditAction.CREATE,
        user,
        str(contact.pk),
    )

    assert client.post(url("contact_edit", COTTBUS, contact.pk), {**CONTACT, "phone": "0355 42"})
    assert last_audit("municipalities.Contact").changes == {"phone": ["", "0355 42"]}

    assert client.post(url("contact_delete", COTTBUS, contact.pk)).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert last_audit("municipalities.Contact").action == AuditAction.DELETE


STRUCTURE = {
    "name": "Schiedsstelle",
    "kind": CounsellingStructure.Kind.MEDIATION,
    "description": "",
    "contact": "",
}


def test_a_structure_is_added_edited_and_deleted_with_audit_entries(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("external")
    assert client.post(url("structure_add"), STRUCTURE).status_code == 302
    structure = cottbus.counselling_structures.get(name="Schiedsstelle")
    assert last_audit("municipalities.CounsellingStructure").action == AuditAction.CREATE

    edit = url("structure_edit", COTTBUS, structure.pk)
    assert client.post(edit, {**STRUCTURE, "kind": "network"}).status_code == 302
    assert last_audit("municipalities.CounsellingStructure").changes == {
        "kind": ["mediation", "network"]
    }

    assert client.post(url("structure_delete", COTTBUS, structure.pk)).status_code == 302
    assert not CounsellingStructure.objects.filter(pk=structure.pk).exists()
    assert last_audit("municipalities.CounsellingStructure").action == AuditAction.DELETE


def test_a_bad_record_is_not_saved_and_shows_the_error(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("local_a")
    response = client.post(url("contact_add"), {**CONTACT, "email": "keine-adresse"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert 'value="Petra Pflaume"' in text(response)
    assert not cottbus.contacts.filter(name="Petra Pflaume").exists()


def test_deleting_needs_a_post(client: Client, login: Login, cottbus: Municipality) -> None:
    login("local_a")
    contact = cottbus.contacts.first()
    assert contact is not None
    assert client.get(url("contact_delete", COTTBUS, contact.pk)).status_code == 405
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_a_contact_of_bautzen_cannot_be_edited_through_a_cottbus_url(
    client: Client, login: Login, bautzen: Municipality
) -> None:
    login("external")  # companion in both towns: only the URL is wrong
    contact = bautzen.contacts.first()
    assert contact is not None
    assert client.get(url("contact_edit", COTTBUS, contact.pk)).status_code == 404
    assert client.post(url("contact_delete", COTTBUS, contact.pk)).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


# The tandem's work log

ENTRY = {
    "date": "2025-03-10",
    "participants": "Tandem, Jugendamt",
    "topic": "Gespräch Jugendamt",
    "notes": "",
    "next_steps": "Protokoll verschicken",
    "next_steps_due": "2025-03-20",
}


def test_a_work_log_entry_is_added_and_edited_with_audit_entries(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    user = login("local_a")
    assert client.post(url("work_log_add"), ENTRY).status_code == 302
    entry = cottbus.work_log.get(topic="Gespräch Jugendamt")
    assert entry.author == user
    assert last_audit("municipalities.WorkLogEntry").action == AuditAction.CREATE

    login("external")
    response = client.post(
        url("work_log_edit", COTTBUS, entry.pk), {**ENTRY, "next_steps_done": "on"}
    )
    assert response.status_code == 302
    audit = last_audit("municipalities.WorkLogEntry")
    assert audit.action == AuditAction.UPDATE
    assert audit.changes == {"next_steps_done": [False, True]}
    entry.refresh_from_db()
    assert entry.author == user


def test_the_due_date_may_not_lie_before_the_meeting(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("local_a")
    response = client.post(url("work_log_add"), {**ENTRY, "next_steps_due": "2025-03-09"})
    assert response.status_code == 200
    assert de("The due date cannot lie before the meeting.") in text(response)
    assert 'value="Gespräch Jugendamt"' in text(response)
    assert not cottbus.work_log.filter(topic="Gespräch Jugendamt").exists()


def test_a_due_date_needs_next_steps(client: Client, login: Login) -> None:
    login("local_a")
    response = client.post(url("work_log_add"), {**ENTRY, "next_steps": ""})
    assert response.status_code == 200
    assert de("Please describe the next steps that are due.") in text(response)


def test_a_log_entry_of_bautzen_cannot_be_edited_through_a_cottbus_url(
    client: Client, login: Login, bautzen: Municipality
) -> None:
    login("external")
    entry = bautzen.work_log.first()
    assert entry is not None
    response = client.post(url("work_log_edit", COTTBUS, entry.pk), {**ENTRY})
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.topic != ENTRY["topic"]


def test_the_work_log_is_paginated(
    client: Client, login: Login, settings: Settings, cottbus: Municipality
) -> None:
    settings.KOKOMA_PAGE_SIZE = 2
    login("local_a")
    response = client.get(url("work_log"), {"seite": 2})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(2, cottbus.work_log.count() - 2)


# Phase, tandem and members through the views


def test_a_phase_change_before_the_current_phase_shows_the_error(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("office")
    response = client.post(
        url("phase_change"), {"to_phase": Phase.TRANSFER, "effective_on": "2024-01-01"}
    )
    assert response.status_code == 200
    expected = de("The date lies before the start of the current phase (%(date)s).") % {
        "date": "01.09.2024"
    }
    assert expected in text(response)
    cottbus.refresh_from_db()
    assert cottbus.phase == Phase.ACTIVE


def test_the_phase_is_changed_through_the_form(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("office")
    response = client.post(
        url("phase_change"),
        {"to_phase": Phase.TRANSFER, "effective_on": "2025-06-01", "note": "Bericht liegt vor"},
    )
    assert response.status_code == 302
    change = cottbus.phase_changes.first()
    assert change is not None
    assert (change.to_phase, change.note) == (Phase.TRANSFER, "Bericht liegt vor")


def test_the_tandem_form_refuses_programme_staff_as_local_companion(
    client: Client, login: Login, persona: Persona
) -> None:
    login("office")
    response = client.post(
        url("tandem"),
        {
            "external_companion": persona("external").pk,
            "local_companion_email": persona("supervisor").email,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_member_is_added_through_the_form(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    login("local_a")
    response = client.post(
        url("member_add"),
        {"display_name": "Bea Beirat", "email": "bea@example.org", "role": "board_member"},
    )
    assert response.status_code == 302
    assert cottbus.memberships.filter(user__email="bea@example.org").exists()
    assert User.objects.get(email="bea@example.org").display_name == "Bea Beirat"


def test_a_companion_cannot_be_removed_on_the_members_page(
    client: Client, login: Login, cottbus: Municipality, persona: Persona
) -> None:
    login("office")
    membership = cottbus.memberships.get(user=persona("local_a"))
    response = client.post(url("member_remove", COTTBUS, membership.pk), follow=True)
    assert response.status_code == 200
    assert de("Process companions are changed on the tandem page.") in text(response)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_member_of_bautzen_cannot_be_removed_through_a_cottbus_url(
    client: Client, login: Login, persona: Persona
) -> None:
    login("external")
    membership = Membership.objects.get(user=persona("actor_b"))
    assert client.post(url("member_remove", COTTBUS, membership.pk)).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_today_is_a_valid_meeting_date(client: Client, login: Login, cottbus: Municipality) -> None:
    login("local_a")
    today = timezone.localdate().isoformat()
    response = client.post(url("work_log_add"), {**ENTRY, "date": today, "next_steps_due": ""})
    assert response.status_code == 302
