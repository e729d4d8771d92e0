"""PDFs of the budget app: the declaration for the municipality, the batch export with its
summary sheet, the annual plan and the annual report.

Covers are WeasyPrint (``adviesraad.pdf.render_pdf``; image receipts are handed to it as
``receipt:<id>`` files, nothing else can be fetched); PDF receipts are appended page by page
with pypdf.
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from adviesraad.pdf import render_pdf
from adviesraad.uploads import PDF, generated_name

from . import rules
from .models import (
    BudgetYear,
    Declaration,
    DeclarationExport,
    DeclarationExportPart,
    DeclarationLine,
    Receipt,
)


def _council():
    from members.selectors import council_settings_get

    return council_settings_get()


def declaration_queryset():
    return Declaration.objects.select_related(
        "claimant", "budget_year", "checked_by", "approved_by"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=DeclarationLine.objects.select_related("budget_line").order_by("date", "id"),
        ),
        Prefetch("receipts", queryset=Receipt.objects.order_by("uploaded_at", "id")),
    )


def declaration_context(declaration: Declaration, *, council=None) -> dict:
    lines = list(declaration.lines.all())
    per_line: dict[str, Decimal] = defaultdict(lambda: Decimal("0"))
    for line in lines:
        per_line[line.budget_line.get_category_display()] += line.amount
    dates = [line.date for line in lines]
    return {
        "council": council or _council(),
        "declaration": declaration,
        "lines": lines,
        "per_budget_line": sorted((k, rules.money(v)) for k, v in per_line.items()),
        "total": rules.total(line.amount for line in lines),
        "period": (min(dates), max(dates)) if dates else None,
        "iban": rules.iban_format(declaration.claimant.iban),
        "receipt_count": len(declaration.receipts.all()),
    }


# A4 at 150 dpi with a 15 mm margin, for receipts that are images.
A4_PX = (1240, 1754)
MARGIN_PX = 89


def image_page(data: bytes) -> bytes:
    """Place an image receipt on an A4 page (one-page PDF), scaled to fit, never enlarged.

    Done with Pillow rather than WeasyPrint so that rendering fetches no file at all: the
    image was decoded and re-encoded when it was uploaded.
    """
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        box = (A4_PX[0] - 2 * MARGIN_PX, A4_PX[1] - 2 * MARGIN_PX)
        img.thumbnail(box)
        page = Image.new("RGB", A4_PX, "white")
        page.paste(img, (MARGIN_PX, MARGIN_PX))
        out = io.BytesIO()
        page.save(out, format="PDF", resolution=150.0)
        return out.getvalue()


def _receipt_pdf(receipt: Receipt) -> io.BytesIO:
    """A receipt as PDF: a PDF as it is, an image placed on an A4 page."""
    with default_storage.open(receipt.file.name, "rb") as fh:
        data = fh.read()
    return io.BytesIO(data if receipt.file_kind == PDF else image_page(data))


def _append_receipts(writer, declaration: Declaration) -> None:
    """Every receipt in upload order: a PDF page by page, an image placed on an A4 page."""
    for receipt in declaration.receipts.all():
        writer.append(_receipt_pdf(receipt))


def declaration_pdf(declaration: Declaration) -> bytes:
    """Cover (WeasyPrint) followed by every receipt in upload order: PDF receipts appended
    page by page, image receipts placed on an A4 page each."""
    from pypdf import PdfWriter

    declaration = declaration_queryset().get(pk=declaration.pk)
    cover = render_pdf("budget/pdf/declaration.html", declaration_context(declaration))
    if not declaration.receipts.all():
        return cover
    writer = PdfWriter()
    writer.append(io.BytesIO(cover))
    _append_receipts(writer, declaration)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _covers_pdf(declarations: list[Declaration], council) -> tuple[bytes, set[int]]:
    """The covers of ``declarations`` as ONE WeasyPrint document, one page each (the
    per-document cost of styles, fonts and PDF output is paid once, not per declaration),
    and the ids of the covers that ran over a page: those are numbered wrongly here ("pagina 1
    van 1" on every page) and must be rendered on their own.

    Same renderer and URL fetcher as ``adviesraad.pdf.render_pdf``, which returns only bytes;
    the pages' anchors tell where each cover starts."""
    from weasyprint import HTML

    from adviesraad.pdf import RestrictedURLFetcher

    html = render_to_string(
        "budget/pdf/declaration_covers.html",
        {
            "council": council,
            "covers": [declaration_context(d, council=council) for d in declarations],
        },
    )
    document = HTML(
        string=html, base_url="about:blank", url_fetcher=RestrictedURLFetcher()
    ).render()
    # A cover's anchor is on every page the cover spans: it starts on the first of them.
    starts, seen = [], set()
    for index, page in enumerate(document.pages):
        new = {a for a in page.anchors if a.startswith("cover-")} - seen
        seen |= new
        starts += [index] * len(new)
    ends = [*starts[1:], len(document.pages)]
    long = {
        d.pk for d, start, end in zip(declarations, starts, ends, strict=True) if end - start > 1
    }
    return document.write_pdf(), long


# Progress of a part is written at most this often (seconds): a row update per declaration
# would cost more than assembling the part.
PROGRESS_EVERY = 0.5


def export_part_build(part: DeclarationExportPart, *, progress: Callable[[int], None]) -> str:
    """Render the declarations of one export part into one PDF file; returns its name.

    ``progress(rendered)`` is called with how many declarations are done, at most every
    ``PROGRESS_EVERY`` seconds and once at the end.

    Every declaration is its cover followed by its receipts, exactly as ``declaration_pdf``
    makes it on its own. The covers of the part are one WeasyPrint document appended at once
    (with its outline); the receipts are inserted after their cover, from the last
    declaration to the first so that the positions still to fill do not move. A cover longer
    than a page is rendered on its own and inserted with its receipts."""
    from pypdf import PdfReader, PdfWriter

    by_id = {d.pk: d for d in declaration_queryset().filter(pk__in=part.declaration_ids)}
    declarations = [by_id[pk] for pk in part.declaration_ids if pk in by_id]
    council = _council()
    writer = PdfWriter()
    single = declarations
    if declarations:
        covers, long = _covers_pdf(declarations, council)
        if long:  # rare: render the one-page covers again without the long ones
            single = [d for d in declarations if d.pk not in long]
            covers = _covers_pdf(single, council)[0] if single else b""
        if single:
            writer.append(PdfReader(io.BytesIO(covers)))
    single_ids = {d.pk for d in single}
    # Where each declaration's pages go: after the one-page covers before it (and its own).
    positions, seen = [], 0
    for d in declarations:
        seen += d.pk in single_ids
        positions.append(seen)
    last_report = time.monotonic()
    for done, (d, position) in enumerate(
        zip(declarations[::-1], positions[::-1], strict=True), start=1
    ):
        parts = [_receipt_pdf(receipt) for receipt in d.receipts.all()]
        if d.pk not in single_ids:
            cover = render_pdf(
                "budget/pdf/declaration.html", declaration_context(d, council=council)
            )
            parts.insert(0, io.BytesIO(cover))
        for chunk in parts:
            before = len(writer.pages)
            writer.merge(position, chunk)
            position += len(writer.pages) - before
        if time.monotonic() - last_report > PROGRESS_EVERY:
            progress(done)
            last_report = time.monotonic()
    progress(len(part.declaration_ids))
    with tempfile.TemporaryFile() as tmp:
        writer.write(tmp)
        tmp.seek(0)
        return default_storage.save(generated_name("exports/parts", PDF), File(tmp))


def export_finish_build(export: DeclarationExport) -> tuple[str, str, Decimal]:
    """The summary sheet followed by every part, and a CSV summary with the full IBANs."""
    from pypdf import PdfWriter

    declarations = list(
        Declaration.objects.filter(exports=export)
        .select_related("claimant")
        .prefetch_related(
            Prefetch("lines", queryset=DeclarationLine.objects.select_related("budget_line"))
        )
        .order_by("claimant__last_name", "claimant__first_name", "id")
    )
    rows = []
    per_line: dict[str, Decimal] = defaultdict(lambda: Decimal("0"))
    for d in declarations:
        for line in d.lines.all():
            per_line[line.budget_line.get_category_display()] += line.amount
        rows.append({"declaration": d, "iban": rules.iban_format(d.claimant.iban)})
    amount = rules.total(d.total for d in declarations)
    summary = render_pdf(
        "budget/pdf/export_summary.html",
        {
            "council": _council(),
            "export": export,
            "rows": rows,
            "total": amount,
            "per_budget_line": sorted((k, rules.money(v)) for k, v in per_line.items()),
            "generated_at": timezone.localtime(),
        },
    )
    writer = PdfWriter()
    writer.append(io.BytesIO(summary))
    for part in export.parts.order_by("number"):
        with default_storage.open(part.file.name, "rb") as fh:
            writer.append(io.BytesIO(fh.read()))
    with tempfile.TemporaryFile() as tmp:
        writer.write(tmp)
        tmp.seek(0)
        pdf_name = default_storage.save(generated_name("exports", PDF), File(tmp))
    buf = io.StringIO()
    out = csv.writer(buf, delimiter=";")
    out.writerow(["declaratie", "declarant", "iban", "goedgekeurd op", "bedrag"])
    for row in rows:
        d = row["declaration"]
        out.writerow(
            [
                d.pk,
                str(d.claimant),
                row["iban"],
                timezone.localtime(d.approved_at).strftime("%d-%m-%Y") if d.approved_at else "",
                f"{d.total:.2f}".replace(".", ","),
            ]
        )
    out.writerow(["", "totaal", "", "", f"{amount:.2f}".replace(".", ",")])
    csv_name = default_storage.save(
        f"exports/{uuid.uuid4().hex}.csv", ContentFile(buf.getvalue().encode("utf-8-sig"))
    )
    return pdf_name, csv_name, amount


def annual_plan_pdf(budget_year: BudgetYear) -> bytes:
    from .selectors import budget_lines

    lines = budget_lines(budget_year=budget_year)
    return render_pdf(
        "budget/pdf/annual_plan.html",
        {
            "council": _council(),
            "budget_year": budget_year,
            "lines": lines,
            "total": rules.total(line.amount for line in lines),
        },
        public=True,
    )


def annual_report_pdf(budget_year: BudgetYear) -> bytes:
    from .selectors import annual_report_data

    data = annual_report_data(budget_year=budget_year)
    return render_pdf("budget/pdf/annual_report.html", {"council": _council(), **data}, public=True)
