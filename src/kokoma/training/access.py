"""Views of one cohort or one registration: out of reach → 404, in reach but not allowed → 403."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import Cohort, Enrolment

cohort_permission = ObjectScope(
    "cohort", lambda user: Cohort.objects.visible_to(user), pk="cohort_id"
).permission
"""The view gets the cohort named by the URL's `cohort_id`, checked against the permission."""

enrolment_permission = ObjectScope(
    "enrolment",
    lambda user: Enrolment.objects.visible_to(user).select_related(
        "cohort", "participant", "municipality"
    ),
    pk="enrolment_id",
    cohort_id="cohort_id",
).permission
"""The view gets the registration named by `cohort_id` and `enrolment_id`."""
