"""The library's pages. The list, an item and its file are public pages: what each visitor finds
there is decided by `Resource.objects.visible_to` alone (an anonymous visitor: the public items);
an item out of the visitor's reach answers 404 like a missing one."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import ObjectScope, programme_permission, public
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.uploads import download
from kokoma.core.viewutils import call_service, paginate

from . import services
from .forms import FilterForm, ResourceForm
from .models import Resource

resource_permission = ObjectScope(
    "library_resource", lambda user: Resource.objects.visible_to(user), pk="resource_id"
).permission


def _visible(request: HttpRequest, resource_id: int) -> Resource:
    return get_object_or_404(
        Resource.objects.visible_to(request.user).select_related("created_by"), pk=resource_id
    )


def _detail_url(resource: Resource) -> str:
    return reverse("library:detail", kwargs={"resource_id": resource.pk})


RESOURCE_COLUMNS = [
    Column(gettext_lazy("Title"), lambda resource: resource.title),
    Column(gettext_lazy("Kind"), lambda resource: resource.get_kind_display()),
    Column(
        gettext_lazy("Topics"), lambda resource: ", ".join(str(t) for t in resource.topics.all())
    ),
    Column(gettext_lazy("Visible to"), lambda resource: resource.get_visibility_display()),
]


@public
@require_safe
def resource_list(request: HttpRequest) -> HttpResponseBase:
    user = request.user
    form = FilterForm(request.GET or None)
    resources = Resource.objects.visible_to(user)
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        if data["q"].strip():
            resources = resources.search(data["q"])
        if data["kind"]:
            resources = resources.of_kind(data["kind"])
        if data["topic"] is not None:
            resources = resources.with_topic(data["topic"])
        filtered = bool(data["q"].strip() or data["kind"] or data["topic"])
    if kind := export_kind(request):
        return export(resources.for_list(), RESOURCE_COLUMNS, kind=kind, filename="bibliothek")
    page, query = paginate(request, resources.for_list())
    return render(
        request,
        "library/resource_list.html",
        {
            "filter_form": form,
            "page": page,
            "query": query,
            "filtered": filtered,
            "can_add": rules.has_perm("library.add_resource", user),
            "in_network": rules.has_perm("network.use_network", user),
        },
    )


@public
@require_safe
def resource_detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = _visible(request, resource_id)
    return render(
        request,
        "library/resource_detail.html",
        {
            "resource": resource,
            "topics": list(resource.topics.all()),
            "can_change": rules.has_perm("library.change_resource", request.user, resource),
            "in_network": rules.has_perm("network.use_network", request.user),
        },
    )


@public
@require_safe
def resource_download(request: HttpRequest, resource_id: int) -> HttpResponseBase:
    """The item's file, after the same check as its page (copied from the training's
    materials: `core.uploads.download`, an attachment no browser renders)."""
    resource = _visible(request, resource_id)
    if not resource.file:
        return redirect(_detail_url(resource))
    return download(resource.file, title=resource.title, content_type=resource.content_type)


def _form_page(
    request: HttpRequest, form: ResourceForm, title: str, resource: Resource | None = None
) -> HttpResponse:
    return render(
        request,
        "library/resource_form.html",
        {"form": form, "title": title, "resource": resource, "in_network": True},
    )


@programme_permission("library.add_resource")
@require_http_methods(["GET", "POST"])
def resource_add(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ResourceForm(request.POST or None, request.FILES or None, by=user)
    if request.method == "POST" and form.is_valid():
        resource = call_service(form, services.add_resource, by=user, **form.cleaned_data)
        if resource is not None:
            messages.success(request, _("The item was added to the library."))
            return redirect(_detail_url(resource))
    return _form_page(request, form, _("Add to the library"))


@resource_permission("library.change_resource")
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, resource: Resource) -> HttpResponse:
    user = _user(request)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource, by=user)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, services.change_resource, resource, by=user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("The item was saved."))
            return redirect(_detail_url(saved))
    return _form_page(request, form, _("Edit library item"), resource)


@resource_permission("library.change_resource")
@require_POST
def resource_delete(request: HttpRequest, resource: Resource) -> HttpResponse:
    try:
        services.delete_resource(resource, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(resource))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": resource})
    return redirect("library:list")
