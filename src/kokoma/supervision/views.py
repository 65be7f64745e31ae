"""The supervision pages: a supervisor's slots and sessions, a supervisee's bookings and the
open slots, the programme office's pool (rules, supervisors, anonymous counts)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.accounts.models import ProgrammeRole, User
from kokoma.core.access import programme_permission
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import call_service, paginate

from . import services
from .access import slot_permission
from .forms import CancelForm, NoteForm, OpenSlotFilter, PoolRulesForm, SlotEditForm, SlotForm
from .models import PoolRules, Slot
from .pages import home_page, open_slots, slot_page
from .statistics import THRESHOLD, statistics, totals


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    title: str,
    *,
    slot: Slot | None = None,
    intro: str = "",
    office: bool = False,
) -> HttpResponse:
    return render(
        request,
        "supervision/form.html",
        {"form": form, "title": title, "slot": slot, "intro": intro, "office": office},
    )


def _to_slot(slot: Slot) -> HttpResponse:
    return redirect("supervision:slot_detail", slot_id=slot.pk)


def _refused(request: HttpRequest, form: BaseForm) -> None:
    """A button's form refused (by its guard or the service): its reasons as messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@programme_permission("supervision.use_supervision")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "supervision/home.html", home_page(_user(request)))


SLOT_COLUMNS = [
    Column(gettext_lazy("Starts at"), lambda slot: slot.starts_at),
    Column(gettext_lazy("Ends at"), lambda slot: slot.ends_at),
    Column(gettext_lazy("Kind"), lambda slot: slot.get_kind_display()),
    Column(gettext_lazy("Topic"), lambda slot: slot.topic),
    Column(gettext_lazy("Place"), lambda slot: slot.place),
    Column(gettext_lazy("Supervisor"), lambda slot: str(slot.supervisor)),
    Column(gettext_lazy("Free places"), lambda slot: slot.free),
]


@programme_permission("supervision.book")
@require_safe
def slot_list(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    filters = OpenSlotFilter(request.GET or None)
    kind, since = "", None
    if filters.is_valid():
        kind, since = filters.cleaned_data["kind"], filters.cleaned_data["since"]
    if export_as := export_kind(request):
        slots = open_slots(user, kind=kind, since=since)
        return export(slots, SLOT_COLUMNS, kind=export_as, filename="supervision-termine")
    page, query = paginate(request, open_slots(user, kind=kind, since=since))
    return render(
        request,
        "supervision/slot_list.html",
        {"filters": filters, "page": page, "query": query, "rules": PoolRules.current()},
    )


@programme_permission("supervision.offer_slots")
@require_http_methods(["GET", "POST"])
def slot_create(request: HttpRequest) -> HttpResponse:
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "repeat": form.cleaned_data.get("repeat") or ""}
        slots = call_service(form, services.offer_slots, by=_user(request), **data)
        if slots:
            messages.success(
                request,
                _("The slot was published.")
                if len(slots) == 1
                else _("%(count)s slots were published.") % {"count": len(slots)},
            )
            return redirect("supervision:home")
    return _form_page(request, form, _("Offer a slot"))


@slot_permission("supervision.view_slot")
@require_safe
def slot_detail(request: HttpRequest, slot: Slot) -> HttpResponse:
    context = slot_page(slot, _user(request))
    context["action_form"] = CancelForm()
    return render(request, "supervision/slot_detail.html", context)


@slot_permission("supervision.manage_slot")
@require_http_methods(["GET", "POST"])
def slot_edit(request: HttpRequest, slot: Slot) -> HttpResponse:
    form = SlotEditForm(request.POST or None, instance=slot)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_slot, slot, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The slot was saved."))
            return _to_slot(saved)
    return _form_page(request, form, _("Edit slot"), slot=slot)


@slot_permission("supervision.manage_slot")
@require_http_methods(["GET", "POST"])
def slot_cancel(request: HttpRequest, slot: Slot) -> HttpResponse:
    # bound on every POST: the confirmation sends nothing but its guard
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.cancel_slot, slot, by=_user(request)) is not None:
            messages.success(request, _("The slot was cancelled; everybody booked was told."))
            return _to_slot(slot)
        _refused(request, form)
        return _to_slot(slot)
    booked = slot.bookings.active().count()
    return render(
        request, "supervision/slot_cancel.html", {"slot": slot, "form": form, "booked": booked}
    )


@slot_permission("supervision.book_slot")
@require_POST
def slot_book(request: HttpRequest, slot: Slot) -> HttpResponse:
    form = CancelForm(request.POST)
    if form.is_valid() and call_service(form, services.book, slot, by=_user(request)) is not None:
        messages.success(
            request, _("You have booked the session. A confirmation is on its way by e-mail.")
        )
    else:
        _refused(request, form)
    return _to_slot(slot)


@slot_permission("supervision.cancel_booking")
@require_POST
def booking_cancel(request: HttpRequest, slot: Slot) -> HttpResponse:
    user = _user(request)
    booking = slot.bookings.active().filter(supervisee=user).first()
    if booking is None:  # cancelled meanwhile, e.g. in another tab
        messages.info(request, _("You hold no booking in this slot (any more)."))
        return _to_slot(slot)
    form = CancelForm(request.POST)
    if (
        form.is_valid()
        and call_service(form, services.cancel_booking, booking, by=user) is not None
    ):
        messages.success(request, _("Your booking was cancelled."))
        return redirect("supervision:home")
    _refused(request, form)
    return _to_slot(slot)


@slot_permission("supervision.write_note")
@require_http_methods(["GET", "POST"])
def note_add(request: HttpRequest, slot: Slot) -> HttpResponse:
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = call_service(form, services.add_note, slot, by=_user(request), **form.cleaned_data)
        if note is not None:
            messages.success(request, _("The note was saved."))
            return _to_slot(slot)
    return _form_page(request, form, _("Write a note"), slot=slot)


@slot_permission("supervision.write_note")
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, slot: Slot, note_id: int) -> HttpResponse:
    note = get_object_or_404(slot.notes.all(), pk=note_id, author=_user(request))
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_note, note, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The note was saved."))
            return _to_slot(slot)
    return _form_page(request, form, _("Edit note"), slot=slot)


@programme_permission("supervision.manage_pool")
@require_safe
def pool(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    supervisors = (
        User.objects.filter(programme_role=ProgrammeRole.SUPERVISOR, is_active=True)
        .annotate(
            offered=Count(
                "supervision_slots",
                filter=Q(
                    supervision_slots__starts_at__gt=now,
                    supervision_slots__cancelled_at__isnull=True,
                ),
            )
        )
        .order_by("display_name")
    )
    rows = statistics()
    return render(
        request,
        "supervision/pool.html",
        {
            "rules": PoolRules.current(),
            "supervisors": supervisors,
            "rows": rows,
            "totals": totals(rows),
            "threshold": THRESHOLD,
        },
    )


@programme_permission("supervision.manage_pool")
@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest) -> HttpResponse:
    rules = PoolRules.current()
    form = PoolRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_pool_rules, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The rules of the pool were saved."))
            return redirect("supervision:pool")
    return _form_page(request, form, _("Rules of the supervision pool"), office=True)
