"""The case team page: adding and removing members (need-to-know)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.viewutils import call_service

from .. import services
from ..forms.team import TeamMemberForm
from ..models import (
    Case,
    CaseTeamMember,
)
from .case import case_form_page


@case_permission("cases.manage_team")
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, case: Case) -> HttpResponse:
    # `?person=<id>` preselects a person, e.g. from the note that a mention did not reach them.
    form = TeamMemberForm(
        request.POST or None, case=case, initial={"user": request.GET.get("person")}
    )
    if request.method == "POST" and form.is_valid():
        member = call_service(
            form, services.add_team_member, case, by=_user(request), user=form.cleaned_data["user"]
        )
        if member is not None:
            messages.success(
                request,
                _("%(name)s was added to the case team.") % {"name": form.cleaned_data["user"]},
            )
            return redirect("cases:team", reference=case.reference)
    members = case.team.select_related("user", "added_by")
    return case_form_page(
        request, case, form, _("Case team"), "cases/caseteammember_list.html", members=members
    )


@case_permission("cases.manage_team")
@require_POST
def team_remove(request: HttpRequest, case: Case, member_id: int) -> HttpResponse:
    member = get_object_or_404(
        CaseTeamMember.objects.select_related("user", "case__municipality"),
        case=case,
        pk=member_id,
    )
    services.remove_team_member(member, by=_user(request))
    messages.success(request, _("%(name)s was removed from the case team.") % {"name": member.user})
    return redirect("cases:team", reference=case.reference)
