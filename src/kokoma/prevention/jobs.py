"""Background jobs of the early warning (run by `manage.py db_worker`).

The daily check looks at every municipality and is the safety net; the check of one
municipality runs right after a change that could raise an alert there (see `reactions.py`).
"""

from __future__ import annotations

from django_tasks import task

from kokoma.municipalities.models import Municipality

from . import services


@task()
def daily_check() -> dict[str, int]:
    return services.run_check().as_dict()


@task()
def check_municipality(municipality_id: int) -> dict[str, int]:
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:  # deleted since the change
        return {}
    return services.run_check(municipality=municipality).as_dict()
