"""Fixtures of the security suite."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from ..conftest import Persona
from .double_submit import WritingForm, forms_that_write, submit_twice


@dataclass(frozen=True)
class DoubleSubmit:
    """What a double-submit test needs: the forms that write, and how to send one twice."""

    persona: Persona

    def login(self, client: Client, role: str) -> None:
        if role != "anonymous":
            client.force_login(self.persona(role))

    def forms(self) -> list[WritingForm]:
        return list(forms_that_write(self.login))

    def send_twice(self, form: WritingForm) -> tuple[Any, Any]:
        first, second = Client(), Client()
        self.login(first, form.role)
        self.login(second, form.role)
        return submit_twice(first, second, form)


@pytest.fixture
def double_submit(persona: Persona) -> DoubleSubmit:
    """The hook for the double-submit probe (tests/security/double_submit.py)."""
    return DoubleSubmit(persona)
