"""The curriculum of the training: read by everybody signed in, kept by the programme office."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Sum
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import login_only, programme_permission
from kokoma.core.viewutils import call_service

from .. import services
from ..forms import CurriculumModuleForm
from ..models import CurriculumModule


@login_only
@require_safe
def curriculum(request: HttpRequest) -> HttpResponse:
    modules = CurriculumModule.objects.all()
    return render(
        request,
        "training/curriculum.html",
        {
            "modules": modules,
            "total_hours": modules.aggregate(total=Sum("hours"))["total"] or 0,
            "can_change": _user(request).has_perm("training.change_curriculum"),
        },
    )


def _form_page(
    request: HttpRequest, form: BaseForm, title: str, delete_url: str = ""
) -> HttpResponse:
    return render(
        request,
        "training/curriculummodule_form.html",
        {"form": form, "title": title, "delete_url": delete_url},
    )


@programme_permission("training.change_curriculum")
@require_http_methods(["GET", "POST"])
def module_add(request: HttpRequest) -> HttpResponse:
    form = CurriculumModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        module = call_service(form, services.add_module, by=_user(request), **form.cleaned_data)
        if module is not None:
            messages.success(request, _("The module was added to the curriculum."))
            return redirect("training:curriculum")
    return _form_page(request, form, _("Add a module"))


@programme_permission("training.change_curriculum")
@require_http_methods(["GET", "POST"])
def module_edit(request: HttpRequest, module_id: int) -> HttpResponse:
    module = get_object_or_404(CurriculumModule, pk=module_id)
    form = CurriculumModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_module, module, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The module was saved."))
            return redirect("training:curriculum")
    delete_url = reverse("training:module_delete", kwargs={"module_id": module.pk})
    return _form_page(request, form, _("Edit module"), delete_url)


@programme_permission("training.change_curriculum")
@require_POST
def module_delete(request: HttpRequest, module_id: int) -> HttpResponse:
    module = get_object_or_404(CurriculumModule, pk=module_id)
    services.delete_module(module, by=_user(request))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": module})
    return redirect("training:curriculum")
