"""Absolute links for e-mails.

A mail is read outside the site, often written by a background job without a request, and a
request's host may be a proxy's: every absolute link in a mail is built here, from the setting
`KOKOMA_BASE_URL` (scheme and host of the running site, checked in `settings.py`).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as `reverse` returns it) as a link to the running site."""
    if urlsplit(path).netloc:
        raise ValueError(f"absolute_url takes a path, not a full address: {path!r}")
    return settings.KOKOMA_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def on_site(url: str) -> str:
    """A link that a library built from the request's host, moved to the running site."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


def site_domain() -> str:
    """The running site's host (and port), as mails name it."""
    return urlsplit(settings.KOKOMA_BASE_URL).netloc
