"""The opinion map is computed in the background (`manage.py db_worker`), never in a request:
after new votes or a moderation decision, at most once per `KOKOMA_DIALOGUE_MAP_DELAY` seconds
per dialogue."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task


@task()
def compute_map(dialogue_id: int) -> bool:
    """Recompute the dialogue's map if its votes or moderation changed since the last one."""
    from .opinion_map import refresh_map

    return refresh_map(dialogue_id) is not None


def schedule_map(dialogue_id: int) -> None:
    """Queue one computation for a few seconds from now, unless one is queued already: votes
    arriving meanwhile are counted by it (the marker in the cache lives as long as the delay)."""
    delay = settings.KOKOMA_DIALOGUE_MAP_DELAY
    if cache.add(f"kokoma:dialogue-map-queued:{dialogue_id}", True, timeout=delay):
        when = timezone.now() + datetime.timedelta(seconds=delay)
        compute_map.using(run_after=when).enqueue(dialogue_id)
