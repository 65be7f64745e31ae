"""Forum data for tests, made through the services as in real use."""

from __future__ import annotations

from kokoma.accounts.models import User
from kokoma.forum import services
from kokoma.forum.models import Category, Thread

from ..conftest import demo_user


def category(name: str = "Testkategorie") -> Category:
    found = Category.objects.filter(name=name).first()
    return found or services.add_category(by=demo_user("servicestelle"), name=name)


def thread(
    *,
    by: User | None = None,
    title: str = "Ein Thema zum Testen",
    text: str = "Der erste Beitrag.",
    in_category: Category | None = None,
) -> Thread:
    return services.start_thread(
        in_category or category(),
        by=by or demo_user("lokal.cottbus"),
        title=title,
        text=text,
    ).thread


def outsider() -> User:
    """An account that no municipality has taken in and that holds no programme role."""
    return User.objects.create_user(
        email="neu.registriert@example.org", display_name="Neu Registriert"
    )
