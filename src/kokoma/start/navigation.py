"""The main navigation: which entries a person sees, decided in this one place.

An entry is shown only where its page has something for the person, so that nobody is sent to an
empty page: the municipalities to whoever belongs to one (or the programme office), the case list
to whoever can see cases, "My tasks" to whoever works in a municipality or has been given a task,
the advisory boards to the programme office, the tandems (who set up local boards) and the boards'
members, the training's cohorts to the programme office, the trainers and whoever belongs to a
municipality (who may apply); supervision to supervisors and the process companions who book it,
the pool to the programme office; the network to everybody with a role in the programme (not to
an external board member, nor to an account no municipality has taken in yet). Everybody sees the start page,
their notifications and their account until then (`start/modules.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import rules
from django.db.models import Exists
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from kokoma.accounts.models import COMPANION_ROLES, MembershipRole, ProgrammeRole, User
from kokoma.boards.models import BoardMember
from kokoma.cases.models import CaseTeamMember
from kokoma.municipalities.predicates import roles_by_municipality
from kokoma.notifications.services import unread_count
from kokoma.tasks.models import Task
from kokoma.training.models import Certificate
from kokoma.training.predicates import remember_certified

# The network's areas, each under the one entry "Network".
NETWORK_AREAS = {"network", "forum", "library", "transfer", "consultation", "pool"}
# Roles that work in a municipality's daily business, and so are given tasks.
WORKING_ROLES = {*COMPANION_ROLES, MembershipRole.ACTOR}


@dataclass(frozen=True)
class Reach:
    """Which areas have something for a person: the basis of the navigation and the start page."""

    office: bool
    municipalities: bool
    cases: bool
    tasks: bool
    boards: bool = False
    training: bool = False


def reach(user: User) -> Reach:
    """The membership roles (a query the permission checks share) and, only for people outside
    a municipality's daily business, one more; kept on the user object for the rest of the
    request (navigation and start page both ask)."""
    cached: Reach | None = user.__dict__.get("_kokoma_reach")
    if cached is not None:
        return cached
    roles = set().union(*roles_by_municipality(user).values())
    office = user.is_programme_office
    # The tandem coordinates all cases of its municipality; others see the cases of their teams.
    ask: dict[str, Exists] = {}
    if not office and not roles & set(COMPANION_ROLES):
        ask["on_a_case_team"] = Exists(CaseTeamMember.objects.filter(user=user))
        # in the same query: a member of a board (the tandem and the office see them all)
        ask["in_a_board"] = Exists(BoardMember.objects.active().filter(user=user))
        # and whether they completed the training (trained conflict managers book supervision)
        ask["certified"] = Exists(Certificate.objects.valid().filter(enrolment__participant=user))
    # People in the daily business are given tasks; others only find those they were given.
    if roles and not roles & WORKING_ROLES:
        ask["given_a_task"] = Exists(Task.objects.visible_to(user).filter(assignee=user))
    found = User.objects.filter(pk=user.pk).annotate(**ask).values(*ask).get() if ask else {}
    if "certified" in found:
        remember_certified(user, found["certified"])
    result = Reach(
        office=office,
        # a board member who holds no other role sees the boards only (docs/decisions/0026)
        municipalities=office or bool(roles - {MembershipRole.BOARD_MEMBER}),
        cases=found.get("on_a_case_team", office or bool(roles & set(COMPANION_ROLES))),
        tasks=found.get("given_a_task", bool(roles & WORKING_ROLES)),
        boards=found.get("in_a_board", office or bool(roles & set(COMPANION_ROLES))),
        training=office
        or user.programme_role == ProgrammeRole.TRAINER
        or bool(roles - {MembershipRole.BOARD_MEMBER}),
    )
    user.__dict__["_kokoma_reach"] = result
    return result


@dataclass(frozen=True)
class NavEntry:
    label: str
    url: str
    current: bool


def main_navigation(user: User, *, view_name: str = "", app_name: str = "") -> list[NavEntry]:
    """The entries of the main navigation for `user`, the current page's marked."""
    if not user.is_authenticated:
        return []
    can = reach(user)
    entries = [NavEntry(_("Start page"), reverse("start:home"), view_name == "start:home")]
    if can.municipalities:
        label = _("Municipalities") if can.office else _("My municipalities")
        entries.append(
            NavEntry(label, reverse("municipalities:list"), app_name == "municipalities")
        )
    entries.append(
        NavEntry(
            _("Notifications (%(number)s unread)") % {"number": unread_count(user)},
            reverse("notifications:list"),
            app_name == "notifications",
        )
    )
    if can.cases:
        entries.append(
            NavEntry(_("Cases"), reverse("caselist:list"), app_name in {"caselist", "cases"})
        )
    if can.tasks:
        entries.append(NavEntry(_("My tasks"), reverse("tasks:mine"), app_name == "tasks"))
    if can.boards:
        entries.append(NavEntry(_("Boards"), reverse("boards:list"), app_name == "boards"))
    if can.training:
        entries.append(
            NavEntry(_("Training"), reverse("training:cohort_list"), app_name == "training")
        )
    # The rules alone: Django's model backend would read the permission tables on every page.
    # Supervision for supervisors and the companions who book it; the office sees its pool.
    if rules.has_perm("supervision.use_supervision", user):
        entries.append(
            NavEntry(_("Supervision"), reverse("supervision:home"), app_name == "supervision")
        )
    elif rules.has_perm("supervision.manage_pool", user):
        entries.append(
            NavEntry(_("Supervision pool"), reverse("supervision:pool"), app_name == "supervision")
        )
    if rules.has_perm("network.use_network", user):
        entries.append(NavEntry(_("Network"), reverse("network:home"), app_name in NETWORK_AREAS))
    if rules.has_perm("guidance.manage_guidance", user):
        entries.append(
            NavEntry(_("Guidance checklists"), reverse("guidance:list"), app_name == "guidance")
        )
    if rules.has_perm("cases.manage_taxonomy", user):
        entries.append(NavEntry(_("Taxonomies"), reverse("taxonomy:list"), app_name == "taxonomy"))
    entries.append(NavEntry(_("My account"), reverse("accounts:profile"), app_name == "accounts"))
    return entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `main_navigation`, computed only when a template shows it."""
    match = request.resolver_match

    def entries() -> list[NavEntry]:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return main_navigation(
            cast(User, user),
            view_name=match.view_name if match else "",
            app_name=match.app_name if match else "",
        )

    return {"main_navigation": SimpleLazyObject(entries)}
