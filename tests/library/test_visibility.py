"""Who sees which item of the library: `Resource.objects.visible_to` decides, and the pages, the
files and the search ask it alone.

    public     everybody, also an anonymous visitor
    network    the network's members (not a board member alone, not an account no municipality
               has taken in)
    programme  the programme's staff: office, process companions (external and local), trainers,
               supervisors, experts — not municipal actors, training participants, board members
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kokoma.library import services
from kokoma.library.models import Resource, ResourceKind, Visibility
from tests.conftest import Persona, demo_user

from ..forum.factories import outsider

pytestmark = pytest.mark.django_db

Y, N = True, False
PERSONAS = ["anonymous", "office", "external", "supervisor", "trainer", "expert", "local_a",
            "actor_a", "board_a", "trainee_a", "outsider"]  # fmt: skip
TABLE: dict[str, tuple[bool, ...]] = {
    #                        ano off ext sup trn exp loc act brd tra out
    Visibility.PUBLIC:       (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    Visibility.NETWORK:      (N, Y, Y, Y, Y, Y, Y, Y, N, Y, N),
    Visibility.PROGRAMME:    (N, Y, Y, Y, Y, Y, Y, N, N, N, N),
}  # fmt: skip


def _people(persona: Persona) -> dict[str, object]:
    people: dict[str, object] = {"anonymous": AnonymousUser(), "outsider": outsider()}
    people["expert"] = demo_user("expertin")
    for name in PERSONAS:
        if name not in people:
            people[name] = persona(name)
    return people


def _item(visibility: str) -> Resource:
    return services.add_resource(
        by=demo_user("servicestelle"),
        title=f"Sichtbarkeit {visibility}",
        kind=ResourceKind.HANDOUT,
        link="https://example.org/handout",
        visibility=visibility,
    )


@pytest.mark.parametrize("visibility", list(TABLE))
def test_who_sees_an_item(persona: Persona, visibility: str) -> None:
    item = _item(visibility)
    people = _people(persona)
    got = tuple(
        Resource.objects.visible_to(people[name]).filter(pk=item.pk).exists()  # type: ignore[arg-type]
        for name in PERSONAS
    )
    assert got == TABLE[visibility], dict(zip(PERSONAS, got, strict=True))


@pytest.mark.parametrize("visibility", list(TABLE))
def test_the_page_and_the_file_answer_as_visible_to_says(persona: Persona, visibility: str) -> None:
    item = services.add_resource(
        by=demo_user("servicestelle"),
        title="Datei",
        kind=ResourceKind.TEMPLATE,
        upload=SimpleUploadedFile("vorlage.txt", b"Vorlage", content_type="text/plain"),
        visibility=visibility,
    )
    detail = reverse("library:detail", kwargs={"resource_id": item.pk})
    download = reverse("library:download", kwargs={"resource_id": item.pk})
    for index, (name, user) in enumerate(_people(persona).items()):
        client = Client()
        if name != "anonymous":
            client.force_login(user)  # type: ignore[arg-type]
        expected = TABLE[visibility][PERSONAS.index(name)]
        page = client.get(detail)
        file = client.get(download)
        assert page.status_code == (200 if expected else 404), (name, index)
        assert file.status_code == (200 if expected else 404), name
        if expected:
            assert b"".join(file.streaming_content) == b"Vorlage"  # type: ignore[attr-defined]
            assert file["Content-Disposition"].startswith("attachment")


def test_the_public_list_is_open_without_login(client: Client) -> None:
    response = client.get(reverse("library:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leitfaden: Einen Runden Tisch" in page  # the demo's public item
    assert "Vorlage: Einladung zu einem Bürgerdialog" not in page  # the network's
    assert "Auswertungsbogen" not in page  # the staff's
    assert reverse("library:add") not in page


def test_a_board_member_alone_sees_the_public_items_only(client: Client, persona: Persona) -> None:
    client.force_login(persona("board_a"))
    listed = {row.title for row in client.get(reverse("library:list")).context["page"]}
    assert listed == set(
        Resource.objects.filter(visibility=Visibility.PUBLIC).values_list("title", flat=True)
    )
    assert client.get(reverse("library:add")).status_code == 403
