from __future__ import annotations

from typing import Any

import rules

from kokoma.cases.models import Case
from kokoma.municipalities.predicates import is_tandem


@rules.predicate
def may_acknowledge(user: Any, alert: Any) -> bool:
    """A case alert: whoever may see the case; any other alert: the municipality's tandem."""
    if alert is None or not user.is_authenticated or not user.is_active:
        return False
    if alert.case_id is None:
        return bool(is_tandem(user, alert.municipality))
    return Case.objects.visible_to(user).filter(pk=alert.case_id).exists()
