"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py): the
demo's first thread, in its category, and a reply in it written by the Cottbus local companion
(who alone may edit it; the programme office moderates it)."""

from __future__ import annotations

from kokoma.demo.forum import THREADS
from kokoma.forum.models import Post, Thread

from ..conftest import demo_user


def matrix_thread() -> Thread:
    return Thread.objects.select_related("category").get(title=THREADS[0].title)


def matrix_post() -> Post:
    return Post.objects.filter(
        thread=matrix_thread(), author=demo_user("lokal.cottbus"), hidden_at__isnull=True
    ).get()


SAMPLES = {
    "category_id": lambda: matrix_thread().category_id,
    "thread_id": lambda: matrix_thread().pk,
    "post_id": lambda: matrix_post().pk,
}
