"""The library's services: adding an item as a file or an https link, tagging it, choosing who
sees it, changing and deleting it (authors their own, the office everything), and the bad input
they refuse in German."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from kokoma.audit.models import AuditEntry
from kokoma.library import services
from kokoma.library.models import Resource, ResourceKind, Visibility
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import Persona

pytestmark = pytest.mark.django_db

ZIP = b"PK\x03\x04" + b"\x00" * 40


def upload(name: str = "handout.txt", content: bytes = b"Inhalt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_an_item_with_a_file_and_topics(persona: Persona) -> None:
    topic = Term.objects.filter(kind=TermKind.TOPIC).first()
    assert topic is not None
    item = services.add_resource(
        by=persona("actor_a"),
        title="  Handout  ",
        kind=ResourceKind.HANDOUT,
        description="**Wichtig**",
        upload=upload(),
        topics=[topic],
    )
    assert item.title == "Handout" and item.is_file and item.content_type == "text/plain"
    assert item.size == 6 and item.link == ""
    assert "handout" not in item.file.name  # stored under our own name
    assert list(item.topics.all()) == [topic]
    assert item.visibility == Visibility.NETWORK
    assert AuditEntry.objects.filter(
        object_type="library.Resource", object_id=str(item.pk)
    ).exists()


@pytest.mark.parametrize("name", ["tabelle.xlsx", "folien.pptx", "text.docx", "text.odt"])
def test_office_formats_are_accepted(persona: Persona, name: str) -> None:
    item = services.add_resource(
        by=persona("actor_a"), title=name, kind=ResourceKind.TEMPLATE, upload=upload(name, ZIP)
    )
    assert item.is_file


def test_an_item_as_an_https_link(persona: Persona) -> None:
    item = services.add_resource(
        by=persona("actor_a"), title="Link", link="https://example.org/methode"
    )
    assert not item.is_file and item.link == "https://example.org/methode"


@pytest.mark.parametrize("link", ["http://example.org/x", "javascript:alert(1)", "ftp://x.org/"])
def test_only_https_links(persona: Persona, link: str) -> None:
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.add_resource(by=persona("actor_a"), title="Link", link=link)
    assert "https://" in refused.value.message_dict["link"][0]


def test_a_file_or_a_link_not_both_not_neither(persona: Persona) -> None:
    with pytest.raises(ValidationError):
        services.add_resource(
            by=persona("actor_a"), title="Beides", upload=upload(), link="https://e.org"
        )
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.add_resource(by=persona("actor_a"), title="Nichts")
    assert "Datei hoch" in refused.value.messages[0]


@override_settings(KOKOMA_MAX_UPLOAD_MB=1)
def test_an_oversized_upload_is_refused_in_german(persona: Persona) -> None:
    big = upload("gross.txt", b"a" * (1024 * 1024 + 1))
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.add_resource(by=persona("actor_a"), title="Groß", upload=big)
    assert refused.value.message_dict["upload"] == ["Die Datei ist größer als 1 MB."]
    assert not Resource.objects.filter(title="Groß").exists()


def test_a_wrong_type_is_refused_naming_the_allowed_ones(persona: Persona) -> None:
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.add_resource(by=persona("actor_a"), title="Exe", upload=upload("x.exe", b"MZ"))
    message = refused.value.message_dict["upload"][0]
    assert "XLSX" in message and "PPTX" in message and "PDF" in message


def test_only_network_members_add(persona: Persona) -> None:
    with pytest.raises(ValidationError):
        services.add_resource(by=persona("board_a"), title="Nein", link="https://example.org")


def test_only_staff_keep_an_item_to_the_staff(persona: Persona) -> None:
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.add_resource(
            by=persona("actor_a"),
            title="Intern",
            link="https://example.org",
            visibility=Visibility.PROGRAMME,
        )
    assert "visibility" in refused.value.message_dict
    item = services.add_resource(
        by=persona("local_a"),
        title="Intern",
        link="https://example.org",
        visibility=Visibility.PROGRAMME,
    )
    assert item.visibility == Visibility.PROGRAMME


def test_authors_change_their_own_and_the_office_everything(persona: Persona) -> None:
    author = persona("actor_a")
    item = services.add_resource(by=author, title="Alt", upload=upload())
    old_name = item.file.name
    changed = services.change_resource(
        item, by=author, title="Neu", kind=ResourceKind.METHOD, link="https://example.org/neu"
    )
    assert changed.title == "Neu" and changed.link and not changed.file
    with pytest.raises(ValidationError):
        services.change_resource(
            item, by=persona("actor_b"), title="Fremd", kind="other", link="https://e.org"
        )
    by_office = services.change_resource(
        item, by=persona("office"), title="Vom Büro", kind="other", upload=upload("neu.txt")
    )
    assert by_office.is_file and by_office.link == "" and by_office.file.name != old_name
    # a change that gives neither keeps the stored file
    kept = services.change_resource(item, by=author, title="Nur Titel", kind="other")
    assert kept.file.name == by_office.file.name
    with pytest.raises(ValidationError):
        services.delete_resource(item, by=persona("actor_b"))
    services.delete_resource(item, by=author)
    assert not Resource.objects.filter(pk=item.pk).exists()


def test_the_office_deletes_anybodys_item(persona: Persona) -> None:
    item = services.add_resource(by=persona("actor_a"), title="Weg", link="https://example.org")
    services.delete_resource(item, by=persona("office"))
    assert not Resource.objects.filter(pk=item.pk).exists()


def test_only_topics_of_the_taxonomy(persona: Persona) -> None:
    motive = Term.objects.exclude(kind=TermKind.TOPIC).first()
    assert motive is not None
    with pytest.raises(ValidationError):
        services.add_resource(
            by=persona("actor_a"), title="T", link="https://example.org", topics=[motive]
        )
