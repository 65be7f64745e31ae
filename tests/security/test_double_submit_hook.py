"""The double-submit hook finds the forms that write and sends one twice (the probe itself is
built with issue 10, item 2; see double_submit.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kokoma.cases.models import Comment

from ..routes import ROUTES
from .conftest import DoubleSubmit
from .double_submit import forms_that_write


@pytest.mark.django_db
def test_the_hook_finds_the_comment_form_and_sends_it_twice(double_submit: DoubleSubmit) -> None:
    case_page = [route for route in ROUTES if route.name == "cases:detail"]
    forms = list(forms_that_write(double_submit.login, case_page))
    comment = next(f for f in forms if f.form.action.endswith("/kommentare/"))
    comment.form.controls[:] = [
        replace(c, value="Zweimal gesendet") if c.name == "text" else c
        for c in comment.form.controls
    ]
    before = Comment.objects.count()
    first, second = double_submit.send_twice(comment)
    assert first.status_code == 302 and second.status_code == 302
    assert Comment.objects.count() - before in (1, 2)  # item 2 makes this exactly 1
