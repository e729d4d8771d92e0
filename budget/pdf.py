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
import uuid
from collections import defaultdict
from decimal import Decimal

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.utils import timezone

from adviesraad.pdf import render_pdf
from adviesraad.uploads import PDF, generated_name

from . import rules
from .models import BudgetYear, Declaration, DeclarationExport, DeclarationLine, Receipt


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


def declaration_context(declaration: Declaration) -> dict:
    lines = list(declaration.lines.all())
    per_line: dict[str, Decimal] = defaultdict(lambda: Decimal("0"))
    for line in lines:
        per_line[line.budget_line.get_category_display()] += line.amount
    dates = [line.date for line in lines]
    receipts = list(declaration.receipts.all())
    return {
        "council": _council(),
        "declaration": declaration,
        "lines": lines,
        "per_budget_line": sorted((k, rules.money(v)) for k, v in per_line.items()),
        "total": rules.total(line.amount for line in lines),
        "period": (min(dates), max(dates)) if dates else None,
        "iban": rules.iban_format(declaration.claimant.iban),
        "image_receipts": [r for r in receipts if r.file_kind != PDF],
        "pdf_receipts": [r for r in receipts if r.file_kind == PDF],
        "receipt_count": len(receipts),
        "generated_at": timezone.localtime(),
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


def declaration_pdf(declaration: Declaration) -> bytes:
    """Cover (WeasyPrint) followed by every receipt in upload order: PDF receipts appended
    page by page, image receipts placed on an A4 page each."""
    from pypdf import PdfWriter

    declaration = declaration_queryset().get(pk=declaration.pk)
    ctx = declaration_context(declaration)
    cover = render_pdf("budget/pdf/declaration.html", ctx)
    receipts = list(declaration.receipts.all())
    if not receipts:
        return cover
    writer = PdfWriter()
    writer.append(io.BytesIO(cover))
    for receipt in receipts:
        with default_storage.open(receipt.file.name, "rb") as fh:
            data = fh.read()
        writer.append(io.BytesIO(data if receipt.file_kind == PDF else image_page(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_part_build(part) -> str:
    """Render the declarations of one export part into one PDF file; report progress."""
    from pypdf import PdfWriter

    from .services import export_part_progress

    by_id = {d.pk: d for d in declaration_queryset().filter(pk__in=part.declaration_ids)}
    writer = PdfWriter()
    for i, pk in enumerate(part.declaration_ids, start=1):
        if pk in by_id:
            writer.append(io.BytesIO(declaration_pdf(by_id[pk])))
        export_part_progress(part_id=part.pk, rendered=i)
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
    )


def annual_report_pdf(budget_year: BudgetYear) -> bytes:
    from .selectors import annual_report_data

    data = annual_report_data(budget_year=budget_year)
    return render_pdf("budget/pdf/annual_report.html", {"council": _council(), **data})
