"""The network directory: a profile for every municipality, experts invited into the network."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kokoma.accounts.models import ProgrammeRole, User
from kokoma.municipalities.models import Municipality
from kokoma.network import services
from kokoma.network.models import Member, MemberKind
from kokoma.network.predicates import is_network_member
from kokoma.taxonomy.models import Term, TermKind

from ..conftest import BAUTZEN, COTTBUS, Persona
from . import factories

pytestmark = pytest.mark.django_db


def test_every_municipality_of_the_programme_has_a_profile() -> None:
    assert Municipality.objects.exclude(network_profile__isnull=False).count() == 0
    assert (
        Member.objects.filter(kind=MemberKind.MUNICIPALITY).count() == Municipality.objects.count()
    )


def test_inviting_an_expert_makes_an_account_a_profile_and_sends_the_link(
    django_capture_on_commit_callbacks: object,
) -> None:
    topic = Term.objects.filter(kind=TermKind.TOPIC).first()
    assert topic is not None
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        member = services.invite_expert(
            by=factories.office(),
            email="Forscherin@Uni.example",
            display_name="Prof. Dr. Test Forscherin",
            organisation="Institut für Konfliktforschung",
            sector="science",
            topics=[topic],
        )
    person = member.person
    assert person is not None
    assert person.email == "forscherin@uni.example"
    assert person.programme_role == ProgrammeRole.EXPERT
    assert not person.has_usable_password()
    assert list(member.topics.all()) == [topic]
    assert is_network_member(person)
    assert [message.to for message in mail.outbox] == [["forscherin@uni.example"]]


def test_an_account_without_a_programme_role_is_taken_in(persona: Persona) -> None:
    plain = User.objects.create_user(email="frei@example.org", password=None, display_name="Frei")
    member = services.invite_expert(
        by=factories.office(), email="frei@example.org", display_name="Frei"
    )
    plain.refresh_from_db()
    assert member.person == plain and plain.programme_role == ProgrammeRole.EXPERT


def test_an_account_with_another_programme_role_is_refused(persona: Persona) -> None:
    with pytest.raises(ValidationError) as refused:
        services.invite_expert(
            by=factories.office(), email=persona("trainer").email, display_name="Doppelt"
        )
    assert "email" in refused.value.message_dict
    assert not Member.objects.filter(person=persona("trainer")).exists()


def test_an_expert_invited_twice_is_refused() -> None:
    services.invite_expert(by=factories.office(), email="zwei@example.org", display_name="Zwei")
    with pytest.raises(ValidationError, match=r"already|bereits"):
        services.invite_expert(by=factories.office(), email="zwei@example.org", display_name="Zwei")


@pytest.mark.parametrize(
    ("name", "member_of"),
    [
        ("office", True),
        ("external", True),
        ("local_a", True),
        ("actor_a", True),
        ("trainee_a", True),
        ("trainer", True),
        ("supervisor", True),
        ("board_a", False),  # a board member alone joins a board, not the network
    ],
)
def test_who_belongs_to_the_network(persona: Persona, name: str, member_of: bool) -> None:
    assert is_network_member(persona(name)) is member_of


def test_a_fresh_account_is_not_in_the_network() -> None:
    fresh = User.objects.create_user(email="neu@example.org", password="x", display_name="Neu")
    assert not is_network_member(fresh)


@pytest.mark.parametrize(
    ("name", "ags", "may"),
    [
        ("local_a", COTTBUS, True),
        ("external", COTTBUS, True),
        ("actor_a", COTTBUS, False),
        ("local_b", COTTBUS, False),
        ("local_b", BAUTZEN, True),
        ("office", BAUTZEN, True),
    ],
)
def test_a_municipality_profile_is_kept_by_its_tandem(
    persona: Persona, name: str, ags: str, may: bool
) -> None:
    member = Member.objects.get(municipality__register__ags=ags)
    assert persona(name).has_perm("network.change_member", member) is may


def test_an_expert_keeps_their_own_profile(persona: Persona) -> None:
    member = services.invite_expert(
        by=factories.office(), email="selbst@example.org", display_name="Selbst"
    )
    assert member.person is not None
    assert member.person.has_perm("network.change_member", member)
    assert not persona("local_a").has_perm("network.change_member", member)
