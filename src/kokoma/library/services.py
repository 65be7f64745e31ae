"""The library's writes: adding, changing and deleting an item."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import rules
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record, save_audited, stored
from kokoma.core.moments import backdate
from kokoma.core.uploads import SHARED_TYPES, accepted
from kokoma.taxonomy.models import Term, TermKind

from .models import Resource, ResourceKind, Visibility

NOT_ALLOWED = "not_allowed"


def _check_link(link: str) -> str:
    link = link.strip()
    if link and (urlsplit(link).scheme.lower() != "https" or not urlsplit(link).hostname):
        raise ValidationError(
            {"link": _("Please give a link that begins with https:// (an encrypted address).")}
        )
    return link


def _check_topics(topics: Iterable[Term]) -> list[Term]:
    topics = list(topics)
    if any(term.kind != TermKind.TOPIC for term in topics):
        raise ValidationError({"topics": _("Please choose topics of the taxonomy only.")})
    return topics


def _check_visibility(by: User, visibility: str) -> None:
    if visibility == Visibility.PROGRAMME and not rules.has_perm("library.share_with_staff", by):
        raise ValidationError(
            {
                "visibility": _(
                    "Only the programme's staff can keep an item to the staff. Please choose "
                    "the network or the public."
                )
            }
        )


def _source(resource: Resource, *, upload: UploadedFile | None, link: str, keep_file: bool) -> None:
    """Set the item's file or link: an upload replaces a file or a link, a link replaces a
    file; with neither, a stored file is kept (`keep_file`)."""
    if upload is not None and link:
        raise ValidationError(
            _("Please either upload a file or give a link, not both."), code="both"
        )
    if upload is not None:
        try:
            values = accepted(upload, SHARED_TYPES)
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from error
        resource.file = values["file"]
        resource.content_type = values["content_type"]
        resource.size = values["size"]
        resource.link = ""
    elif link:
        resource.file = ""
        resource.content_type = ""
        resource.size = None
        resource.link = link
    elif not (keep_file and resource.file):
        raise ValidationError(_("Please either upload a file or give a link."), code="neither")


@transaction.atomic
def add_resource(
    *,
    by: User,
    title: str,
    kind: str = ResourceKind.OTHER,
    description: str = "",
    upload: UploadedFile | None = None,
    link: str = "",
    topics: Iterable[Term] = (),
    visibility: str = Visibility.NETWORK,
    at: datetime.datetime | None = None,
) -> Resource:
    if not rules.has_perm("library.add_resource", by):
        raise ValidationError(
            _("Only members of the network can add items to the library."), code=NOT_ALLOWED
        )
    _check_visibility(by, visibility)
    resource = Resource(
        title=title.strip(),
        kind=kind,
        description=description.replace("\r\n", "\n").strip(),
        visibility=visibility,
        created_by=by,
    )
    chosen = _check_topics(topics)
    _source(resource, upload=upload, link=_check_link(link), keep_file=False)
    save_audited(resource, by=by, related={"topics": chosen})
    backdate(resource, "created_at", at)
    return resource


@transaction.atomic
def change_resource(
    resource: Resource,
    *,
    by: User,
    title: str,
    kind: str,
    description: str = "",
    upload: UploadedFile | None = None,
    link: str = "",
    topics: Iterable[Term] = (),
    visibility: str = Visibility.NETWORK,
) -> Resource:
    """Change an item (its author or the programme office); a new upload or link replaces the
    old file, which is removed once the change is saved."""
    if not rules.has_perm("library.change_resource", by, resource):
        raise ValidationError(
            _("Only the person who added the item and the programme office can change it."),
            code=NOT_ALLOWED,
        )
    resource = stored(resource)
    if visibility != resource.visibility:
        _check_visibility(by, visibility)
    old_file = resource.file.name if resource.file else ""
    resource.title = title.strip()
    resource.kind = kind
    resource.description = description.replace("\r\n", "\n").strip()
    resource.visibility = visibility
    chosen = _check_topics(topics)
    _source(resource, upload=upload, link=_check_link(link), keep_file=True)
    save_audited(resource, by=by, related={"topics": chosen})
    if old_file and resource.file.name != old_file:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return resource


@transaction.atomic
def delete_resource(resource: Resource, *, by: User) -> None:
    if not rules.has_perm("library.change_resource", by, resource):
        raise ValidationError(
            _("Only the person who added the item and the programme office can delete it."),
            code=NOT_ALLOWED,
        )
    record(by=by, action=AuditAction.DELETE, obj=resource)
    if resource.file:
        name, storage = resource.file.name, resource.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    resource.delete()
