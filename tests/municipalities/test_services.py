import datetime
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db.models import Model, QuerySet
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.accounts.models import Membership, MembershipRole, User
from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.municipalities import services
from kokoma.municipalities.models import (
    Contact,
    Municipality,
    Phase,
    PhaseChange,
    RegisterEntry,
    WorkLogEntry,
)
from tests.accounts.factories import PoolCompanionFactory
from tests.conftest import BAUTZEN, COTTBUS, Persona

pytestmark = pytest.mark.django_db

GOERLITZ = "14626110"
JOINED = datetime.date(2025, 5, 1)


@pytest.fixture
def office(persona: Persona) -> User:
    return persona("office")


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def bautzen() -> Municipality:
    return Municipality.objects.get(register__ags=BAUTZEN)


def onboard(by: User, ags: str = GOERLITZ, **kwargs: Any) -> Municipality:
    return services.onboard_municipality(
        by=by, register=RegisterEntry.objects.get(ags=ags), joined_on=JOINED, **kwargs
    )


def audit_of(obj: Model) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk))


def tandem_of(municipality: Municipality) -> dict[str, User]:
    return {
        membership.role: membership.user
        for membership in Membership.objects.filter(municipality=municipality).companions()
    }


# onboard_municipality


def test_onboarding_creates_the_municipality_in_its_first_phase(office: User) -> None:
    municipality = onboard(office, phase=Phase.KICKOFF, pfd_name="PfD Görlitz")
    assert municipality.name == "Görlitz, Stadt"
    assert municipality.phase == Phase.KICKOFF
    assert municipality.phase_since == JOINED
    assert municipality.joined_on == JOINED
    assert municipality.pfd_name == "PfD Görlitz"


def test_onboarding_records_the_first_phase_change(office: User) -> None:
    municipality = onboard(office)
    change = municipality.phase_changes.get()
    assert (change.from_phase, change.to_phase) == ("", Phase.INTERESTED)
    assert change.changed_on == JOINED
    assert change.changed_by == office


def test_onboarding_writes_an_audit_entry(office: User) -> None:
    municipality = onboard(office)
    entry = audit_of(municipality).get()
    assert entry.action == AuditAction.CREATE
    assert entry.actor == office
    assert entry.municipality == municipality


def test_onboarding_sets_up_the_tandem(office: User, persona: Persona) -> None:
    municipality = onboard(
        office,
        external_companion=persona("external_other"),
        local_companion_email=persona("local_a").email,
    )
    assert tandem_of(municipality) == {
        MembershipRole.EXTERNAL_COMPANION: persona("external_other"),
        MembershipRole.LOCAL_COMPANION: persona("local_a"),
    }
    assert (
        AuditEntry.objects.filter(
            municipality=municipality, object_type="accounts.Membership", action=AuditAction.CREATE
        ).count()
        == 2
    )


def test_onboarding_without_a_tandem_leaves_it_empty(office: User) -> None:
    municipality = onboard(office)
    assert tandem_of(municipality) == {}


def test_onboarding_refuses_a_municipality_that_already_takes_part(office: User) -> None:
    with pytest.raises(ValidationError):
        onboard(office, ags=COTTBUS)
    assert Municipality.objects.filter(register__ags=COTTBUS).count() == 1


def test_onboarding_with_a_new_local_companion_creates_an_account_without_password(
    office: User,
) -> None:
    onboard(
        office, local_companion_email="Neu.Goerlitz@Example.org", local_companion_name="Nele Neu"
    )
    user = User.objects.get(email="neu.goerlitz@example.org")
    assert user.display_name == "Nele Neu"
    assert not user.has_usable_password()
    assert audit_of(user).get().action == AuditAction.CREATE


def test_onboarding_with_a_new_local_companion_sends_one_invitation(
    office: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        onboard(office, local_companion_email="neu@example.org", local_companion_name="Nele Neu")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["neu@example.org"]
    assert mailoutbox[0].subject.startswith("[KoKoMa] ")


def test_the_new_local_companion_sets_a_password_through_the_invitation_and_logs_in(
    office: User,
    client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        onboard(office, local_companion_email="neu@example.org", local_companion_name="Nele Neu")
    (link,) = re.findall(r"https?://\S+", str(mailoutbox[0].body))
    response = client.get(urlsplit(link).path)
    assert response.status_code == 302
    password = "Neisse-Ufer-2025"
    response = client.post(response["Location"], {"password1": password, "password2": password})
    assert response.status_code == 302
    assert client.login(email="neu@example.org", password=password)
    response = client.get(reverse("start:home"))
    assert [str(item["municipality"]) for item in response.context["my_municipalities"]] == [
        "Görlitz, Stadt"
    ]


def test_onboarding_a_new_local_companion_without_a_name_is_refused_and_rolled_back(
    office: User,
) -> None:
    with pytest.raises(ValidationError):
        onboard(office, local_companion_email="neu@example.org")
    assert not Municipality.objects.filter(register__ags=GOERLITZ).exists()
    assert not User.objects.filter(email="neu@example.org").exists()


# change_phase


def test_changing_the_phase_records_from_to_by_and_date(
    cottbus: Municipality, office: User
) -> None:
    change = services.change_phase(
        cottbus, by=office, to_phase=Phase.TRANSFER, effective_on=datetime.date(2025, 1, 1)
    )
    change.refresh_from_db()
    assert (change.from_phase, change.to_phase) == (Phase.ACTIVE, Phase.TRANSFER)
    assert change.changed_by == office
    assert change.changed_on == datetime.date(2025, 1, 1)
    assert change.changed_at is not None


def test_changing_the_phase_updates_the_municipality(cottbus: Municipality, office: User) -> None:
    services.change_phase(
        cottbus, by=office, to_phase=Phase.TRANSFER, effective_on=datetime.date(2025, 1, 1)
    )
    cottbus.refresh_from_db()
    assert cottbus.phase == Phase.TRANSFER
    assert cottbus.phase_since == datetime.date(2025, 1, 1)


def test_changing_the_phase_is_audited_with_old_and_new_phase(
    cottbus: Municipality, office: User
) -> None:
    services.change_phase(
        cottbus, by=office, to_phase=Phase.TRANSFER, effective_on=datetime.date(2025, 1, 1)
    )
    entry = audit_of(cottbus).first()
    assert entry is not None
    assert entry.action == AuditAction.UPDATE
    assert entry.changes == {"phase": ["active", "transfer"]}


def test_changing_to_the_same_phase_is_refused_and_changes_nothing(
    cottbus: Municipality, office: User
) -> None:
    history = list(cottbus.phase_changes.values_list("pk", flat=True))
    with pytest.raises(ValidationError):
        services.change_phase(
            cottbus, by=office, to_phase=Phase.ACTIVE, effective_on=datetime.date(2025, 1, 1)
        )
    cottbus.refresh_from_db()
    assert cottbus.phase == Phase.ACTIVE
    assert list(cottbus.phase_changes.values_list("pk", flat=True)) == history


def test_a_date_before_the_start_of_the_current_phase_is_refused_and_changes_nothing(
    cottbus: Municipality, office: User
) -> None:
    audit_count = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=r"01\.09\.2024"):
        services.change_phase(
            cottbus, by=office, to_phase=Phase.TRANSFER, effective_on=datetime.date(2024, 8, 31)
        )
    cottbus.refresh_from_db()
    assert (cottbus.phase, cottbus.phase_since) == (Phase.ACTIVE, datetime.date(2024, 9, 1))
    assert PhaseChange.objects.filter(municipality=cottbus, to_phase=Phase.TRANSFER).count() == 0
    assert AuditEntry.objects.count() == audit_count


def test_the_phase_may_change_on_the_day_the_current_phase_started(
    cottbus: Municipality, office: User
) -> None:
    services.change_phase(
        cottbus, by=office, to_phase=Phase.TRANSFER, effective_on=datetime.date(2024, 9, 1)
    )
    assert cottbus.phase == Phase.TRANSFER


# assign_tandem


def test_assigning_a_tandem_replaces_both_companions(
    cottbus: Municipality, office: User, persona: Persona
) -> None:
    services.assign_tandem(
        cottbus,
        by=office,
        external_companion=persona("external_other"),
        local_companion_email=persona("local_b").email,
    )
    assert tandem_of(cottbus) == {
        MembershipRole.EXTERNAL_COMPANION: persona("external_other"),
        MembershipRole.LOCAL_COMPANION: persona("local_b"),
    }


def test_replacing_a_companion_audits_the_removal_and_the_new_membership(
    cottbus: Municipality, office: User, persona: Persona
) -> None:
    last = AuditEntry.objects.latest("id").id
    services.assign_tandem(
        cottbus,
        by=office,
        external_companion=persona("external_other"),
        local_companion_email=persona("local_a").email,
    )
    entries = AuditEntry.objects.filter(id__gt=last, object_type="accounts.Membership")
    assert sorted(entries.values_list("action", flat=True)) == ["create", "delete"]


def test_assigning_the_same_tandem_again_changes_and_audits_nothing(
    cottbus: Municipality, office: User, persona: Persona
) -> None:
    before = AuditEntry.objects.count()
    services.assign_tandem(
        cottbus,
        by=office,
        external_companion=persona("external"),
        local_companion_email=persona("local_a").email.upper(),
    )
    assert AuditEntry.objects.count() == before
    assert tandem_of(cottbus)[MembershipRole.LOCAL_COMPANION] == persona("local_a")


def test_the_external_companion_must_come_from_the_pool(
    cottbus: Municipality, office: User, persona: Persona
) -> None:
    with pytest.raises(ValidationError):
        services.assign_tandem(
            cottbus,
            by=office,
            external_companion=persona("actor_a"),
            local_companion_email=persona("local_a").email,
        )
    assert tandem_of(cottbus)[MembershipRole.EXTERNAL_COMPANION] == persona("external")


@pytest.mark.parametrize("staff", ["office", "external_other", "supervisor"])
def test_programme_staff_cannot_be_the_local_companion(
    cottbus: Municipality, office: User, persona: Persona, staff: str
) -> None:
    with pytest.raises(ValidationError):
        services.assign_tandem(
            cottbus,
            by=office,
            external_companion=persona("external"),
            local_companion_email=persona(staff).email,
        )
    assert tandem_of(cottbus)[MembershipRole.LOCAL_COMPANION] == persona("local_a")


def test_a_new_pool_member_can_be_assigned(cottbus: Municipality, office: User) -> None:
    newcomer = PoolCompanionFactory.create()
    services.assign_tandem(
        cottbus, by=office, external_companion=newcomer, local_companion_email=""
    )
    assert tandem_of(cottbus) == {MembershipRole.EXTERNAL_COMPANION: newcomer}


# add_member / remove_member


def test_adding_a_member_invites_a_new_person(cottbus: Municipality, persona: Persona) -> None:
    membership = services.add_member(
        cottbus,
        by=persona("local_a"),
        email="neu.akteur@example.org",
        display_name="Nils Neu",
        role=MembershipRole.ACTOR,
        function="Schulamt",
    )
    assert membership.user.email == "neu.akteur@example.org"
    assert membership.function == "Schulamt"
    assert audit_of(membership).get().actor == persona("local_a")


def test_adding_an_existing_person_reuses_the_account(
    cottbus: Municipality, persona: Persona
) -> None:
    membership = services.add_member(
        cottbus,
        by=persona("local_a"),
        email=persona("actor_b").email.upper(),
        display_name="ignored",
        role=MembershipRole.BOARD_MEMBER,
    )
    assert membership.user == persona("actor_b")


def test_adding_the_same_role_twice_is_refused(cottbus: Municipality, persona: Persona) -> None:
    with pytest.raises(ValidationError):
        services.add_member(
            cottbus,
            by=persona("local_a"),
            email=persona("actor_a").email,
            display_name="",
            role=MembershipRole.ACTOR,
        )


@pytest.mark.parametrize(
    "role", [MembershipRole.LOCAL_COMPANION, MembershipRole.EXTERNAL_COMPANION]
)
def test_companions_cannot_be_added_as_members(
    cottbus: Municipality, persona: Persona, role: MembershipRole
) -> None:
    with pytest.raises(ValidationError):
        services.add_member(
            cottbus, by=persona("office"), email="x@example.org", display_name="X", role=role
        )
    assert not User.objects.filter(email="x@example.org").exists()


def test_removing_a_member_deletes_the_membership_and_audits_it(
    cottbus: Municipality, persona: Persona
) -> None:
    membership = Membership.objects.get(municipality=cottbus, user=persona("actor_a"))
    pk = membership.pk
    services.remove_member(membership, by=persona("local_a"))
    assert not Membership.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(
        object_type="accounts.Membership", object_id=str(pk), action=AuditAction.DELETE
    )
    assert entry.municipality == cottbus


def test_changing_a_members_function_audits_the_diff_and_keeps_the_role(
    cottbus: Municipality, persona: Persona
) -> None:
    membership = Membership.objects.get(municipality=cottbus, user=persona("local_a"))
    old = membership.function
    membership.role = MembershipRole.ACTOR  # in memory only: the role is not the verb's to change
    services.change_member(membership, by=persona("office"), function="Stabsstelle Integration")
    membership.refresh_from_db()
    assert (membership.role, membership.function) == (
        MembershipRole.LOCAL_COMPANION,
        "Stabsstelle Integration",
    )
    entry = audit_of(membership).first()
    assert entry is not None
    assert (entry.action, entry.municipality, entry.changes) == (
        AuditAction.UPDATE,
        cottbus,
        {"function": [old, "Stabsstelle Integration"]},
    )


@pytest.mark.parametrize("name", ["local_a", "external"])
def test_companions_cannot_be_removed_as_members(
    cottbus: Municipality, persona: Persona, name: str
) -> None:
    membership = Membership.objects.get(municipality=cottbus, user=persona(name))
    with pytest.raises(ValidationError):
        services.remove_member(membership, by=persona("office"))
    assert Membership.objects.filter(pk=membership.pk).exists()


# Profile, contacts, counselling structures and the work log


def test_adding_a_record_audits_a_creation_without_diff(
    cottbus: Municipality, persona: Persona
) -> None:
    contact = services.add_contact(
        cottbus, by=persona("local_a"), name="Ina Iltis", function="Ordnungsamt"
    )
    entry = audit_of(contact).get()
    assert (entry.action, entry.changes, entry.municipality) == (
        AuditAction.CREATE,
        {},
        cottbus,
    )


def test_changing_a_record_audits_the_diff(cottbus: Municipality, persona: Persona) -> None:
    contact = cottbus.contacts.first()
    assert contact is not None
    old_function, old_phone = contact.function, contact.phone
    services.change_contact(contact, by=persona("local_a"), function="Leitung", phone="0355 1")
    entry = audit_of(contact).get(action=AuditAction.UPDATE)  # besides the demo's CREATE
    assert entry.changes == {
        "function": [old_function, "Leitung"],
        "phone": [old_phone, "0355 1"],
    }


def test_changing_a_record_writes_only_the_given_fields(
    cottbus: Municipality, persona: Persona
) -> None:
    contact = cottbus.contacts.first()
    assert contact is not None
    old_name = contact.name
    contact.name = "nur im Speicher"
    services.change_contact(contact, by=persona("local_a"), phone="0355 2")
    contact.refresh_from_db()
    assert (contact.name, contact.phone) == (old_name, "0355 2")


def test_a_record_that_breaks_the_model_rules_is_refused(
    cottbus: Municipality, persona: Persona
) -> None:
    with pytest.raises(ValidationError):
        services.add_counselling_structure(
            cottbus, by=persona("local_a"), name="Beratung", kind="nonsense"
        )
    assert not cottbus.counselling_structures.filter(name="Beratung").exists()


def test_changing_the_profile_audits_the_changed_fields_only(
    cottbus: Municipality, persona: Persona
) -> None:
    old = cottbus.description
    services.change_profile(cottbus, by=persona("local_a"), description="Neue Beschreibung")
    entry = audit_of(cottbus).first()
    assert entry is not None
    assert entry.changes == {"description": [old, "Neue Beschreibung"]}


def test_deleting_a_record_audits_it_before_it_is_gone(
    cottbus: Municipality, persona: Persona
) -> None:
    contact = cottbus.contacts.first()
    assert contact is not None
    pk, label = contact.pk, str(contact)
    services.delete_contact(contact, by=persona("local_a"))
    assert not Contact.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(
        object_type="municipalities.Contact", object_id=str(pk), action=AuditAction.DELETE
    )
    assert entry.object_repr == label
    assert entry.municipality == cottbus


def add_entry(cottbus: Municipality, by: User) -> WorkLogEntry:
    return services.add_work_log_entry(
        cottbus, by=by, date=datetime.date(2025, 1, 1), participants="Tandem", topic="Treffen"
    )


def test_a_new_work_log_entry_is_written_by_the_acting_user(
    cottbus: Municipality, persona: Persona
) -> None:
    entry = add_entry(cottbus, persona("local_a"))
    assert entry.author == persona("local_a")


def test_editing_a_work_log_entry_keeps_its_author(cottbus: Municipality, persona: Persona) -> None:
    entry = add_entry(cottbus, persona("local_a"))
    services.change_work_log_entry(entry, by=persona("external"), topic="Treffen (verschoben)")
    entry.refresh_from_db()
    assert entry.author == persona("local_a")
    line = audit_of(entry).first()
    assert line is not None
    assert line.changes == {"topic": ["Treffen", "Treffen (verschoben)"]}


def test_an_entry_whose_author_is_gone_can_still_be_edited(
    cottbus: Municipality, persona: Persona
) -> None:
    entry = add_entry(cottbus, persona("local_a"))
    WorkLogEntry.objects.filter(pk=entry.pk).update(author=None)
    services.change_work_log_entry(entry, by=persona("external"), topic="Treffen (verschoben)")
    entry.refresh_from_db()
    assert (entry.author, entry.topic) == (None, "Treffen (verschoben)")
