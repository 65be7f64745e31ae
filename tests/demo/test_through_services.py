"""The demo loader writes through the services only, so that the demo is validated and audited
like real use (docs/architecture.md, "Writing"): no ORM write in `src/kokoma/demo/`, except any
listed below with its reason. None is left: even the demo's dates in the past go through the
services (their `at=`).

The check reads the source with `ast`: any call of a writing method, on whatever object, counts.
Many-to-many `.add`/`.remove`/`.clear` share their names with Python's own sets and stay out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "src" / "kokoma" / "demo"

WRITES = {
    "bulk_create",
    "bulk_update",
    "create",
    "create_superuser",
    "create_user",
    "delete",
    "get_or_create",
    "save",
    "set",
    "update",
    "update_or_create",
}

# (file below src/kokoma/demo, method, its keyword arguments) → why it may write directly.
ALLOWED: dict[tuple[str, str, tuple[str, ...]], str] = {}

Write = tuple[int, str, tuple[str, ...]]


def direct_writes(source: str) -> list[Write]:
    """(line, method, sorted keyword names) of every call of a writing method in `source`."""
    return [
        (node.lineno, node.func.attr, tuple(sorted(k.arg or "**" for k in node.keywords)))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITES
    ]


def test_the_demo_writes_only_through_the_services() -> None:
    files = sorted(DEMO.rglob("*.py"))
    assert len(files) >= 8, f"the demo is no longer in {DEMO}?"
    refused, used = [], set()
    for path in files:
        name = path.relative_to(DEMO).as_posix()
        for line, method, keywords in direct_writes(path.read_text(encoding="utf-8")):
            if (name, method, keywords) in ALLOWED:
                used.add((name, method, keywords))
            else:
                refused.append(f"src/kokoma/demo/{name}:{line}: .{method}(…)")
    assert refused == [], "the demo writes past the services:\n" + "\n".join(refused)
    assert used == set(ALLOWED), "an exception that is no longer needed leaves the list"


@pytest.mark.parametrize(
    "source",
    [
        "Term.objects.bulk_create(terms)",
        "Case.objects.filter(pk=case.pk).update(title='x')",
        "checklist, created = Checklist.objects.get_or_create(band=1)",
        "User.objects.create_user(email=address, password=secret)",
        "municipality.save()",
        "case.topics.set(topics)",
        "[Actor.objects.create(case=case, pseudonym=name) for name in names]",
        "Measure.objects.filter(pk=1).update(created_at=now, due_on=day)",
    ],
)
def test_the_check_finds_a_direct_write(source: str) -> None:
    ((_, method, keywords),) = direct_writes(source)
    assert ("cases.py", method, keywords) not in ALLOWED


def test_the_check_lets_service_calls_and_reads_pass() -> None:
    source = (
        "services.add_actor(case, by=tandem, pseudonym='A', kind='group')\n"
        "Case.objects.filter(title=title).exists()\n"
        "existing = {term.name for term in Term.objects.all()}\n"
    )
    assert direct_writes(source) == []
