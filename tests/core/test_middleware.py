import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from kokoma.cases import services
from kokoma.cases.models import Comment
from kokoma.municipalities.models import Municipality
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


PRODUCTION_MFA_ROLES = ["office", "external_companion", "local_companion"]


@pytest.fixture
def mfa_required(settings: Settings) -> None:
    settings.KOKOMA_MFA_REQUIRED_ROLES = PRODUCTION_MFA_ROLES


@pytest.mark.usefixtures("mfa_required")
def test_the_office_is_sent_to_set_up_an_authenticator_app(client: Client, login: Login) -> None:
    login("office")
    response = client.get(reverse("municipalities:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.usefixtures("mfa_required")
def test_the_office_can_open_the_set_up_page_itself(client: Client, login: Login) -> None:
    login("office")
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200  # after allauth asks to re-enter the password: no loop
    assert response.redirect_chain[-1][0].startswith("/konto/")


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("path", ["/barrierefreiheit/", "/leichte-sprache/", "/konto/profil/"])
def test_the_office_can_still_reach_service_pages_and_its_account(
    client: Client, login: Login, path: str
) -> None:
    login("office")
    assert client.get(path).status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_the_office_with_an_authenticator_app_is_let_through(client: Client, login: Login) -> None:
    office = login("office")
    Authenticator.objects.create(user=office, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get(reverse("municipalities:list")).status_code == 200


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("name", ["external", "external_other", "local_a", "local_b"])
def test_the_tandems_are_sent_to_set_up_an_authenticator_app(
    client: Client, login: Login, name: str
) -> None:
    login(name)
    response = client.get(reverse("start:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.usefixtures("mfa_required")
def test_a_companion_with_an_authenticator_app_is_let_through(client: Client, login: Login) -> None:
    companion = login("local_a")
    Authenticator.objects.create(user=companion, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get(reverse("start:home")).status_code == 200


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("name", ["supervisor", "actor_a", "board_a", "trainee_a"])
def test_other_roles_are_not_asked_for_a_second_factor(
    client: Client, login: Login, name: str
) -> None:
    login(name)
    assert client.get(reverse("start:home")).status_code == 200


@pytest.mark.parametrize("name", ["office", "local_a"])
def test_without_the_setting_nobody_is_asked_for_a_second_factor(
    client: Client, login: Login, settings: Settings, name: str
) -> None:
    settings.KOKOMA_MFA_REQUIRED_ROLES = []
    login(name)
    assert client.get(reverse("start:home")).status_code == 200


def test_a_mistyped_role_in_the_mfa_setting_stops_the_start(settings: Settings) -> None:
    from django.core.checks import run_checks

    settings.KOKOMA_MFA_REQUIRED_ROLES = ["office", "local_companions"]
    (error,) = [message for message in run_checks() if message.id == "kokoma.E101"]
    assert "local_companions" in error.msg


# --- control characters (issue 10, item 1) --------------------------------------------------------

NUL_PATHS = [
    "/melden/12052%00000/",
    "/chronik/1205%002000/",
    "/kalender/abc%00def.ics",
    "/fall/F-AAAA%00BBBB/",
    "/kommunen/12052000/%1b/",
]


@pytest.mark.parametrize("path", NUL_PATHS)
@pytest.mark.parametrize("role", [None, "local_a"])
def test_a_control_character_in_the_path_is_a_missing_page(
    path: str, role: str | None, client: Client, login: Login
) -> None:
    if role:
        login(role)
    response = client.get(path)
    assert response.status_code == 404


def test_a_control_character_in_the_query_is_a_bad_request(client: Client, login: Login) -> None:
    login("local_a")
    url = reverse("tasks:create", kwargs={"ags": COTTBUS})
    assert client.get(url, {"fall": "\x00"}).status_code == 400
    response = client.get(url + "?fall=%01")
    assert response.status_code == 400
    assert "Die Anfrage konnte nicht gelesen werden" in response.content.decode()
    assert client.get(url).status_code == 200


def test_a_form_field_with_a_control_character_is_refused_and_nothing_is_saved(
    client: Client, login: Login, persona: Persona
) -> None:
    login("local_a")
    case = services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Steuerzeichenfall",
    )
    url = reverse("caselist:comment", args=[case.reference])
    response = client.post(url, {"text": "Vorher\x00nachher"})
    assert response.status_code == 400
    assert "Es wurde nichts gespeichert." in response.content.decode()
    assert not Comment.objects.filter(case=case).exists()
    # Tabs and line breaks are ordinary text.
    response = client.post(url, {"text": "Erste Zeile\r\n\tzweite Zeile"})
    assert response.status_code in (200, 302)
    assert Comment.objects.get(case=case).text.endswith("zweite Zeile")


# --- permissions policy (issue 10, item 4) -------------------------------------------------------


def test_every_answer_names_the_features_the_site_never_uses(client: Client, login: Login) -> None:
    public = client.get(reverse("core:about"))
    assert public["Permissions-Policy"].startswith("accelerometer=()")
    login("local_a")
    assert "camera=()" in client.get(reverse("start:home"))["Permissions-Policy"]


def test_pages_behind_login_are_never_stored(client: Client, login: Login) -> None:
    public = client.get(reverse("core:about"))
    assert "no-store" not in public.get("Cache-Control", "")
    login("local_a")
    for url in (reverse("start:home"), reverse("core:about")):
        response = client.get(url)
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


# --- Idle sessions end -------------------------------------------------------------------------


def _last_seen(client: Client, seconds_ago: int) -> None:
    import time

    from kokoma.core.middleware import LAST_SEEN

    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds_ago
    session.save()


def test_an_idle_session_ends_with_a_message(
    client: Client, login: Login, settings: Settings
) -> None:
    login("local_a")
    page = reverse("municipalities:list")
    assert client.get(page).status_code == 200
    _last_seen(client, settings.KOKOMA_SESSION_IDLE_SECONDS + 1)
    response = client.get(page, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert not response.context["user"].is_authenticated
    messages = [str(message) for message in response.context["messages"]]
    assert any("ohne Aktivität" in message for message in messages)


def test_an_active_session_goes_on(client: Client, login: Login, settings: Settings) -> None:
    login("local_a")
    _last_seen(client, settings.KOKOMA_SESSION_IDLE_SECONDS - 5)
    assert client.get(reverse("core:session_alive")).json() == {
        "idle_seconds": settings.KOKOMA_SESSION_IDLE_SECONDS
    }
    # … and the request renewed it: the full idle time starts again.
    _last_seen_now = client.session["kokoma-last-seen"]
    import time

    assert abs(_last_seen_now - time.time()) < 5
    assert client.get(reverse("municipalities:list")).status_code == 200


def test_pages_behind_login_carry_the_idle_warning(
    client: Client, login: Login, settings: Settings
) -> None:
    settings.KOKOMA_SESSION_IDLE_SECONDS = 1800
    assert 'id="session-warning"' not in client.get(reverse("account_login")).content.decode()
    login("local_a")
    content = client.get(reverse("municipalities:list")).content.decode()
    assert 'data-idle-seconds="1800"' in content
    assert "nach 30 Minuten ohne Aktivität" in content
