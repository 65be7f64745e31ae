"""Operations of the conflict analysis on a case: assessments, actors, relations, documents.

Like `services.py`: keyword-only arguments, the acting user as `by`, atomic, audited. Each
function validates on its own, so that a crafted request cannot bypass a form's checks.
"""

from __future__ import annotations

import datetime
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import diff, record

from .models import (
    Actor,
    ActorIdentity,
    Case,
    Document,
    EscalationAssessment,
    Relation,
    ThreatAssessment,
    ThreatDimension,
)

# Allowed document types: extension → (content type, accepted leading bytes).
ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP_MAGIC,)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP_MAGIC,),
    ),
    ".txt": ("text/plain", ()),
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "KOKOMA_MAX_UPLOAD_MB", 10)) * 1024 * 1024


def _audit(by: User, action: AuditAction, obj: Any, case: Case, changes: Any = None) -> None:
    record(by=by, action=action, obj=obj, municipality=case.municipality, changes=changes)


@transaction.atomic
def assess_threat(
    case: Case,
    *,
    by: User,
    dimension: str,
    score: int,
    rationale: str,
    assessed_on: datetime.date | None = None,
) -> ThreatAssessment:
    if dimension not in ThreatDimension.values:
        raise ValidationError(_("Please choose one of the threat dimensions."))
    if not 0 <= score <= 3:
        raise ValidationError(_("The score must be between 0 and 3."))
    assessment = ThreatAssessment(
        case=case,
        dimension=dimension,
        score=score,
        rationale=rationale,
        assessed_on=assessed_on or timezone.localdate(),
        assessor=by,
    )
    assessment.full_clean()
    assessment.save()
    _audit(by, AuditAction.CREATE, assessment, case)
    return assessment


@transaction.atomic
def assess_escalation(
    case: Case,
    *,
    by: User,
    stage: int,
    rationale: str,
    assessed_on: datetime.date | None = None,
    actor: Actor | None = None,
) -> EscalationAssessment:
    if not 1 <= stage <= 9:
        raise ValidationError(_("The Glasl stage must be between 1 and 9."))
    if actor is not None and actor.case_id != case.pk:
        raise ValidationError(_("The actor does not belong to this case."))
    assessment = EscalationAssessment(
        case=case,
        actor=actor,
        stage=stage,
        rationale=rationale,
        assessed_on=assessed_on or timezone.localdate(),
        assessor=by,
    )
    assessment.full_clean()
    assessment.save()
    _audit(by, AuditAction.CREATE, assessment, case)
    return assessment


@transaction.atomic
def save_actor(actor: Actor, *, by: User) -> Actor:
    """Create or update an actor; the pseudonym must be unique within the case."""
    clash = Actor.objects.filter(case_id=actor.case_id, pseudonym__iexact=actor.pseudonym)
    if actor.pk:
        clash = clash.exclude(pk=actor.pk)
    if clash.exists():
        raise ValidationError(
            {"pseudonym": _("This case already has an actor with this pseudonym.")}
        )
    actor.full_clean(validate_unique=False)
    created = actor.pk is None
    before = {} if created else model_to_dict(Actor.objects.get(pk=actor.pk))
    actor.save()
    changes = None if created else diff(before, model_to_dict(actor))
    _audit(by, AuditAction.CREATE if created else AuditAction.UPDATE, actor, actor.case, changes)
    return actor


@transaction.atomic
def save_identity(
    actor: Actor, *, by: User, real_name: str, contact: str = "", notes: str = ""
) -> ActorIdentity | None:
    """Record, change or (with an empty name) delete the real identity behind a pseudonym."""
    identity = ActorIdentity.objects.filter(actor=actor).first()
    if not real_name.strip():
        if identity is not None:
            _audit(by, AuditAction.DELETE, identity, actor.case)
            identity.delete()
        return None
    created = identity is None
    identity = identity or ActorIdentity(actor=actor)
    identity.real_name, identity.contact, identity.notes = real_name.strip(), contact, notes
    identity.full_clean()
    identity.save()
    # The audit log says that the identity changed, never what it is.
    _audit(by, AuditAction.CREATE if created else AuditAction.UPDATE, identity, actor.case)
    return identity


def check_relation(relation: Relation) -> None:
    errors: dict[str, str] = {}
    actors = Actor.objects.filter(case_id=relation.case_id)
    if relation.source_id is None or not actors.filter(pk=relation.source_id).exists():
        errors["source"] = _("Please choose an actor of this case.")
    if relation.target_id is None or not actors.filter(pk=relation.target_id).exists():
        errors["target"] = _("Please choose an actor of this case.")
    if not errors and relation.source_id == relation.target_id:
        errors["target"] = _("A relation needs two different actors.")
    if relation.valid_from and relation.valid_to and relation.valid_to < relation.valid_from:
        errors["valid_to"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_relation(relation: Relation, *, by: User) -> Relation:
    check_relation(relation)
    relation.full_clean()
    created = relation.pk is None
    before = {} if created else model_to_dict(Relation.objects.get(pk=relation.pk))
    relation.save()
    changes = None if created else diff(before, model_to_dict(relation))
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    _audit(by, action, relation, relation.case, changes)
    return relation


@transaction.atomic
def end_relation(relation: Relation, *, by: User, valid_to: datetime.date) -> Relation:
    """A relation is ended, not deleted: the actor map of earlier dates still shows it."""
    relation = Relation.objects.select_for_update().get(pk=relation.pk)
    if relation.valid_from and valid_to < relation.valid_from:
        raise ValidationError({"valid_to": _("The end date must not be before the start date.")})
    before = relation.valid_to
    relation.valid_to = valid_to
    relation.save(update_fields=["valid_to"])
    _audit(
        by,
        AuditAction.UPDATE,
        relation,
        relation.case,
        {"valid_to": [str(before) if before else None, str(valid_to)]},
    )
    return relation


def check_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; a ValidationError for any other."""
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Allowed: PDF, PNG, JPEG, ODT, DOCX, TXT.")
        )
    content_type, magics = DOCUMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if magics:
        ok = any(head.startswith(magic) for magic in magics)
    else:  # plain text: no NUL bytes, valid UTF-8 (a multibyte character may be cut off)
        try:
            head.decode("utf-8")
            ok = b"\x00" not in head
        except UnicodeDecodeError as error:
            ok = error.start >= len(head) - 3 and b"\x00" not in head
    if not ok:
        raise ValidationError(_("The content of the file does not match its type."))
    return content_type


@transaction.atomic
def upload_document(case: Case, *, by: User, title: str, upload: UploadedFile) -> Document:
    content_type = check_upload(upload)
    extension = PurePath(upload.name or "").suffix.lower()
    # Our own file name: the original one may reveal people or contain odd characters.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    upload.name = f"{stamp}-{timezone.now().microsecond:06d}{extension}"
    document = Document(
        case=case,
        title=title,
        file=upload,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=by,
    )
    document.save()
    _audit(by, AuditAction.CREATE, document, case)
    return document


def record_document_download(document: Document, *, by: User) -> None:
    _audit(by, AuditAction.VIEW, document, document.case)
