"""Guidance checklists per escalation band: band selection, ticks per case, office pages."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.messages import get_messages
from django.db.models import QuerySet
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from kokoma.audit.models import AuditEntry
from kokoma.cases import services as case_services
from kokoma.cases.models import Actor, Case, EscalationAssessment
from kokoma.demo.guidance import CHECKLISTS, ensure_guidance
from kokoma.guidance import services
from kokoma.guidance.models import Band, Checklist, ChecklistItem, ChecklistTick, band_for_stage
from kokoma.municipalities.models import Municipality

from ..cases.matrix_samples import cottbus_case
from ..conftest import BAUTZEN, COTTBUS, Login, Persona, demo_user

if TYPE_CHECKING:
    from ..conftest import ClientResponse

pytestmark = pytest.mark.django_db


def _assess(case: Case, stage: int, day: int, actor: Actor | None = None) -> EscalationAssessment:
    return EscalationAssessment.objects.create(
        case=case,
        actor=actor,
        stage=stage,
        assessed_on=datetime.date(2026, 3, day),
        rationale="Test",
    )


def _other_case() -> Case:
    return case_services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=demo_user("lokal.cottbus"),
        title="Zweiter Fall",
        team=[demo_user("akteur.cottbus")],
    )


def _item(band: Band) -> ChecklistItem:
    ensure_guidance()
    item = ChecklistItem.objects.filter(checklist__band=band, checklist__active=True).first()
    assert item is not None
    return item


@pytest.mark.parametrize(("stage", "band"), [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3)])
def test_band_for_stage(stage: int, band: int) -> None:
    assert band_for_stage(stage) == band


def test_without_assessment_the_band_is_one() -> None:
    case = _other_case()
    case.escalations.all().delete()
    assert services.current_band(case) == (Band.SELF_HELP, None)


def test_the_latest_whole_case_assessment_wins_and_actor_views_are_ignored() -> None:
    case = _other_case()
    actor = Actor.objects.create(case=case, pseudonym="Initiative", kind=Actor.Kind.GROUP)
    _assess(case, 8, 1)
    latest = _assess(case, 5, 10)
    _assess(case, 2, 5)  # entered later, but assessed earlier
    _assess(case, 9, 20, actor=actor)  # one actor's perspective: ignored
    band, assessment = services.current_band(case)
    assert assessment == latest
    assert band == Band.PROCESS_SUPPORT
    # same date: the later entry wins
    same_day = _assess(case, 7, 10)
    assert services.current_band(case) == (Band.POWER_INTERVENTION, same_day)


def test_ensure_guidance_is_idempotent() -> None:
    ensure_guidance()
    count = Checklist.objects.count()
    items = ChecklistItem.objects.count()
    ensure_guidance()
    assert Checklist.objects.count() == count
    assert ChecklistItem.objects.count() == items
    for band in Band:
        seeded = [entry for entry in CHECKLISTS if entry[0] == band]
        assert len(seeded) == 2
        assert all(4 <= len(entry[3]) <= 6 for entry in seeded)


def save_url(case: Case) -> str:
    return reverse("guidance:save_ticks", kwargs={"reference": case.reference})


def form_data(
    shown: list[ChecklistItem], was: list[ChecklistItem], done: list[ChecklistItem]
) -> dict[str, list[str]]:
    """What the checklist form sends: the items it shows, those it showed ticked, those ticked."""
    return {
        "item": [str(item.pk) for item in shown],
        "was_done": [str(item.pk) for item in was],
        "done": [str(item.pk) for item in done],
    }


def _items(band: Band, count: int = 3) -> list[ChecklistItem]:
    ensure_guidance()
    items = list(ChecklistItem.objects.filter(checklist__band=band, checklist__active=True)[:count])
    assert len(items) == count
    return items


def last_message(response: ClientResponse) -> str:
    """The message this request added (earlier ones wait unshown, since no page was rendered)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def ticked(case: Case) -> set[int]:
    return set(ChecklistTick.objects.filter(case=case).values_list("item_id", flat=True))


def test_one_button_saves_all_changed_items_per_case_and_audited(
    client: Client, login: Login
) -> None:
    login("actor_a")
    case, other = cottbus_case(), _other_case()
    first, second, third = _items(Band.SELF_HELP)
    with override("de"):
        response = client.post(
            save_url(case), form_data([first, second, third], [], [first, second])
        )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("cases:detail", kwargs={"reference": case.reference}) + "#leitfaden"
    )
    assert last_message(response) == ("Gespeichert: 2 Punkte abgehakt.")
    assert ticked(case) == {first.pk, second.pk}
    assert not ticked(other)
    tick = ChecklistTick.objects.get(case=case, item=first)
    assert tick.ticked_by == demo_user("akteur.cottbus")
    assert AuditEntry.objects.filter(
        object_type="guidance.ChecklistTick", object_id=str(tick.pk), action="create"
    ).exists()
    # unticking one and ticking another: only this case's ticks change
    services.set_tick(other, first, done=True, by=demo_user("lokal.cottbus"))
    with override("de"):
        response = client.post(
            save_url(case), form_data([first, second, third], [first, second], [second, third])
        )
    assert last_message(response) == ("Gespeichert: 1 Punkt abgehakt, 1 Haken entfernt.")
    assert ticked(case) == {second.pk, third.pk}
    assert ticked(other) == {first.pk}


def test_a_second_tab_with_an_older_state_loses_no_tick(client: Client, login: Login) -> None:
    """Two tabs show the same unticked list; each ticks one item and saves. Then the first
    tab's item is unticked there, and the second tab saves once more without touching it."""
    login("local_a")
    case = cottbus_case()
    first, second, third = _items(Band.SELF_HELP)
    shown = [first, second, third]
    client.post(save_url(case), form_data(shown, [], [first]))  # tab 1
    client.post(save_url(case), form_data(shown, [], [second]))  # tab 2, older state
    assert ticked(case) == {first.pk, second.pk}
    client.post(save_url(case), form_data(shown, [first], []))  # tab 1, reloaded: untick first
    client.post(save_url(case), form_data(shown, [], [second, third]))  # tab 2, still older
    assert ticked(case) == {second.pk, third.pk}


def test_saving_the_same_tick_twice_at_once_keeps_one_tick(client: Client, login: Login) -> None:
    login("local_a")
    case = cottbus_case()
    first, second, _third = _items(Band.SELF_HELP)
    client.post(save_url(case), form_data([first], [], [first]))
    client.post(save_url(case), form_data([first, second], [], [first]))
    assert ChecklistTick.objects.filter(case=case, item=first).count() == 1
    assert AuditEntry.objects.filter(object_type="guidance.ChecklistTick").count() == 1


def test_a_tick_inserted_in_between_by_another_request_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race between reading and inserting: the other request's tick arrives after this one
    looked and before it inserts; the unique constraint refuses the second row and the
    service returns the existing tick instead of failing."""
    case = cottbus_case()
    item = _item(Band.SELF_HELP)
    other = services.set_tick(case, item, done=True, by=demo_user("akteur.cottbus"))
    original_get = QuerySet.get
    calls = {"n": 0}

    def get_missing_once(self: QuerySet[Any], *args: Any, **kwargs: Any) -> Any:
        if self.model is ChecklistTick and calls["n"] == 0:
            calls["n"] += 1
            raise ChecklistTick.DoesNotExist
        return original_get(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "get", get_missing_once)
    tick = services.set_tick(case, item, done=True, by=demo_user("lokal.cottbus"))
    assert calls["n"] == 1
    assert tick == other
    assert ChecklistTick.objects.filter(case=case, item=item).count() == 1


def test_with_htmx_the_panel_comes_back_with_a_status_message(client: Client, login: Login) -> None:
    login("actor_a")
    case = cottbus_case()
    first = _item(Band.SELF_HELP)
    with override("de"):
        response = client.post(
            save_url(case), form_data([first], [], [first]), headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="guidance-checklists"' in html
    assert '<p id="guidance-status" role="status">Gespeichert: 1 Punkt abgehakt.</p>' in (html)
    assert f'id="guidance-item-{first.pk}" checked' in html
    assert f'name="was_done" value="{first.pk}"' in html  # the next save starts from here


def test_nothing_changed_and_deactivated_items_are_reported(client: Client, login: Login) -> None:
    login("local_a")
    case = cottbus_case()
    ensure_guidance()
    one, two = Checklist.objects.filter(band=Band.SELF_HELP, active=True)[:2]
    first, second = one.items.first(), two.items.first()
    assert first is not None and second is not None
    with override("de"):
        response = client.post(save_url(case), form_data([first], [], []))
        assert last_message(response) == ("Nichts gespeichert: Sie haben keinen Haken geändert.")
        Checklist.objects.filter(pk=two.pk).update(active=False)  # meanwhile, by the office
        data = form_data([first, second], [], [first, second])
        data["done"].append("kein-punkt")  # not an item id: ignored
        response = client.post(save_url(case), data)
        assert last_message(response) == (
            "Gespeichert: 1 Punkt abgehakt. 1 Punkt wurde nicht gespeichert, weil "
            "seine Checkliste inzwischen deaktiviert wurde."
        )
    assert ticked(case) == {first.pk}


def test_saving_is_post_only(client: Client, login: Login) -> None:
    login("local_a")
    assert client.get(save_url(cottbus_case())).status_code == 405


@pytest.mark.parametrize("role", ["board_a", "trainee_a", "local_b", "office"])
def test_outsiders_get_404_for_saving(client: Client, login: Login, role: str) -> None:
    login(role)
    case = cottbus_case()
    item = _item(Band.SELF_HELP)
    assert client.post(save_url(case), form_data([item], [], [item])).status_code == 404
    assert not ChecklistTick.objects.filter(case=case, item=item).exists()


def _render(case: Case, user: Any) -> str:
    template = Template("{% load guidance %}{% case_guidance case user %}")
    return template.render(Context({"case": case, "user": user, "csrf_token": "x"}))


def test_the_tag_shows_the_band_checklists_with_ticks() -> None:
    ensure_guidance()
    case = _other_case()
    user = demo_user("akteur.cottbus")
    html = _render(case, user)
    assert 'id="leitfaden"' in html
    self_help = Checklist.objects.filter(band=Band.SELF_HELP, active=True)
    power = Checklist.objects.filter(band=Band.POWER_INTERVENTION, active=True)
    assert all(checklist.title in html for checklist in self_help)
    assert not any(checklist.title in html for checklist in power)
    assert 'type="checkbox"' in html
    assert html.count('type="submit"') == 1  # one button for all items

    _assess(case, 8, 1)
    item = _item(Band.POWER_INTERVENTION)
    services.set_tick(case, item, done=True, by=user)
    html = _render(case, user)
    assert all(checklist.title in html for checklist in power)
    assert not any(checklist.title in html for checklist in self_help)
    assert f'id="guidance-item-{item.pk}" checked' in html
    assert str(user) in html


def test_the_tag_hides_the_tick_forms_from_those_who_may_not_tick() -> None:
    ensure_guidance()
    html = _render(_other_case(), demo_user("gremium.cottbus"))
    assert 'type="checkbox"' not in html
    assert "<form" not in html


def test_the_office_lists_checklists_per_band(client: Client, login: Login) -> None:
    ensure_guidance()
    login("office")
    response = client.get(reverse("guidance:list"))
    assert response.status_code == 200
    assert [band for band, _, _ in response.context["bands"]] == [1, 2, 3]
    assert CHECKLISTS[0][1] in response.content.decode()


@pytest.mark.parametrize("role", ["local_a", "actor_a", "external", "supervisor"])
def test_others_may_not_maintain_checklists(client: Client, login: Login, role: str) -> None:
    login(role)
    assert client.get(reverse("guidance:list")).status_code == 403
    response = client.post(reverse("guidance:create"), _payload("Neu"))
    assert response.status_code == 403
    assert not Checklist.objects.filter(title="Neu").exists()


def _payload(title: str, items: list[tuple[str, str, str]] | None = None, **extra: Any) -> dict:
    data: dict[str, Any] = {
        "band": "2",
        "title": title,
        "introduction": "Einleitung",
        "position": "5",
        "active": "on",
    }
    rows = items or [("", "Erster Punkt", "1"), ("", "Zweiter Punkt", "2"), ("", "", "")]
    data.update(
        {
            "punkt-TOTAL_FORMS": str(len(rows)),
            "punkt-INITIAL_FORMS": str(sum(1 for row in rows if row[0])),
            "punkt-MIN_NUM_FORMS": "1",
            "punkt-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (pk, text, position) in enumerate(rows):
        data[f"punkt-{index}-id"] = pk
        data[f"punkt-{index}-text"] = text
        data[f"punkt-{index}-position"] = position
    data.update(extra)
    return data


def test_create_edit_and_deactivate_a_checklist(client: Client, login: Login) -> None:
    login("office")
    assert client.get(reverse("guidance:create") + "?band=3").status_code == 200
    response = client.post(reverse("guidance:create"), _payload("Runder Tisch"))
    assert response.status_code == 302, response.context["formset"].errors
    checklist = Checklist.objects.get(title="Runder Tisch")
    assert checklist.band == 2
    assert list(checklist.items.values_list("text", flat=True)) == [
        "Erster Punkt",
        "Zweiter Punkt",
    ]
    first, second = checklist.items.all()
    edit = reverse("guidance:edit", kwargs={"checklist_id": checklist.pk})
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        _payload(
            "Runder Tisch vorbereiten",
            [
                (str(first.pk), "Erster Punkt, geändert", "1"),
                (str(second.pk), "Zweiter Punkt", "2"),
                ("", "Dritter Punkt", "3"),
            ],
            **{"punkt-1-DELETE": "on"},
        ),
    )
    assert response.status_code == 302
    checklist.refresh_from_db()
    assert checklist.title == "Runder Tisch vorbereiten"
    assert list(checklist.items.values_list("text", flat=True)) == [
        "Erster Punkt, geändert",
        "Dritter Punkt",
    ]
    assert AuditEntry.objects.filter(
        object_type="guidance.Checklist", object_id=str(checklist.pk), action="update"
    ).exists()

    response = client.post(reverse("guidance:deactivate", kwargs={"checklist_id": checklist.pk}))
    assert response.status_code == 302
    checklist.refresh_from_db()
    assert not checklist.active


def test_bad_input_rerenders_and_keeps_it(client: Client, login: Login) -> None:
    login("office")
    response = client.post(
        reverse("guidance:create"),
        _payload("", [("", "Ein Punkt bleibt", "1")]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Ein Punkt bleibt" in response.content.decode()
    assert not Checklist.objects.filter(items__text="Ein Punkt bleibt").exists()


# A municipality's own checklists -------------------------------------------------------------


def _own(municipality_ags: str, band: int, title: str) -> Checklist:
    from kokoma.municipalities.models import Municipality

    return services.create_checklist(
        by=demo_user("servicestelle"),
        municipality=Municipality.objects.get(register__ags=municipality_ags),
        band=band,
        title=title,
        items=[services.ItemData(item_id=None, text=f"{title}: erster Punkt", position=1)],
    )


def test_a_case_shows_the_programme_checklists_and_its_municipalitys_own_only(
    persona: Persona,
) -> None:
    from kokoma.cases.models import Case
    from kokoma.guidance.panel import guidance_panel

    case = Case.objects.filter(municipality__register__ags=COTTBUS).first()
    assert case is not None
    band, _assessment = services.current_band(case)
    mine = _own(COTTBUS, band, "Eigene Cottbus-Liste")
    other = _own(BAUTZEN, band, "Eigene Bautzen-Liste")
    shown = [
        checklist
        for checklist, _items in guidance_panel(case, user=persona("local_a"))["checklists"]
    ]
    assert mine in shown and other not in shown
    assert any(checklist.municipality_id is None for checklist in shown)


def test_the_tandem_keeps_its_own_checklists_and_the_office_list_shows_none_of_them(
    client: Client, login: Login
) -> None:
    own = _own(COTTBUS, 1, "Nur für Cottbus")
    login("office")
    assert "Nur für Cottbus" not in client.get(reverse("guidance:list")).content.decode()
    assert client.get(reverse("guidance:edit", args=[own.pk])).status_code == 404
    login("local_b")
    assert client.get(reverse("ownguidance:list", args=[COTTBUS])).status_code in (403, 404)
    login("local_a")
    listed = client.get(reverse("ownguidance:list", args=[COTTBUS])).content.decode()
    assert "Nur für Cottbus" in listed
    response = client.post(
        reverse("ownguidance:create", args=[COTTBUS]),
        {
            "band": "2",
            "title": "Runder Tisch vorbereiten",
            "introduction": "",
            "position": "0",
            "active": "on",
            "punkt-TOTAL_FORMS": "1",
            "punkt-INITIAL_FORMS": "0",
            "punkt-MIN_NUM_FORMS": "1",
            "punkt-MAX_NUM_FORMS": "1000",
            "punkt-0-text": "Teilnehmende einladen",
            "punkt-0-position": "1",
        },
    )
    assert response.status_code == 302
    created = Checklist.objects.get(title="Runder Tisch vorbereiten")
    assert created.municipality is not None and created.municipality.ags == COTTBUS
