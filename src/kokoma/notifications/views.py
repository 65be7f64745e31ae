from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import login_only
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, paginate

from . import emails, services
from .forms import EmailPreferenceForm
from .models import Notification

NOTIFICATION_COLUMNS = [
    Column(gettext_lazy("Time"), lambda notification: notification.created_at),
    Column(gettext_lazy("Notification"), lambda notification: notification.display_text),
    Column(gettext_lazy("read"), lambda notification: notification.read_at),
]


@login_only
@require_safe
def notification_list(request: HttpRequest) -> HttpResponseBase:
    queryset = Notification.objects.filter(recipient=_user(request))
    if request.GET.get("ungelesen"):
        queryset = queryset.unread()
    if kind := export_kind(request):
        return export(queryset, NOTIFICATION_COLUMNS, kind=kind, filename="benachrichtigungen")
    page, query = paginate(request, queryset)
    return render(
        request,
        "notifications/notification_list.html",
        {
            "page": page,
            "query": query,
            "only_unread": bool(request.GET.get("ungelesen")),
            "unread_total": services.unread_count(_user(request)),
        },
    )


@login_only
@require_POST
def notification_mark_read(request: HttpRequest) -> HttpResponse:
    """POST `notification` (an id) marks one as read, without it all; then follows `next`."""
    raw = request.POST.get("notification", "")
    notification_id = int(raw) if raw.isdigit() else None
    changed = services.mark_read(by=_user(request), notification_id=notification_id)
    if notification_id is None and changed:
        messages.success(request, _("All notifications are marked as read."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_only
@require_http_methods(["GET", "HEAD", "POST"])
def email_settings(request: HttpRequest) -> HttpResponse:
    """Each person chooses: one e-mail per notification, a daily digest, or none."""
    user = _user(request)
    form = EmailPreferenceForm(
        request.POST or None, initial={"frequency": emails.frequency_of(user)}
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.set_email_frequency, by=user, frequency=form.cleaned_data["frequency"]
        )
        if saved is not None:
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("notifications:settings")
    return render(request, "notifications/emailpreference_form.html", {"form": form})
