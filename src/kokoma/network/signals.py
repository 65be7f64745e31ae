"""Every municipality of the programme has its profile in the network directory."""

from __future__ import annotations

from typing import Any

from kokoma.municipalities.models import Municipality

from .models import Member, MemberKind


def give_profile(
    sender: type[Municipality], instance: Municipality, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw"):
        Member.objects.get_or_create(
            municipality=instance, defaults={"kind": MemberKind.MUNICIPALITY}
        )
