"""Checking uploaded files by content, not by name (docs/rules.md, S12).

Every upload (meeting documents, receipts, request documents) goes through
:func:`validate_upload`, which reads the file's first bytes, checks them against the kinds the
caller allows, opens images and PDFs to make sure they parse, and enforces the size limit.
Files are stored under generated names by :func:`generated_name`; the original name is kept
only as text.
"""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "pdf"
JPEG = "jpeg"
PNG = "png"
DOCX = "docx"
XLSX = "xlsx"
PPTX = "pptx"
ODT = "odt"
ODS = "ods"

EXTENSIONS = {
    PDF: {".pdf"},
    JPEG: {".jpg", ".jpeg"},
    PNG: {".png"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    PPTX: {".pptx"},
    ODT: {".odt"},
    ODS: {".ods"},
}
CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ODT: "application/vnd.oasis.opendocument.text",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
}
RECEIPT_KINDS = (PDF, JPEG, PNG)
DOCUMENT_KINDS = (PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS)
_OOXML_MARKER = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}
_ODF_MIME = {
    ODT: b"application/vnd.oasis.opendocument.text",
    ODS: b"application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    size: int
    original_name: str


def _sniff(head: bytes, data_reader) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(data_reader()) as zf:
                names = zf.namelist()
                if "mimetype" in names:
                    mime = zf.read("mimetype").strip()
                    for kind, expected in _ODF_MIME.items():
                        if mime == expected:
                            return kind
                if "[Content_Types].xml" in names:
                    for kind, prefix in _OOXML_MARKER.items():
                        if any(n.startswith(prefix) for n in names):
                            return kind
        except zipfile.BadZipFile:
            return None
    return None


def _parses(kind: str, data: bytes) -> bool:
    if kind in (JPEG, PNG):
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as img:
                img.verify()
            return True
        except Exception:  # Pillow raises many kinds for a broken image
            return False
    if kind == PDF:
        from pypdf import PdfReader

        try:
            reader = PdfReader(io.BytesIO(data))
            return len(reader.pages) > 0
        except Exception:  # pypdf raises many kinds for a broken PDF
            return False
    return True


def validate_upload(upload, *, kinds=DOCUMENT_KINDS, max_bytes: int | None = None) -> CheckedFile:
    """Accept ``upload`` only if its content is one of ``kinds`` and matches its extension.

    Raises ``ValidationError`` with a Dutch message otherwise. An HTML file named ``.pdf``, an
    image that does not parse, or a file over the limit is refused.
    """
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    name = os.path.basename(upload.name or "")
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("Het bestand %(naam)s is leeg.") % {"naam": name})
    if upload.size > max_bytes:
        raise ValidationError(
            _("Het bestand %(naam)s is te groot (maximaal %(mb)s MB).")
            % {"naam": name, "mb": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = _sniff(data[:16], lambda: io.BytesIO(data))
    allowed_ext = set().union(*(EXTENSIONS[k] for k in kinds))
    ext = os.path.splitext(name)[1].lower()
    labels = ", ".join(sorted({e.lstrip(".").upper() for e in allowed_ext}))
    if ext not in allowed_ext or kind not in kinds:
        raise ValidationError(
            _("Het bestand %(naam)s is geen toegestaan bestand. Toegestaan: %(soorten)s.")
            % {"naam": name, "soorten": labels}
        )
    if ext not in EXTENSIONS[kind]:
        raise ValidationError(
            _("De inhoud van %(naam)s past niet bij de extensie %(ext)s.")
            % {"naam": name, "ext": ext}
        )
    if not _parses(kind, data):
        raise ValidationError(
            _("Het bestand %(naam)s is beschadigd of niet te lezen.") % {"naam": name}
        )
    return CheckedFile(
        kind=kind, content_type=CONTENT_TYPES[kind], size=upload.size, original_name=name[:200]
    )


def generated_name(prefix: str, kind: str) -> str:
    """A storage path that reveals nothing of the original name: ``<prefix>/<uuid>.<ext>``."""
    ext = sorted(EXTENSIONS[kind])[0] if kind != JPEG else ".jpg"
    return f"{prefix}/{uuid.uuid4().hex}{ext}"


# --- No orphan files (issue 12.6) ----------------------------------------------------------
# A service stores its file inside the transaction that creates the row naming it. When that
# transaction (or the savepoint around the service) rolls back, the row is gone but the file
# would stay on disk: a confidential file nobody can reach or delete. Every upload service
# therefore stores through ``store_file`` (or, after ``FieldFile.save``, calls
# ``discard_on_rollback``): the name is registered with ``transaction.on_commit``; Django drops
# the callbacks of a transaction or savepoint that rolls back, and dropping ours deletes the
# file. A commit keeps it. What a killed process leaves behind, ``manage.py
# report_orphan_files`` finds.


class _KeepOnCommit:
    """The on-commit callback for stored files: run means committed. When Django discards
    it unrun (a rollback), the finaliser in :func:`discard_on_rollback` deletes the files."""

    __slots__ = ("state", "__weakref__")

    def __init__(self, state: dict):
        self.state = state

    def __call__(self) -> None:
        self.state["committed"] = True


def _delete_unless_committed(storage, names: tuple[str, ...], state: dict) -> None:
    if state["committed"]:
        return
    import logging

    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a cleanup must never raise into the rollback
            logging.getLogger(__name__).exception("could not delete %s after a rollback", name)


def discard_on_rollback(*names: str | None, storage=None, using: str | None = None) -> None:
    """Delete the stored files ``names`` if the current transaction rolls back (at once when
    there is none: then they are committed already and kept)."""
    import weakref

    from django.core.files.storage import default_storage
    from django.db import transaction

    kept = tuple(name for name in names if name)
    if not kept:
        return
    state = {"committed": False}
    callback = _KeepOnCommit(state)
    weakref.finalize(callback, _delete_unless_committed, storage or default_storage, kept, state)
    transaction.on_commit(callback, using=using)


def store_file(name: str, content, *, storage=None) -> str:
    """Save ``content`` under ``name`` (a :func:`generated_name`) and return the name it got;
    the file goes again if the transaction that stored it rolls back."""
    from django.core.files.storage import default_storage

    storage = storage or default_storage
    stored = storage.save(name, content)
    discard_on_rollback(stored, storage=storage)
    return stored
