"""The Pol.is exchange format through the database: a dialogue out and an export in, and the
results as CSV and PDF."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from kokoma.dialogue import exchange, polis_io, services
from kokoma.dialogue.models import Dialogue, StatementStatus, Vote
from kokoma.dialogue.opinion_map import refresh_map

from ..conftest import Login, Persona
from . import factories

pytestmark = pytest.mark.django_db
SCOOP = Path(__file__).resolve().parents[2] / "data" / "polis" / "scoop-hivemind.freshwater"


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_pol_is_export_becomes_a_dialogue_and_goes_back_out_the_same(
    client: Client, login: Login
) -> None:
    login("local_a")
    url = reverse("dialogue_municipality:import", kwargs={"ags": "12052000"})
    files = {name: (SCOOP / name).read_bytes() for name in polis_io.FILES}
    response = client.post(
        url,
        {
            "question": "Freshwater quality",
            "comments": _upload("comments.csv", files["comments.csv"]),
            "votes": _upload("votes.csv", files["votes.csv"]),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Importiert: 80 Aussagen" in html and "Jede Zeile wurde gelesen." in html
    made = Dialogue.objects.get(question="Freshwater quality")
    original = polis_io.read_polis_export(files)
    assert made.statements.count() == len(original.comments)
    assert made.statements.filter(status=StatementStatus.REJECTED).count() == sum(
        1 for c in original.comments if c.moderated == -1
    )
    latest = {(v.participant_id, v.statement_id): v.value for v in original.votes}
    assert Vote.objects.filter(dialogue=made).count() == len(latest)
    # out again: the same statements and latest votes, under the same ids
    refresh_map(made.pk)
    again = polis_io.read_polis_export(exchange.export_files(made))
    assert again.problems == []
    assert {(c.id, c.text, c.moderated) for c in again.comments} == {
        (c.id, " ".join(c.text.split()), c.moderated) for c in original.comments
    }
    assert {(v.participant_id, v.statement_id): v.value for v in again.votes} == latest
    assert set(again.groups) == {p for p, _s in latest}


def test_a_malformed_export_keeps_the_good_rows_and_lists_the_bad(
    client: Client, login: Login
) -> None:
    login("local_a")
    comments = (
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "1,x,0,0,0,0,1,Mehr Bänke.\n"
        '2,x,1,0,0,0,1,=HYPERLINK("x")\n'
        "3,x,zwei,0,0,0,1,Kaputt.\n"
    )
    votes = (
        "timestamp,datetime,comment-id,voter-id,vote\n"
        "10,x,0,0,1\n"
        "11,x,0,1,2\n"
        "12,x,7,1,1\n"
        "13,x,1,1,-1\n"
    )
    url = reverse("dialogue_municipality:import", kwargs={"ags": "12052000"})
    response = client.post(
        url,
        {
            "question": "Kaputter Export",
            "comments": _upload("comments.csv", comments.encode()),
            "votes": _upload("votes.csv", votes.encode()),
        },
    )
    html = response.content.decode()
    assert "3 Zeilen konnten nicht gelesen werden" in html
    made = Dialogue.objects.get(question="Kaputter Export")
    assert sorted(made.statements.values_list("number", flat=True)) == [0, 1]
    assert Vote.objects.filter(dialogue=made).count() == 2
    # a statement that looks like a formula is neutralised when it goes out to a spreadsheet
    assert made.statements.filter(text='=HYPERLINK("x")').exists()
    out = exchange.export_files(made)["comments.csv"]
    assert "'=HYPERLINK" in out


def test_an_export_without_statements_imports_nothing(client: Client, login: Login) -> None:
    login("local_a")
    url = reverse("dialogue_municipality:import", kwargs={"ags": "12052000"})
    response = client.post(
        url,
        {
            "question": "Leer",
            "comments": _upload("comments.csv", b"comment-id,author-id\n1,2\n"),
            "votes": _upload("votes.csv", b"timestamp,comment-id,voter-id,vote\n1,1,1,1\n"),
        },
    )
    assert response.status_code == 200
    assert "nichts wurde importiert" in response.content.decode()
    assert not Dialogue.objects.filter(question="Leer").exists()
    other = client.post(
        url,
        {
            "question": "Kein CSV",
            "comments": _upload("comments.pdf", b"%PDF-1.4"),
            "votes": _upload("votes.csv", b"x"),
        },
    )
    assert "nicht angenommen" in other.content.decode()


def _camps(persona: Persona) -> Dialogue:
    made = factories.dialogue(seeds=[f"Aussage {n}." for n in range(8)])
    for n in range(16):
        participant = factories.anonymous(made, f"export-browser-{n}")
        factories.vote_all(
            made, participant, [1, 1, 1, 1, -1, -1, 1, -1] if n % 2 else [1, 1, -1, -1, 1, 1, -1, 1]
        )
    services.submit_statement(made, factories.anonymous(made, "export-browser-0"), text="=1+1")
    refresh_map(made.pk)
    return made


def test_the_results_as_csv_with_groups_and_neutralised_formulas(
    client: Client, login: Login, persona: Persona
) -> None:
    made = _camps(persona)
    login("local_a")
    response = client.get(reverse("dialogue:results_csv", kwargs={"dialogue_id": made.pk}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert "Gruppe A: Stimme zu" in rows[0] and "Gruppe B: Stimme zu" in rows[0]
    first = rows[1]
    assert first[1] == "Aussage 0." and first[4] == "16"
    assert any(row[1] == "'=1+1" for row in rows)
    login("actor_a")
    assert (
        client.get(reverse("dialogue:results_csv", kwargs={"dialogue_id": made.pk})).status_code
        == 403
    )


def test_the_results_as_pdf(client: Client, login: Login, persona: Persona) -> None:
    made = _camps(persona)
    login("local_a")
    response = client.get(reverse("dialogue:results_pdf", kwargs={"dialogue_id": made.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Meinungslandkarte" in text and "Gruppe A" in text and "Aussage 0." in text


def test_the_pol_is_zip(client: Client, login: Login, persona: Persona) -> None:
    made = _camps(persona)
    login("local_a")
    response = client.get(reverse("dialogue:polis_export", kwargs={"dialogue_id": made.pk}))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(polis_io.FILES)
    export = polis_io.read_polis_export({n: archive.read(n) for n in archive.namelist()})
    assert export.problems == []
    assert len(export.votes) == 16 * 8
    assert {g for g in export.groups.values() if g is not None} == {0, 1}
