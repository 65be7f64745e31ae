import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

@pytest.mark.parametrize("name", ["office", "external", "external_other", "supervisor", "local_a", "actor_a", "board_a", "trainee_a", "local_b"])
def test_x(client, login, name):
    login(name)
    for url in [reverse("core:home"), reverse("municipalities:list"), reverse("municipalities:detail", args=["12052000"]), reverse("municipalities:work_log", args=["12052000"]), reverse("municipalities:members", args=["12052000"])]:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(url)
        print(name, url, r.status_code, len(ctx))
