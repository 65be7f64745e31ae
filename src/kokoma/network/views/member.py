from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from kokoma.accounts.access import acting_user
from kokoma.core.access import programme_permission
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, form_page, paginate

from .. import services
from ..access import member_permission
from ..forms import ExpertInviteForm, MemberFilter, MemberForm
from ..models import Member

BREADCRUMBS = "network/_breadcrumbs.html"


def _member_url(member: Member) -> str:
    return reverse("network:member_detail", kwargs={"network_member_id": member.pk})


MEMBER_COLUMNS = [
    Column(gettext_lazy("Name"), lambda member: member.name),
    Column(gettext_lazy("Kind"), lambda member: member.get_kind_display()),
    Column(
        gettext_lazy("Land"),
        lambda member: (
            member.municipality.register.get_land_display() if member.municipality else ""
        ),
    ),
    Column(gettext_lazy("Organisation"), lambda member: member.organisation),
    Column(gettext_lazy("Sector"), lambda member: member.get_sector_display()),
    Column(gettext_lazy("Topics"), lambda member: ", ".join(str(t) for t in member.topics.all())),
    Column(gettext_lazy("What we offer"), lambda member: member.offer),
]


@programme_permission("network.use_network")
@require_safe
def member_list(request: HttpRequest) -> HttpResponseBase:
    user = acting_user(request)
    members = Member.objects.visible_to(user).listed()
    filters = MemberFilter(request.GET or None)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            members = members.filter(
                Q(municipality__register__name__icontains=data["q"])
                | Q(person__display_name__icontains=data["q"])
                | Q(organisation__icontains=data["q"])
            )
        if data["kind"]:
            members = members.filter(kind=data["kind"])
        if data["topic"]:
            members = members.filter(topics=data["topic"])
        if data["land"]:
            members = members.filter(municipality__register__land=data["land"])
    members = members.order_by("kind", "municipality__register__name", "person__display_name")
    if kind := export_kind(request):
        return export(members, MEMBER_COLUMNS, kind=kind, filename="netzwerk-mitglieder")
    page, query = paginate(request, members)
    return render(
        request,
        "network/member_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "can_invite": user.has_perm("network.invite_expert"),
        },
    )


@member_permission("network.view_member")
@require_safe
def member_detail(request: HttpRequest, member: Member) -> HttpResponse:
    return render(
        request,
        "network/member_detail.html",
        {
            "member": member,
            "can_change": request.user.has_perm("network.change_member", member),
        },
    )


@member_permission("network.change_member")
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member: Member) -> HttpResponse:
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        topics = data.pop("topics")
        saved = call_service(
            form, services.change_member, member, by=acting_user(request), topics=topics, **data
        )
        if saved is not None:
            messages.success(request, _("The profile was saved."))
            return redirect(_member_url(saved))
    return form_page(
        request,
        form,
        title=_("Edit profile"),
        back_url=_member_url(member),
        breadcrumbs=BREADCRUMBS,
        subject=member,
        member=member,
    )


@programme_permission("network.invite_expert")
@require_http_methods(["GET", "POST"])
def expert_invite(request: HttpRequest) -> HttpResponse:
    form = ExpertInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        member = call_service(form, services.invite_expert, by=acting_user(request), **data)
        if member is not None:
            messages.success(
                request,
                _("%(name)s was invited: an e-mail with a link to set a password is on its way.")
                % {"name": member.name},
            )
            return redirect(_member_url(member))
    return form_page(
        request,
        form,
        title=_("Invite an expert"),
        back_url=reverse("network:member_list"),
        breadcrumbs=BREADCRUMBS,
        intro=_(
            "The expert gets an account with the programme role “expert” and a profile in the "
            "directory, which they complete themselves."
        ),
        submit_label=_("Invite"),
        directory=True,
    )
