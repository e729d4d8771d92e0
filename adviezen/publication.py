"""What the public advice page shows besides the advice (issue 13, item 13; issue 17, item 1):
the college's request letter (when the council publishes requests), the college's response
document, the date the response is due and whether it is overdue.

Reads only advices from ``selectors.advice_public_qs`` (the caller's): nothing unpublished or
confidential. The due date and the overdue status are ``rules.response_due_on`` and
``rules.response_is_overdue`` with the council's response term; nothing is re-derived here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import PurePath

from django.db.models.fields.files import FieldFile
from django.utils import timezone

from adviesraad.uploads import CONTENT_TYPES, EXTENSIONS
from members.selectors import council_settings_get

from . import rules
from .models import Advice


@dataclass(frozen=True)
class PublicDocument:
    """A stored document as the public may download it."""

    file: FieldFile
    filename: str
    content_type: str
    is_pdf: bool

    @property
    def format_label(self) -> str:
        """ "PDF", "DOCX": what the link says the download is."""
        return PurePath(self.filename).suffix.lstrip(".").upper()


def _document(file: FieldFile, *, reference: str, what: str) -> PublicDocument | None:
    if not file:
        return None
    suffix = PurePath(file.name).suffix.lower()
    kind = next((k for k, extensions in EXTENSIONS.items() if suffix in extensions), None)
    if kind is None:
        return None
    return PublicDocument(
        file=file,
        filename=f"{reference}-{what}{suffix}",
        content_type=CONTENT_TYPES[kind],
        is_pdf=suffix == ".pdf",
    )


def requests_published() -> bool:
    """Whether the council publishes the college's request letters (default off; the
    council setting ``publish_requests``, under Raadsinstellingen). The one place that reads
    the setting."""
    return council_settings_get().publish_requests


def public_request_document(advice: Advice) -> PublicDocument | None:
    """The college's request letter of a published advice, only while the council publishes
    requests (:func:`requests_published`)."""
    if not advice.request_document:
        return None  # no setting read for the many advices without a letter
    if not requests_published():
        return None
    return _document(advice.request_document, reference=advice.reference, what="adviesaanvraag")


def public_response_document(advice: Advice) -> PublicDocument | None:
    """The college's response document of a published advice, once registered."""
    response = getattr(advice, "response", None)
    if response is None:
        return None
    return _document(response.document, reference=advice.reference, what="reactie")


@dataclass(frozen=True)
class ResponseStatus:
    due_on: datetime.date | None
    overdue: bool


def public_response_status(advice: Advice, *, today: datetime.date) -> ResponseStatus:
    """When the college's response is due, and whether it is overdue (docs/rules.md, D18).
    An answered advice reads no settings: it is neither due nor overdue any more."""
    answered = getattr(advice, "response", None) is not None
    if advice.sent_at is None or answered:
        return ResponseStatus(due_on=None, overdue=False)
    sent_on = timezone.localdate(advice.sent_at)
    weeks = council_settings_get().response_deadline_weeks
    return ResponseStatus(
        due_on=rules.response_due_on(sent_on=sent_on, weeks=weeks),
        overdue=rules.response_is_overdue(
            sent_on=sent_on, answered=answered, today=today, weeks=weeks
        ),
    )
