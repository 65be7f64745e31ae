"""No lost update, no double save: the guard of every form (kokoma.core.guard).

The edit test is generated from the URL registry: every page named `…edit` is fetched, its form
filled in as a browser would, and saved twice from the same stale copy.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kokoma.cases.models import Case
from kokoma.core import guard
from kokoma.core.models import Submission
from kokoma.core.viewutils import call_service
from kokoma.prevention.models import Alert
from tests.conftest import Persona
from tests.html_forms import PageForm, page_forms
from tests.routes import ROUTES, Route, sample_kwargs, url_for

pytestmark = pytest.mark.django_db

# Pages that edit a whole list at once, named otherwise (their guard is a `ListForm`).
LIST_PAGES = {"workflow:escalation"}
EDIT_ROUTES = [
    route
    for route in ROUTES
    if route.ours and (route.name.rsplit(":", 1)[-1].endswith("edit") or route.name in LIST_PAGES)
]


def _carries(form: PageForm, field: str) -> bool:
    """Does the form carry the guard's `field` (also as a formset row's, `prefix-field`)?"""
    return any(name.rsplit("-", 1)[-1] == field for name, _value in form.fields)


# the supervisor for the pages only they reach (their slots and notes)
ROLES = ("office", "external", "local_a", "supervisor")


def _form_carrying(
    route: Route, client: Client, persona: Persona, field: str, *, last: bool = False
) -> tuple[str, PageForm]:
    """The page's POST form that carries the guard's `field` (its first or last), as the first
    of ROLES who finds one, logged in on `client`; and where it is sent."""
    for role in ROLES:
        user = persona(role)
        client.force_login(user)
        url = url_for(route, sample_kwargs(route, user))
        response = client.get(url)
        if response.status_code != 200:
            continue
        forms = [
            form
            for form in page_forms(response.content.decode())
            if form.method == "post" and _carries(form, field)
        ]
        if forms:
            form = forms[-1] if last else forms[0]
            return form.action or url, form
    pytest.fail(f"{route.name}: no role found a form carrying its {field}")


def _with(form: PageForm, name: str, value: str) -> dict[str, Any]:
    data = form.data()
    data[name] = value
    return data


def test_the_registry_finds_the_edit_pages() -> None:
    names = {route.name for route in EDIT_ROUTES}
    assert {
        "cases:edit",
        "cases:actor_edit",
        "cases:relation_edit",
        "cases:procedure_edit",
        "cases:measure_edit",
        "cases:agreement_edit",
        "directory:edit",
        "municipalities:edit",
        "workflow:step_edit",
        "taxonomy:edit",
    } <= names


@pytest.mark.parametrize("route", EDIT_ROUTES, ids=lambda route: route.name)
def test_an_edit_never_overwrites_a_concurrent_one(
    route: Route, client: Client, persona: Persona
) -> None:
    action, form = _form_carrying(route, client, persona, guard.STATE)
    candidates = [name for name in form.text_fields if name not in (guard.STATE, guard.ONCE)]
    # The first save, from a copy of the page: the first text field the form accepts.
    for name in candidates:
        first = client.post(action, _with(form, name, "Fassung A"))
        if first.status_code == 302:
            break
    else:
        pytest.fail(f"{route.name}: no text field could be saved ({candidates})")
    # The second save, from the same stale copy, is refused and shows both versions.
    second = client.post(action, _with(form, name, "Fassung B"))
    assert second.status_code == 200, route.name
    content = second.content.decode()
    assert "Fassung A" in content and "Fassung B" in content
    shown = second.context.get("list_form") or second.context["form"]
    assert getattr(shown, "conflict", None) is not None or shown.conflict_list is not None
    # The stored record keeps the first save …
    assert "Fassung A" in client.get(action).content.decode()
    # … until the second person, having seen both, saves again over it.
    (again,) = [f for f in page_forms(content) if f.method == "post" and _carries(f, guard.STATE)]
    assert client.post(action, again.data()).status_code == 302
    assert "Fassung B" in client.get(action).content.decode()


# --- Sent once --------------------------------------------------------------------------------


@pytest.fixture
def case_page(client: Client, persona: Persona) -> tuple[Case, PageForm]:
    case = Case.objects.filter(municipality__register__ags="12052000").order_by("pk").first()
    assert case is not None
    client.force_login(persona("local_a"))
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    action = reverse("caselist:comment", kwargs={"reference": case.reference})
    (form,) = [f for f in page_forms(page.content.decode()) if f.action == action]
    return case, form


def test_a_comment_sent_twice_is_saved_once(
    case_page: tuple[Case, PageForm], client: Client
) -> None:
    case, form = case_page
    before = case.comments.count()
    data = _with(form, "text", "Bitte bis Freitag klären.")
    first = client.post(form.action, data, follow=True)
    second = client.post(form.action, data, follow=True)
    assert case.comments.count() == before + 1
    assert [str(message) for message in first.context["messages"]] == [
        "Ihr Kommentar wurde hinzugefügt."
    ]
    messages = [str(message) for message in second.context["messages"]]
    assert any("bereits gesendet" in message for message in messages)
    # What was saved the first time does not come back into the form as a draft.
    (again,) = [f for f in page_forms(second.content.decode()) if f.action == form.action]
    assert again.data()["text"] == ""


def test_a_refused_form_can_be_sent_again(case_page: tuple[Case, PageForm], client: Client) -> None:
    """A token is spent only with a save: after a refusal the same form may be sent again."""
    case, form = case_page
    client.post(form.action, _with(form, "text", "   "))
    assert not Submission.objects.exists()
    client.post(form.action, _with(form, "text", "Jetzt mit Text."))
    assert case.comments.filter(text="Jetzt mit Text.").exists()


def test_old_tokens_are_forgotten(settings: Any) -> None:
    import datetime
    import uuid

    from django.utils import timezone

    Submission.objects.create(token=uuid.uuid4())
    later = timezone.now() + datetime.timedelta(days=settings.SUBMISSION_DAYS, minutes=1)
    assert guard.forget_old_submissions(now=later) == 1
    assert not Submission.objects.exists()


# --- Interleaved: both requests read before either writes --------------------------------------


def test_of_two_acknowledgements_exactly_one_wins(persona: Persona) -> None:
    from kokoma.prevention import services as prevention
    from tests.prevention.helpers import cottbus, topic_alert

    alert = topic_alert(cottbus(), fingerprint="race")
    # Both people opened the alert before either acknowledged it.
    hers, his = Alert.objects.get(pk=alert.pk), Alert.objects.get(pk=alert.pk)
    prevention.acknowledge_alert(hers, by=persona("local_a"), comment="Gremium informiert.")
    with pytest.raises(ValidationError, match="bereits von Svenja Krautmann"):
        prevention.acknowledge_alert(his, by=persona("external"), comment="Polizei angerufen.")
    alert.refresh_from_db()
    assert alert.acknowledgement == "Gremium informiert."
    assert alert.acknowledged_by == persona("local_a")


def test_an_edit_saved_between_check_and_write_is_not_overwritten(
    client: Client, persona: Persona
) -> None:
    """The guard compares with the row it locked, not with the copy the view loaded."""
    from kokoma.taxonomy.forms import TermForm
    from kokoma.taxonomy.models import Term

    term = Term.objects.order_by("pk").first()
    assert term is not None
    shown = TermForm(instance=term)
    state = shown[guard.STATE].value()
    loaded = Term.objects.get(pk=term.pk)  # the view's copy, loaded before the other save
    Term.objects.filter(pk=term.pk).update(description="Zwischendurch gespeichert")
    form = TermForm(
        {"name": loaded.name, "description": "Meine Fassung", "position": 1, guard.STATE: state},
        instance=loaded,
    )
    assert form.is_valid(), form.errors
    assert call_service(form, lambda: "gespeichert") is None
    assert form.conflict and form.conflict[0][1:] == ("Zwischendurch gespeichert", "Meine Fassung")


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_model_form_of_the_house_is_guarded() -> None:
    from django import forms
    from django.apps import apps

    from kokoma.core.forms import ModelForm

    for config in apps.get_app_configs():
        if config.name.startswith("kokoma."):
            try:
                __import__(f"{config.name}.forms")
            except ModuleNotFoundError as missing:
                if missing.name != f"{config.name}.forms":
                    raise
    ours = {cls for cls in _subclasses(forms.ModelForm) if cls.__module__.startswith("kokoma.")}
    assert len(ours) > 10
    unguarded = sorted(cls.__qualname__ for cls in ours if not issubclass(cls, ModelForm))
    assert not unguarded, f"derive these from kokoma.core.forms.ModelForm: {unguarded}"


# --- Every new-record form, sent twice ---------------------------------------------------------

# New-record pages a generic filling cannot complete, and why (their own tests send them).
FILLED_BY_HAND = {
    # The municipality is chosen from the register after a search on the same page.
    "municipalities:create",
    # A relation needs two actors; the matrix's sample case has none.
    "cases:relation_add",
    # A local board needs its municipality, an optional list (the inter-municipal board has none).
    "boards:create",
    # The case is named by its reference, which must exist: the filler's text names none.
    "boards:resolution_add",
}
ADD_ROUTES = [
    route
    for route in ROUTES
    if route.ours
    and route.name not in FILLED_BY_HAND
    and route.access is not None
    and route.access.scope != "public"
    and any(
        route.name.rsplit(":", 1)[-1].endswith(suffix) for suffix in ("add", "create", "new_case")
    )
]


def _filled(form: PageForm) -> dict[str, Any]:
    """The form as a person fills it in: every empty field gets a value, a required list its
    first option (the next its second, so two lists of actors name two actors), a checkbox its
    tick (never a formset's DELETE), a file field a small text file."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    data: dict[str, Any] = form.data()
    lists = 0
    moments = 0  # each date-and-time field an hour after the one before (a start, an end)
    for name, kind in form.kinds.items():
        if name in (guard.ONCE, guard.STATE, "csrfmiddlewaretoken") or data.get(name):
            continue
        if kind in ("text", "textarea", "search"):
            data[name] = f"Zweimal gesendet ({name})"
        elif kind == "email":
            data[name] = "neu.person@example.org"
        elif kind == "date":
            data[name] = timezone.localdate().isoformat()
        elif kind == "datetime-local":
            moments += 1
            moment = timezone.localtime() + datetime.timedelta(days=1, hours=moments)
            data[name] = moment.strftime("%Y-%m-%dT%H:%M")
        elif kind == "number":
            data[name] = "1"
        elif kind == "file":
            data[name] = SimpleUploadedFile("notiz.txt", b"Gesprochen am Montag.", "text/plain")
        elif kind in ("select", "radio") and name in form.required:
            offered = [value for value in form.options.get(name, []) if value]
            if offered:
                data[name] = offered[min(lists, len(offered) - 1)]
                lists += 1
        elif kind == "checkbox" and (name in form.required or not name.endswith("DELETE")):
            data[name] = "on" if name in form.required else form.options.get(name, ["on"])[0]
    return data


@pytest.mark.parametrize("route", ADD_ROUTES, ids=lambda route: route.name)
def test_a_new_record_sent_twice_is_saved_once(
    route: Route, client: Client, persona: Persona
) -> None:
    from kokoma.audit.models import AuditAction, AuditEntry

    action, form = _form_carrying(route, client, persona, guard.ONCE, last=True)
    data = _filled(form)
    created = AuditEntry.objects.filter(action=AuditAction.CREATE)
    before = created.count()
    first = client.post(action, data)
    if first.status_code != 302:
        errors = first.context and first.context.get("form") and first.context["form"].errors
        pytest.fail(f"{route.name}: the filled form was refused: {errors}")
    after_first = created.count()
    assert after_first > before
    second = client.post(action, data)
    assert created.count() == after_first, f"{route.name} saved the same form twice"
    assert second.status_code in (200, 302)


# --- At the same moment: two threads, two database connections (PostgreSQL) ----------------------


@pytest.mark.skipif(
    __import__("django.db", fromlist=["connection"]).connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL (SQLite writes one at a time)",
)
def test_a_comment_sent_twice_at_the_same_moment_is_saved_once(persona: Persona) -> None:
    """Two requests with the same token at once, each in its own thread and transaction: the
    database lets one token in, the other request waits for it and is refused. Everything runs
    in threads with their own connections (committed), so nothing waits on this test's own
    transaction; what they wrote (including their audit lines) is removed at the end."""
    import threading

    from django.db import connections

    from kokoma.audit.models import AuditEntry
    from kokoma.cases.models import Comment

    case = Case.objects.filter(municipality__register__ags="12052000").order_by("pk").first()
    assert case is not None
    user = persona("local_a")
    text = "Gleichzeitig gesendet."
    action = reverse("caselist:comment", kwargs={"reference": case.reference})
    page_url = reverse("cases:detail", kwargs={"reference": case.reference})
    sender = Client()
    found: dict[str, Any] = {}
    last_line = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def in_thread(work: Any) -> threading.Thread:
        def run() -> None:
            try:
                work()
            finally:
                connections.close_all()

        return threading.Thread(target=run)

    def open_page() -> None:
        sender.force_login(user)
        (form,) = [
            f for f in page_forms(sender.get(page_url).content.decode()) if f.action == action
        ]
        found["data"] = _with(form, "text", text)

    start = threading.Barrier(2)
    answers: list[Any] = []

    def send() -> None:
        client = Client()
        client.cookies = sender.cookies
        start.wait()
        answers.append(client.post(action, found["data"]))

    def count() -> None:
        found["saved"] = Comment.objects.filter(case=case, text=text).count()

    def clean() -> None:
        from django.contrib.sessions.models import Session

        Comment.objects.filter(case=case, text=text).delete()
        with connections["default"].cursor() as cursor:  # the log refuses deletes by design
            table = connections["default"].ops.quote_name(AuditEntry._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [last_line])  # noqa: S608
        Session.objects.filter(session_key=sender.session.session_key).delete()
        Submission.objects.filter(token=found.get("data", {}).get(guard.ONCE)).delete()

    try:
        for step in ([open_page], [send, send], [count]):
            threads = [in_thread(work) for work in step]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        assert [answer.status_code for answer in answers] == [302, 302]
        assert found["saved"] == 1
    finally:
        cleaner = in_thread(clean)
        cleaner.start()
        cleaner.join(timeout=60)
