from typing import cast

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kokoma.accounts.models import Membership, User
from kokoma.core.access import login_only
from kokoma.core.viewutils import call_service

from . import services
from .access import acting_user
from .forms import EmailChangeForm, HandleForm


@login_only
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    memberships = Membership.objects.filter(user=user).select_related("municipality__register")
    authenticators = Authenticator.objects.filter(user=user).values_list("type", flat=True)
    return render(
        request,
        "accounts/user_profile.html",
        {"memberships": memberships, "mfa_types": set(authenticators)},
    )


@login_only
@require_http_methods(["GET", "HEAD", "POST"])
def handle_edit(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = HandleForm(request.POST or None, initial={"handle": user.handle}, record=user)
    if request.method == "POST" and form.is_valid():
        changed = call_service(
            form, services.change_handle, user, by=user, handle=form.cleaned_data["handle"]
        )
        if changed is not None:
            messages.success(
                request, _("Your handle is now @%(handle)s.") % {"handle": changed.handle}
            )
            return redirect("accounts:profile")
    return render(request, "accounts/user_handle_form.html", {"form": form})


@login_only
@require_http_methods(["GET", "HEAD", "POST"])
def email_change(request: HttpRequest) -> HttpResponse:
    """Ask for a new login address: password again, then a link to the new address."""
    user = acting_user(request)
    form = EmailChangeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        new = call_service(
            form,
            services.request_email_change,
            user,
            by=user,
            new_email=form.cleaned_data["new_email"],
            password=form.cleaned_data["password"],
        )
        if new is not None:
            messages.info(
                request,
                _(
                    "We have sent a link to %(address)s. Open it to make this address your "
                    "login; until then you log in with %(current)s."
                )
                % {"address": new, "current": user.email},
            )
            return redirect("accounts:profile")
    return render(request, "accounts/user_email_form.html", {"form": form})


@login_only
@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request: HttpRequest, key: str) -> HttpResponse:
    """The link from the mail: shows the change and makes it on a click (a mail scanner that
    opens the link changes nothing)."""
    user = acting_user(request)
    change = services.read_email_change(key, user=user)
    error = ""
    if change is not None and request.method == "POST":
        try:
            services.confirm_email_change(user, by=user, key=key)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(
                request,
                _("Your e-mail address is now %(address)s. Please log in with it from now on.")
                % {"address": change.new},
            )
            return redirect("accounts:profile")
    return render(request, "accounts/user_email_confirm.html", {"change": change, "error": error})
