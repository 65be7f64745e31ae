"""Early-warning panels for other pages: `{% case_alerts case %}` and `{% my_open_alerts %}`."""

from __future__ import annotations

from typing import Any

from django import template

from kokoma.cases.models import Case

from ..models import Alert

register = template.Library()

HOME_LIMIT = 5


def _user(context: template.Context) -> Any:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@register.inclusion_tag("prevention/_case_alerts.html", takes_context=True)
def case_alerts(context: template.Context, case: Case) -> dict[str, Any]:
    """The case's alerts, open ones first (one query); nothing when there are none."""
    user = _user(context)
    if user is None:
        return {"alerts": []}
    alerts = list(Alert.objects.visible_to(user).filter(case=case).order_by("-raised_at", "-id"))
    alerts.sort(key=lambda alert: alert.acknowledged_at is not None)  # stable: open ones first
    return {
        "alerts": alerts,
        "case": case,
        "may_open": user.has_perm("prevention.view_alerts", case.municipality),
    }


@register.inclusion_tag("prevention/_my_open_alerts.html", takes_context=True)
def my_open_alerts(context: template.Context) -> dict[str, Any]:
    """The open alerts the person may see, newest first (start page)."""
    user = _user(context)
    if user is None:
        return {"alerts": [], "total": 0}
    alerts = Alert.objects.visible_to(user).open().select_related("municipality__register")
    shown = list(alerts.order_by("-raised_at", "-id")[:HOME_LIMIT])
    total = len(shown) if len(shown) < HOME_LIMIT else alerts.count()
    return {"alerts": shown, "total": total}
