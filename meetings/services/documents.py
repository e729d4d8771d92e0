"""Documents on a meeting or one of its agenda items, public or confidential."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad import pagecache
from adviesraad.audit import audit_record
from adviesraad.uploads import (
    DOCUMENT_KINDS,
    discard_on_rollback,
    generated_name,
    validate_upload,
)

from .. import rules
from ..models import AgendaItem, Document, Meeting
from .base import MeetingError


def _public(document: Document, meeting: Meeting) -> bool:
    """Whether anonymous visitors see the document (on a public meeting, ``rules``)."""
    item = document.agenda_item
    return meeting.is_public and rules.document_is_public(
        document_public=document.is_public,
        item_public=item.is_public if item is not None else None,
    )


@transaction.atomic
def document_add(
    *,
    meeting: Meeting,
    by: Any,
    upload: Any,
    title: str = "",
    is_public: bool = False,
    agenda_item: AgendaItem | None = None,
) -> Document:
    """Attach a file to a meeting or one of its own agenda items. The file is checked by its
    content and size and stored under a generated name; the title defaults to the file's
    name. A public document (``rules.document_is_public``) of a public meeting is on the public
    site at once."""
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise MeetingError(
            _("Dit agendapunt hoort niet bij deze vergadering."), field="agenda_item"
        )
    try:
        checked = validate_upload(upload, kinds=DOCUMENT_KINDS)
    except ValidationError as exc:
        raise MeetingError(" ".join(exc.messages), field="file") from exc
    doc = Document(
        meeting=meeting,
        agenda_item=agenda_item,
        title=(title or checked.original_name).strip()[:200],
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        is_public=is_public,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    upload.seek(0)
    doc.file.save(generated_name(f"meetings/{meeting.pk}", checked.kind), upload, save=False)
    discard_on_rollback(doc.file.name)
    doc.save()
    audit_record(actor=by, action="document.added", obj=doc, data={"meeting": meeting.pk})
    if _public(doc, meeting):
        pagecache.public_changed()
    return doc


@transaction.atomic
def document_remove(*, document: Document, by: Any) -> None:
    """Remove a document; its file is deleted once the removal is committed."""
    public = _public(document, document.meeting)
    audit_record(actor=by, action="document.removed", obj=document)
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)
    if public:
        pagecache.public_changed()
