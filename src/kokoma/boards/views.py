from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import login_only, programme_permission
from kokoma.core.pdf import pdf_response
from kokoma.core.uploads import download
from kokoma.core.viewutils import call_service

from . import services
from .access import board_permission
from .forms import (
    AgendaDocumentForm,
    AgendaItemForm,
    ApologiesForm,
    AttendanceForm,
    BoardCreateForm,
    BoardForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
    ResolutionEditForm,
    ResolutionForm,
    ResolutionStatusForm,
)
from .models import AgendaDocument, AgendaItem, Board, Meeting, Resolution
from .pages import board_page, meeting_page


def _form_page(
    request: HttpRequest,
    board: Board | None,
    form: BaseForm,
    title: str,
    *,
    meeting: Meeting | None = None,
    intro: str = "",
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "boards/form.html",
        {
            "board": board,
            "meeting": meeting,
            "form": form,
            "title": title,
            "intro": intro,
            "multipart": multipart,
        },
    )


def _meeting(board: Board, meeting_id: int) -> Meeting:
    return get_object_or_404(board.meetings.all(), pk=meeting_id)


def _to_meeting(meeting: Meeting) -> HttpResponse:
    return redirect("boards:meeting_detail", board_id=meeting.board_id, meeting_id=meeting.pk)


@login_only
def board_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    boards = Board.objects.visible_to(user).select_related("municipality__register")
    return render(
        request,
        "boards/board_list.html",
        {"boards": boards, "may_add": user.has_perm("boards.add_board")},
    )


@programme_permission("boards.add_board")
@require_http_methods(["GET", "POST"])
def board_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = BoardCreateForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        board = call_service(form, services.create_board, by=user, **form.cleaned_data)
        if board is not None:
            messages.success(request, _("The board was set up."))
            return redirect("boards:detail", board_id=board.pk)
    return _form_page(request, None, form, _("Set up an advisory board"))


@board_permission("boards.view_board")
def board_detail(request: HttpRequest, board: Board) -> HttpResponse:
    return render(request, "boards/board_detail.html", board_page(board, _user(request)))


@board_permission("boards.manage_board")
@require_http_methods(["GET", "POST"])
def board_edit(request: HttpRequest, board: Board) -> HttpResponse:
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(form, services.change_board, board, by=_user(request), **data):
            messages.success(request, _("The board was saved."))
            return redirect("boards:detail", board_id=board.pk)
    return _form_page(request, board, form, _("Edit board"))


@board_permission("boards.manage_board")
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, board: Board) -> HttpResponse:
    form = MemberForm(request.POST or None, board=board)
    if request.method == "POST" and form.is_valid():
        member = call_service(
            form, services.add_member, board, by=_user(request), **form.cleaned_data
        )
        if member is not None:
            messages.success(request, _("%(name)s was added.") % {"name": member})
            return redirect("boards:detail", board_id=board.pk)
    return _form_page(request, board, form, _("Add member"))


@board_permission("boards.manage_board")
@require_http_methods(["GET", "POST"])
def member_end(request: HttpRequest, board: Board, board_member_id: int) -> HttpResponse:
    member = get_object_or_404(board.members.active().select_related("user"), pk=board_member_id)
    if request.method == "POST":
        services.end_membership(member, by=_user(request))
        messages.success(request, _("The membership of %(name)s has ended.") % {"name": member})
        return redirect("boards:detail", board_id=board.pk)
    return render(request, "boards/member_end.html", {"board": board, "member": member})


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, board: Board) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = call_service(
            form, services.schedule_meeting, board, by=_user(request), **form.cleaned_data
        )
        if meeting is not None:
            messages.success(request, _("The meeting was scheduled."))
            return _to_meeting(meeting)
    return _form_page(request, board, form, _("Schedule a meeting"))


@board_permission("boards.view_board")
def meeting_detail(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    context = meeting_page(board, meeting, _user(request))
    return render(request, "boards/meeting_detail.html", context)


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_meeting, meeting, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            if saved.invitations_sent_at and saved.sequence != meeting.sequence:
                messages.success(request, _("The change was sent to the members."))
            else:
                messages.success(request, _("The meeting was saved."))
            return _to_meeting(saved)
    return _form_page(request, board, form, _("Edit meeting"), meeting=meeting)


@board_permission("boards.convene_meeting")
@require_POST
def meeting_invite(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    try:
        invited = services.invite(meeting, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_meeting(meeting)
    messages.success(
        request,
        _("The invitation was sent to %(count)s members.") % {"count": len(invited.sent_to)},
    )
    if invited.without_email:
        messages.warning(
            request,
            _(
                "These members have no e-mail address and were not invited: %(names)s. Please "
                "invite them another way or add their address."
            )
            % {"names": ", ".join(member.display_name for member in invited.without_email)},
        )
    return _to_meeting(meeting)


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    if request.method == "POST":
        services.cancel_meeting(meeting, by=_user(request))
        messages.success(request, _("The meeting was cancelled."))
        return _to_meeting(meeting)
    return render(request, "boards/meeting_cancel.html", {"board": board, "meeting": meeting})


@board_permission("boards.view_board")
@require_POST
def apologies(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    """The signed-in member cannot attend the meeting, or can after all (`withdraw`)."""
    meeting = _meeting(board, meeting_id)
    form = ApologiesForm(request.POST)
    if form.is_valid():
        withdraw = form.cleaned_data["withdraw"]
        if call_service(
            form, services.send_apologies, meeting, by=_user(request), withdraw=withdraw
        ):
            messages.success(
                request,
                _("Your apologies were withdrawn.")
                if withdraw
                else _("Your apologies were recorded. The board knows that you cannot attend."),
            )
    if form.errors:
        messages.error(request, " ".join(str(error) for error in form.non_field_errors()))
    return _to_meeting(meeting)


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    form = MinutesForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.save_minutes, meeting, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The minutes were saved."))
            return _to_meeting(saved)
    return _form_page(request, board, form, _("Write the minutes"), meeting=meeting)


@board_permission("boards.view_board")
def minutes_pdf(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    context = meeting_page(board, meeting, _user(request))
    html = render_to_string("boards/minutes_pdf.html", context, request=request)
    return pdf_response(request, html, filename=f"protokoll-{slugify(meeting.title)}.pdf")


@board_permission("boards.convene_meeting")
@require_POST
def minutes_approve(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    try:
        services.approve_minutes(meeting, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes of the previous meeting were approved."))
    return _to_meeting(meeting)


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        user = _user(request)
        if call_service(
            form, services.record_attendance, meeting, by=user, statuses=form.statuses()
        ):
            messages.success(request, _("Attendance was saved."))
            return _to_meeting(meeting)
    return _form_page(request, board, form, _("Attendance and apologies"), meeting=meeting)


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, board: Board, meeting_id: int) -> HttpResponse:
    meeting = _meeting(board, meeting_id)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = call_service(
            form, services.add_agenda_item, meeting, by=_user(request), **form.cleaned_data
        )
        if item is not None:
            messages.success(request, _("The agenda item was added."))
            return _to_meeting(meeting)
    return _form_page(request, board, form, _("Add agenda item"), meeting=meeting)


def _item(board: Board, item_id: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting"), meeting__board=board, pk=item_id
    )


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, board: Board, item_id: int) -> HttpResponse:
    item = _item(board, item_id)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_agenda_item, item, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The agenda item was saved."))
            return _to_meeting(item.meeting)
    return _form_page(request, board, form, _("Edit agenda item"), meeting=item.meeting)


@board_permission("boards.convene_meeting")
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, board: Board, item_id: int) -> HttpResponse:
    item = _item(board, item_id)
    form = AgendaDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = call_service(
            form,
            services.upload_agenda_document,
            item,
            by=_user(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if document is not None:
            messages.success(request, _("The document was uploaded."))
            return _to_meeting(item.meeting)
    title = _("Add a document to “%(item)s”") % {"item": item.title}
    return _form_page(request, board, form, title, meeting=item.meeting, multipart=True)


@board_permission("boards.view_board")
def document_download(
    request: HttpRequest, board: Board, agenda_document_id: int
) -> HttpResponseBase:
    documents = AgendaDocument.objects.filter(item__meeting__board=board)
    if not request.user.has_perm("boards.view_confidential", board):
        documents = documents.filter(item__confidential=False)
    document = get_object_or_404(documents, pk=agenda_document_id)
    return download(document.file, title=document.title, content_type=document.content_type)


@board_permission("boards.record_resolution")
@require_http_methods(["GET", "POST"])
def resolution_add(request: HttpRequest, board: Board, item_id: int) -> HttpResponse:
    item = _item(board, item_id)
    user = _user(request)
    form = ResolutionForm(request.POST or None, board=board, may_link_cases=board.is_local)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reference = data.pop("case_reference", "")
        case = services.find_case(board, reference, by=user) if reference else None
        if reference and case is None:
            form.add_error(
                "case_reference", _("There is no case with this reference that you may see.")
            )
        else:
            resolution = call_service(
                form, services.record_resolution, item, by=user, case=case, **data
            )
            if resolution is not None:
                if resolution.task is not None:
                    messages.success(
                        request,
                        _("Recorded. %(person)s was given the follow-up as a task.")
                        % {"person": resolution.responsible},
                    )
                else:
                    messages.success(request, _("Recorded."))
                return _to_meeting(item.meeting)
    title = _("Record a decision or recommendation on “%(item)s”") % {"item": item.title}
    return _form_page(request, board, form, title, meeting=item.meeting)


@board_permission("boards.record_resolution")
@require_http_methods(["GET", "POST"])
def resolution_edit(request: HttpRequest, board: Board, resolution_id: int) -> HttpResponse:
    resolution = get_object_or_404(
        Resolution.objects.select_related("item__meeting__board", "task__assignee"),
        item__meeting__board=board,
        pk=resolution_id,
    )
    form = ResolutionEditForm(request.POST or None, instance=resolution)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_resolution, resolution, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The resolution was saved."))
            return _to_meeting(saved.item.meeting)
    return _form_page(
        request, board, form, _("Correct the resolution"), meeting=resolution.item.meeting
    )


@board_permission("boards.change_resolution_status")
@require_http_methods(["GET", "POST"])
def resolution_status(request: HttpRequest, board: Board, resolution_id: int) -> HttpResponse:
    user = _user(request)
    resolution = get_object_or_404(
        Resolution.objects.select_related("item__meeting"),
        item__meeting__board=board,
        pk=resolution_id,
    )
    if resolution.item.confidential and not user.has_perm("boards.view_confidential", board):
        raise Http404
    organiser = user.has_perm("boards.record_resolution", board)
    if not organiser and resolution.responsible_id != user.pk:
        messages.error(request, _("Only the responsible person and the organisers may do this."))
        return _to_meeting(resolution.item.meeting)
    form = ResolutionStatusForm(request.POST or None, initial={"status": resolution.status})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_resolution_status, resolution, by=user, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The status was changed."))
            return redirect("boards:detail", board_id=board.pk)
    context: dict[str, Any] = {"resolution": resolution}
    return render(
        request,
        "boards/resolution_status.html",
        {"board": board, "form": form, "title": _("Change the status"), **context},
    )
