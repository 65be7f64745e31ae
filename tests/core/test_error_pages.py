from django.test import RequestFactory
from django.views.defaults import server_error


def test_server_error_page_is_german_and_needs_no_database() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Es ist ein Fehler aufgetreten" in body
    assert 'lang="de"' in body
