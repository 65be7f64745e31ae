"""The library's pages: the list with search and filters, adding and editing through the form
(a refused upload keeps the rest of the form), and the pinned number of queries."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kokoma.library import services
from kokoma.library.models import Resource, ResourceKind, Visibility
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import Login, Persona

pytestmark = pytest.mark.django_db

LIST = reverse("library:list")
ADD = reverse("library:add")


def _form(**values: object) -> dict[str, object]:
    return {
        "title": "Methode Fishbowl",
        "kind": ResourceKind.METHOD,
        "description": "Eine **Diskussionsmethode** für große Gruppen.",
        "link": "",
        "visibility": Visibility.NETWORK,
        **values,
    }


def test_an_item_is_added_with_a_file(client: Client, login: Login) -> None:
    login("actor_a")
    topic = Term.objects.filter(kind=TermKind.TOPIC).first()
    assert topic is not None
    response = client.post(
        ADD,
        _form(
            upload=SimpleUploadedFile("fishbowl.txt", b"Ablauf"),
            topics=[topic.pk],
        ),
        follow=True,
    )
    item = Resource.objects.get(title="Methode Fishbowl")
    assert response.redirect_chain[-1][0] == reverse(
        "library:detail", kwargs={"resource_id": item.pk}
    )
    page = response.content.decode()
    assert "<strong>Diskussionsmethode</strong>" in page
    assert reverse("library:download", kwargs={"resource_id": item.pk}) in page
    assert list(item.topics.all()) == [topic]


@override_settings(KOKOMA_MAX_UPLOAD_MB=1)
def test_an_oversized_upload_is_refused_and_the_rest_is_kept(client: Client, login: Login) -> None:
    login("actor_a")
    big = SimpleUploadedFile("gross.pdf", b"%PDF-" + b"a" * (1024 * 1024))
    response = client.post(ADD, _form(upload=big))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Die Datei ist größer als 1 MB." in page
    assert "Methode Fishbowl" in page
    assert "Eine **Diskussionsmethode** für große Gruppen." in page
    assert not Resource.objects.filter(title="Methode Fishbowl").exists()


def test_an_http_link_and_a_missing_source_are_refused(client: Client, login: Login) -> None:
    login("actor_a")
    page = client.post(ADD, _form(link="http://example.org/x")).content.decode()
    assert "https://" in page and "Methode Fishbowl" in page
    page = client.post(ADD, _form()).content.decode()
    assert "Bitte laden Sie eine Datei hoch oder geben Sie einen Link an." in page
    assert not Resource.objects.filter(title="Methode Fishbowl").exists()


def test_the_staff_choice_is_offered_to_staff_only(client: Client, login: Login) -> None:
    login("actor_a")
    assert 'value="programme"' not in client.get(ADD).content.decode()
    refused = client.post(ADD, _form(link="https://example.org", visibility="programme"))
    assert refused.status_code == 200
    assert not Resource.objects.filter(title="Methode Fishbowl").exists()
    login("local_a")
    assert 'value="programme"' in client.get(ADD).content.decode()


def test_the_author_edits_others_may_not(client: Client, login: Login, persona: Persona) -> None:
    item = services.add_resource(by=persona("actor_a"), title="Alt", link="https://example.org")
    url = reverse("library:edit", kwargs={"resource_id": item.pk})
    login("actor_b")
    assert client.get(url).status_code == 403
    login("actor_a")
    form = client.get(url).context["form"]
    state = form.initial["state"]()
    response = client.post(url, _form(title="Neu", link="https://example.org/neu", state=state))
    assert response.status_code == 302
    assert Resource.objects.get(pk=item.pk).title == "Neu"
    # a second tab with the old state is refused and shows both versions
    stale = client.post(url, _form(title="Anders", link="https://example.org/neu", state=state))
    assert stale.status_code == 200
    assert "Beide Fassungen" in stale.content.decode()
    assert Resource.objects.get(pk=item.pk).title == "Neu"


def test_a_file_replaces_a_link_on_edit(client: Client, login: Login, persona: Persona) -> None:
    item = services.add_resource(by=persona("actor_a"), title="Link", link="https://example.org")
    login("actor_a")
    url = reverse("library:edit", kwargs={"resource_id": item.pk})
    client.post(
        url,
        _form(title="Link", link="https://example.org", upload=SimpleUploadedFile("a.txt", b"A")),
    )
    item.refresh_from_db()
    assert item.is_file and item.link == ""


def test_delete(client: Client, login: Login, persona: Persona) -> None:
    item = services.add_resource(by=persona("actor_a"), title="Weg", link="https://example.org")
    login("office")
    client.post(reverse("library:delete", kwargs={"resource_id": item.pk}))
    assert not Resource.objects.filter(pk=item.pk).exists()


def test_the_list_filters_by_kind_topic_and_words(client: Client, login: Login) -> None:
    login("local_a")
    evaluations = client.get(LIST, {"kind": ResourceKind.EVALUATION}).context["page"]
    assert [item.title for item in evaluations] == [
        "Auswertungsbogen für moderierte Bürgerversammlungen"
    ]
    topic = Term.objects.get(kind=TermKind.TOPIC, name="Jugend")
    tagged = client.get(LIST, {"topic": topic.pk}).context["page"]
    assert [item.title for item in tagged] == ["Methodensammlung Konfliktanalyse (Online)"]
    found = client.get(LIST, {"q": "Runden Tisch"}).context["page"]
    assert [item.title for item in found] == [
        "Leitfaden: Einen Runden Tisch zu einem lokalen Konflikt vorbereiten"
    ]
    nothing = client.get(LIST, {"q": "Gibtsnicht"})
    assert "Kein Eintrag passt zu Ihrer Suche." in nothing.content.decode()


def test_the_search_reads_title_and_description(persona: Persona) -> None:
    reader = persona("actor_a")
    services.add_resource(
        by=reader,
        title="Wertequadrat",
        description="Positionen, Interessen und Bedürfnisse unterscheiden.",
        link="https://example.org",
    )
    mine = Resource.objects.visible_to(reader)
    assert list(mine.search("Wertequadrat").values_list("title", flat=True)) == ["Wertequadrat"]
    assert list(mine.search("Interessen").values_list("title", flat=True)) == ["Wertequadrat"]
    if connection.vendor == "postgresql":  # German stemming: another form of the word
        assert list(mine.search("Bedürfnis").values_list("title", flat=True)) == ["Wertequadrat"]
    # the staff's items stay out of a municipal actor's search
    assert not mine.search("Auswertungsbogen").exists()


def _queries(client: Client, path: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path, params or {}).status_code == 200
    return len(context.captured_queries)


# Counted on the demo data, signed in: the session, the user, their roles, the topics of the
# filter, the count and a page of items, their topics (a person outside the tandems: +1, the
# navigation's question about case teams and boards); anonymous: only the topics, the count, the
# page and their topics.
PINNED = {"local_a": 7, "actor_a": 8, "anonymous": 4}


@pytest.mark.parametrize("who", list(PINNED))
def test_the_list_keeps_its_number_of_queries(client: Client, persona: Persona, who: str) -> None:
    if who != "anonymous":
        client.force_login(persona(who))
    _queries(client, LIST)
    assert _queries(client, LIST) == PINNED[who]
    topics = list(Term.objects.filter(kind=TermKind.TOPIC)[:3])
    for number in range(40):
        services.add_resource(
            by=persona(["local_a", "actor_a", "external"][number % 3]),
            title=f"Eintrag {number}",
            link="https://example.org",
            topics=topics[: number % 4],
            visibility=[Visibility.PUBLIC, Visibility.NETWORK][number % 2],
        )
    assert _queries(client, LIST) == PINNED[who]
    assert _queries(client, LIST, {"q": "Eintrag", "kind": "other"}) == PINNED[who]
