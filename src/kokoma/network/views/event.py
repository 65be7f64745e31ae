from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user
from kokoma.core.access import programme_permission
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.markdown import render_markdown
from kokoma.core.uploads import download
from kokoma.core.viewutils import call_service, form_page, paginate

from .. import services
from ..access import event_permission
from ..forms import DocumentationForm, EventDocumentForm, EventForm, RegistrationForm
from ..models import Event, EventRegistration, RegistrationStatus

BREADCRUMBS = "network/_breadcrumbs.html"


def _event_url(event: Event) -> str:
    return reverse("network:event_detail", kwargs={"event_id": event.pk})


# Every event, upcoming and past (the page pages the past ones only).
EVENT_COLUMNS = [
    Column(gettext_lazy("Title"), lambda event: event.title),
    Column(gettext_lazy("Kind"), lambda event: event.get_kind_display()),
    Column(gettext_lazy("Starts at"), lambda event: event.starts_at),
    Column(gettext_lazy("Ends at"), lambda event: event.ends_at),
    Column(gettext_lazy("Place"), lambda event: event.place),
    Column(gettext_lazy("Places"), lambda event: event.capacity),
    Column(gettext_lazy("Registered"), lambda event: event.registered_count),
]


@programme_permission("network.use_network")
@require_safe
def event_list(request: HttpRequest) -> HttpResponseBase:
    user = acting_user(request)
    events = Event.objects.visible_to(user).with_counts()
    if kind := export_kind(request):
        rows = events.order_by("-starts_at", "-pk")
        return export(rows, EVENT_COLUMNS, kind=kind, filename="netzwerk-veranstaltungen")
    page, query = paginate(request, events.past())
    mine = dict(
        EventRegistration.objects.filter(person=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("event_id", "status")
    )
    return render(
        request,
        "network/event_list.html",
        {
            "upcoming": [(event, mine.get(event.pk)) for event in events.upcoming()],
            "past": [(event, mine.get(event.pk)) for event in page],
            "page": page,
            "query": query,
            "can_create": user.has_perm("network.create_event"),
        },
    )


@programme_permission("network.create_event")
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisers = list(data.pop("organisers"))
        event = call_service(
            form, services.create_event, by=acting_user(request), organisers=organisers, **data
        )
        if event is not None:
            messages.success(request, _("The event was created."))
            return redirect(_event_url(event))
    return form_page(
        request,
        form,
        title=_("New event"),
        back_url=reverse("network:event_list"),
        breadcrumbs=BREADCRUMBS,
        events=True,
    )


@event_permission("network.view_event")
@require_safe
def event_detail(request: HttpRequest, event: Event) -> HttpResponse:
    user = acting_user(request)
    registration = EventRegistration.objects.filter(event=event, person=user).first()
    if registration is not None and registration.status == RegistrationStatus.CANCELLED:
        registration = None
    counted = Event.objects.with_counts().get(pk=event.pk)
    return render(
        request,
        "network/event_detail.html",
        {
            "event": event,
            "counts": counted,
            "programme": render_markdown(event.programme),
            "documentation": render_markdown(event.documentation),
            "documents": list(event.documents.all()),
            "organisers": list(event.organisers.all()),
            "registration": registration,
            "position": services.waiting_position(registration) if registration else None,
            "form": RegistrationForm() if registration is None else None,
            "can_change": user.has_perm("network.change_event", event),
            "can_register": user.has_perm("network.register", event),
        },
    )


@event_permission("network.change_event")
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisers = list(data.pop("organisers"))
        saved = call_service(
            form,
            services.change_event,
            event,
            by=acting_user(request),
            organisers=organisers or [acting_user(request)],
            **data,
        )
        if saved is not None:
            messages.success(request, _("The event was saved."))
            return redirect(_event_url(saved))
    return form_page(
        request,
        form,
        title=_("Edit event"),
        back_url=_event_url(event),
        breadcrumbs=BREADCRUMBS,
        subject=event,
        event=event,
    )


@event_permission("network.register")
@require_POST
def event_register(request: HttpRequest, event: Event) -> HttpResponse:
    form = RegistrationForm(request.POST)
    if form.is_valid():
        registration = call_service(
            form, services.register, event, by=acting_user(request), note=form.cleaned_data["note"]
        )
        if registration is not None:
            if registration.status == RegistrationStatus.REGISTERED:
                messages.success(request, _("You are registered. The event is in your calendar."))
            else:
                messages.warning(
                    request,
                    _(
                        "The event is full: you are number %(position)s on the waiting list. "
                        "If a place becomes free, you move up and are notified."
                    )
                    % {"position": services.waiting_position(registration)},
                )
            return redirect(_event_url(event))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect(_event_url(event))


@event_permission("network.register")
@require_POST
def event_cancel(request: HttpRequest, event: Event) -> HttpResponse:
    registration = (
        EventRegistration.objects.exclude(status=RegistrationStatus.CANCELLED)
        .filter(event=event, person=acting_user(request))
        .first()
    )
    if registration is None:
        messages.error(request, _("You are not registered for this event."))
        return redirect(_event_url(event))
    try:
        services.cancel_registration(registration, by=acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect(_event_url(event))


@event_permission("network.view_participants")
@require_safe
def event_participants(request: HttpRequest, event: Event) -> HttpResponse:
    registrations = event.registrations.select_related("person")
    return render(
        request,
        "network/event_participants.html",
        {
            "event": event,
            "registered": list(registrations.registered().order_by("person__display_name")),
            "waiting": list(registrations.waiting_list()),
            "cancelled": list(
                registrations.filter(status=RegistrationStatus.CANCELLED).order_by(
                    "person__display_name"
                )
            ),
        },
    )


@event_permission("network.change_event")
@require_http_methods(["GET", "POST"])
def event_documentation(request: HttpRequest, event: Event) -> HttpResponse:
    form = DocumentationForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.set_documentation,
            event,
            by=acting_user(request),
            documentation=form.cleaned_data["documentation"],
        )
        if saved is not None:
            messages.success(request, _("The documentation was saved."))
            return redirect(_event_url(saved))
    return form_page(
        request,
        form,
        title=_("Documentation of the event"),
        back_url=_event_url(event),
        breadcrumbs=BREADCRUMBS,
        subject=event,
        event=event,
    )


@event_permission("network.change_event")
@require_http_methods(["GET", "POST"])
def event_document_add(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            services.add_document,
            event,
            by=acting_user(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if document is not None:
            messages.success(request, _("The document was uploaded."))
            return redirect(_event_url(event))
    return form_page(
        request,
        form,
        title=_("Add a document"),
        back_url=_event_url(event),
        breadcrumbs=BREADCRUMBS,
        subject=event,
        multipart=True,
        event=event,
    )


@event_permission("network.view_event")
@require_safe
def event_document(request: HttpRequest, event: Event, event_document_id: int) -> HttpResponseBase:
    document = get_object_or_404(event.documents, pk=event_document_id)
    return download(document.file, title=document.title, content_type=document.content_type)


@event_permission("network.change_event")
@require_POST
def event_document_delete(
    request: HttpRequest, event: Event, event_document_id: int
) -> HttpResponse:
    document = get_object_or_404(event.documents, pk=event_document_id)
    services.delete_document(document, by=acting_user(request))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": document})
    return redirect(_event_url(event))
