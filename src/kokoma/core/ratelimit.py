"""A per-client rate limit that never stores an IP address.

The cache key is an HMAC of the client's address and the number of the current time window,
so the address cannot be read back from the cache, and the key is useless once the window
(also the entry's timeout) is over.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address; behind N trusted reverse proxies the N-th entry of
    X-Forwarded-For from the right (each proxy appends the address it saw), since the entries
    further left are whatever the client sent (`KOKOMA_TRUSTED_PROXY_COUNT`, docs/betrieb.md)."""
    proxies = settings.KOKOMA_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_fingerprint(request: HttpRequest) -> str:
    """The client as a keyed hash of its address: the same client gives the same value, and the
    value does not give the address back (decision 0007)."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"client|{client_address(request)}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def client_key(request: HttpRequest, *, scope: str, window: int, now: float | None = None) -> str:
    address = client_address(request)
    number = int((time.time() if now is None else now) // window)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{address}|{number}".encode(), hashlib.sha256
    ).hexdigest()
    return f"kokoma-ratelimit:{scope}:{digest}"


def over_limit(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    """Whether the client has already used up `limit` attempts in this window (read only)."""
    return int(cache.get(client_key(request, scope=scope, window=window), 0)) >= limit


def count(request: HttpRequest, *, scope: str, window: int) -> None:
    """Count one attempt of the client in the current window."""
    key = client_key(request, scope=scope, window=window)
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
