from typing import Any

from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "KOKOMA_ENV": settings.KOKOMA_ENV,
        "KOKOMA_DEMO": not settings.PRODUCTION,
        "SESSION_IDLE_SECONDS": settings.KOKOMA_SESSION_IDLE_SECONDS,
        "SESSION_IDLE_MINUTES": settings.KOKOMA_SESSION_IDLE_SECONDS // 60,
    }
