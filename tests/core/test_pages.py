import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_welcome_page_for_anonymous_visitors_is_german(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    assert 'lang="de"' in response.content.decode()


def test_start_page_lists_the_companions_municipality(login, client):
    login("local_a")
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "Cottbus" in response.content.decode()
    assert "Bautzen" not in response.content.decode()
