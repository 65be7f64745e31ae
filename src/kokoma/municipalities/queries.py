"""Reads for pages that span several municipalities (start page, overview)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch

from kokoma.accounts.models import COMPANION_ROLES, Membership, MembershipRole, ProgrammeRole, User

from .models import Municipality, Phase, PhaseChange, WorkLogEntry


def with_tandem(queryset: Any) -> Any:
    return queryset.select_related("register").prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(role__in=COMPANION_ROLES).select_related("user"),
        )
    )


def start_page(user: User) -> dict[str, Any]:
    """What the start page shows: my municipalities, my open tasks, what is new."""
    # a board membership alone shows the boards, not the municipality (decision 0026)
    visible = Municipality.objects.listed_for(user)
    context: dict[str, Any] = {
        "is_office": user.is_programme_office,
        "programme_role": user.programme_role,
        "roles": user.role_labels(),
    }
    if user.is_programme_office:
        counts = dict(visible.values_list("phase").annotate(n=Count("id")).order_by())
        context["phase_counts"] = [(phase.label, counts.get(phase.value, 0)) for phase in Phase]
        context["municipality_total"] = sum(counts.values())
        context["without_tandem"] = with_tandem(
            visible.exclude(memberships__role=MembershipRole.EXTERNAL_COMPANION)
            | visible.exclude(memberships__role=MembershipRole.LOCAL_COMPANION)
        ).distinct()[:10]
        weeks = settings.KOKOMA_PROCESS_STALLED_WEEKS
        context["stalled_weeks"] = weeks
        context["stalled"] = list(
            visible.stalled(weeks=weeks)
            .select_related("register")
            .order_by("process_last_progress", "register__name")[:10]
        )
    else:
        memberships = (
            Membership.objects.filter(user=user)
            # a board membership is shown with the boards (kokoma.boards), not as a workspace
            .exclude(role=MembershipRole.BOARD_MEMBER)
            .select_related("municipality__register")
            .order_by("municipality__register__name", "role")
        )
        grouped: dict[int, dict[str, Any]] = {}
        for membership in memberships:
            item = grouped.setdefault(
                membership.municipality_id,
                {"municipality": membership.municipality, "roles": []},
            )
            item["roles"].append(membership.get_role_display())
        context["my_municipalities"] = list(grouped.values())
    tandem_of = Membership.objects.tandem_municipalities(user)
    context["open_tasks"] = (
        WorkLogEntry.objects.open_next_steps()
        .filter(municipality_id__in=tandem_of)
        .select_related("municipality__register")
        .order_by("next_steps_due", "date")[:10]
    )
    context["news"] = (
        PhaseChange.objects.filter(municipality__in=visible)
        .select_related("municipality__register", "changed_by")
        .order_by("-changed_on", "-changed_at")[:8]
    )
    context["is_supervisor"] = user.programme_role == ProgrammeRole.SUPERVISOR
    context["is_pool_companion"] = user.programme_role == ProgrammeRole.EXTERNAL_COMPANION
    return context
