import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import Login

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings: Settings) -> None:
    settings.KOKOMA_REQUIRE_MFA_FOR_OFFICE = True


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
@pytest.mark.parametrize("name", ["external", "supervisor", "local_a", "actor_a", "trainee_a"])
def test_other_roles_are_not_asked_for_a_second_factor(
    client: Client, login: Login, name: str
) -> None:
    login(name)
    assert client.get(reverse("start:home")).status_code == 200


def test_without_the_setting_the_office_is_not_asked_for_a_second_factor(
    client: Client, login: Login, settings: Settings
) -> None:
    settings.KOKOMA_REQUIRE_MFA_FOR_OFFICE = False
    login("office")
    assert client.get(reverse("start:home")).status_code == 200
