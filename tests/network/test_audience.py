"""`network_members` (the query) says of every person what `is_network_member` (the predicate)
says: whom a forum post may notify is who may read it."""

from __future__ import annotations

import pytest

from kokoma.accounts.models import User
from kokoma.network.audience import network_members
from kokoma.network.predicates import is_network_member

from ..forum.factories import outsider

pytestmark = pytest.mark.django_db


def test_the_query_and_the_predicate_agree() -> None:
    outsider()
    inactive = User.objects.get(email="akteur.bautzen@kokoma.example")
    inactive.is_active = False
    inactive.save()
    members = set(network_members().values_list("pk", flat=True))
    everybody = list(User.objects.all())
    assert {user.pk for user in everybody if is_network_member(user)} == members
    assert inactive.pk not in members
    assert User.objects.get(email="gremium.cottbus@kokoma.example").pk not in members
    assert User.objects.get(email="expertin@kokoma.example").pk in members
