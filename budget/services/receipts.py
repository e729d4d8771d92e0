"""Receipt files, which anyone may craft: checked by content before anything is saved,
cleaned (images decoded and encoded again, PDFs opened), then stored under a generated name
in the private media root, which no URL serves.

Helpers of the declaration services; they write nothing on their own.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Sum
from django.utils.translation import gettext as _

from adviesraad.uploads import (
    JPEG,
    PNG,
    RECEIPT_KINDS,
    CheckedFile,
    generated_name,
    store_file,
    validate_upload,
)

from ..models import Declaration, DeclarationLine, Receipt
from .common import BudgetError

# Limits for receipts: per file, per declaration, and pixels and pages per file.
RECEIPT_MAX_BYTES = 5 * 1024 * 1024
RECEIPTS_MAX_PER_DECLARATION = 12
RECEIPTS_MAX_BYTES_PER_DECLARATION = 25 * 1024 * 1024
RECEIPT_MAX_PIXELS = 40_000_000
RECEIPT_MAX_PDF_PAGES = 20

Checked = list[tuple[Any, CheckedFile]]


def checked_receipts(declaration: Declaration, uploads: list) -> Checked:
    """Validate every upload before anything is saved; refuse the lot if one is wrong, or if
    the declaration would hold more than ``RECEIPTS_MAX_PER_DECLARATION`` receipts or more
    than ``RECEIPTS_MAX_BYTES_PER_DECLARATION`` bytes."""
    existing = declaration.receipts.aggregate(n=Sum("size"))["n"] or 0
    count = declaration.receipts.count()
    if count + len(uploads) > RECEIPTS_MAX_PER_DECLARATION:
        raise BudgetError(
            _("Een declaratie heeft hoogstens %(n)s bewijsstukken.")
            % {"n": RECEIPTS_MAX_PER_DECLARATION},
            field="receipts",
        )
    checked = []
    total_size = existing
    for upload in uploads:
        try:
            info = validate_upload(upload, kinds=RECEIPT_KINDS, max_bytes=RECEIPT_MAX_BYTES)
        except ValidationError as exc:
            raise BudgetError(" ".join(exc.messages), field="receipts") from exc
        total_size += info.size
        checked.append((upload, info))
    if total_size > RECEIPTS_MAX_BYTES_PER_DECLARATION:
        raise BudgetError(
            _("De bewijsstukken van één declaratie zijn samen hoogstens %(mb)s MB.")
            % {"mb": RECEIPTS_MAX_BYTES_PER_DECLARATION // (1024 * 1024)},
            field="receipts",
        )
    return checked


def _clean_bytes(upload: Any, info: CheckedFile) -> bytes:
    """Images are decoded and encoded again, which drops anything hidden in them (comments,
    trailing HTML or script, metadata); PDFs must open, not be encrypted and not be too long."""
    upload.seek(0)
    data = upload.read()
    if info.kind in (JPEG, PNG):
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > RECEIPT_MAX_PIXELS:
                    raise BudgetError(
                        _("De afbeelding %(naam)s is te groot.") % {"naam": info.original_name},
                        field="receipts",
                    )
                img.load()
                out = io.BytesIO()
                if info.kind == JPEG:
                    img.convert("RGB").save(out, format="JPEG", quality=85)
                else:
                    keep = (
                        img if img.mode in ("RGB", "RGBA", "L", "LA", "P") else img.convert("RGB")
                    )
                    keep.save(out, format="PNG", optimize=False)
                return out.getvalue()
        except BudgetError:
            raise
        except Exception as exc:  # Pillow raises many kinds for a crafted image
            raise BudgetError(
                _("Het bestand %(naam)s is beschadigd of niet te lezen.")
                % {"naam": info.original_name},
                field="receipts",
            ) from exc
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BudgetError(
                _("Het bestand %(naam)s is beveiligd met een wachtwoord.")
                % {"naam": info.original_name},
                field="receipts",
            )
        if len(reader.pages) > RECEIPT_MAX_PDF_PAGES:
            raise BudgetError(
                _("Het bestand %(naam)s heeft meer dan %(n)s pagina's.")
                % {"naam": info.original_name, "n": RECEIPT_MAX_PDF_PAGES},
                field="receipts",
            )
    except BudgetError:
        raise
    except Exception as exc:  # pypdf raises many kinds for a crafted PDF
        raise BudgetError(
            _("Het bestand %(naam)s is beschadigd of niet te lezen.")
            % {"naam": info.original_name},
            field="receipts",
        ) from exc
    return data


def store_receipts(
    declaration: Declaration, line: DeclarationLine | None, checked: Checked, *, by: Any, kind: str
) -> list[Receipt]:
    """Clean and store checked uploads as receipts of ``kind``; if one fails, the files
    stored so far are deleted again (the rows roll back with the caller's transaction)."""
    saved_names: list[str] = []
    receipts = []
    try:
        for upload, info in checked:
            data = _clean_bytes(upload, info)
            name = store_file(generated_name("receipts", info.kind), ContentFile(data))
            saved_names.append(name)
            receipts.append(
                Receipt.objects.create(
                    declaration=declaration,
                    line=line,
                    kind=kind,
                    file=name,
                    file_kind=info.kind,
                    content_type=info.content_type,
                    original_name=info.original_name,
                    size=len(data),
                    uploaded_by=by,
                )
            )
    except Exception:
        for name in saved_names:
            default_storage.delete(name)
        raise
    return receipts
