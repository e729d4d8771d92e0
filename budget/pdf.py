"""PDFs of the budget app: the declaration for the municipality, the batch export with its
summary sheet, the annual plan and the annual report.

A declaration is ONE WeasyPrint document: its cover, then a page per receipt page, each
labelled with the line it belongs to, numbered "pagina x van y" over the whole (CSS page
counters; in a batch per declaration with ``string-set``). Image receipts are handed to the
renderer as ``receipt:<id>`` files (nothing else can be fetched) and scaled to the page width;
the pages of PDF receipts are laid over their labelled pages afterwards with pypdf.
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
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

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


def _receipt_label(receipt: Receipt, lines: list[DeclarationLine]) -> str:
    """Which line of the declaration a receipt belongs to: "bij regel 2: 12-03-2026,
    Treinkaartje (€ 12,34)", or "bij de hele declaratie" for one without a line."""
    from .templatetags.money import format_euro

    for number, line in enumerate(lines, start=1):
        if line.pk == receipt.line_id:
            return _("bij regel %(n)s: %(datum)s, %(omschrijving)s (%(bedrag)s)") % {
                "n": number,
                "datum": line.date.strftime("%d-%m-%Y"),
                "omschrijving": line.description,
                "bedrag": format_euro(line.amount),
            }
    return _("bij de hele declaratie")


def receipt_pages(declaration: Declaration, lines: list[DeclarationLine]) -> list[dict]:
    """One entry per page the receipts take, in upload order: an image receipt one page (its
    image scaled to the page width, ``image``), a PDF receipt one page per page of it
    (``source_page``, laid over the page after rendering). Each page is labelled with the
    receipt's number and the line it belongs to."""
    from pypdf import PdfReader

    receipts = list(declaration.receipts.all())
    pages = []
    for number, receipt in enumerate(receipts, start=1):
        base = {
            "receipt": receipt,
            "number": number,
            "count": len(receipts),
            "label": _receipt_label(receipt, lines),
        }
        if receipt.file_kind != PDF:
            pages.append({**base, "image": f"receipt:{receipt.pk}", "source_page": None})
            continue
        with default_storage.open(receipt.file.name, "rb") as fh:
            n = len(PdfReader(io.BytesIO(fh.read())).pages)
        for k in range(n):
            pages.append({**base, "image": None, "source_page": k, "of": (k + 1, n)})
    return pages


def declaration_context(declaration: Declaration, *, council=None, full_iban: bool) -> dict:
    lines = list(declaration.lines.all())
    per_line: dict[str, Decimal] = defaultdict(lambda: Decimal("0"))
    for line in lines:
        per_line[line.budget_line.get_category_display()] += line.amount
    dates = [line.date for line in lines]
    pages = receipt_pages(declaration, lines)
    return {
        "council": council or _council(),
        "declaration": declaration,
        "lines": lines,
        "per_budget_line": sorted((k, rules.money(v)) for k, v in per_line.items()),
        "total": rules.total(line.amount for line in lines),
        "period": (min(dates), max(dates)) if dates else None,
        "iban": rules.iban_shown(declaration.claimant.iban, in_full=full_iban),
        "receipt_count": len(declaration.receipts.all()),
        "receipt_pages": pages,
        # the pages this declaration takes when its cover fits one page (batch numbering)
        "page_total": 1 + len(pages),
    }


# Where a PDF receipt's page goes on an A4 page (points, origin bottom left): inside the
# page margins of templates/pdf/base.html (22/18/20/18 mm), below the receipt's label.
MM = 72 / 25.4
A4_PT = (210 * MM, 297 * MM)
RECEIPT_BOX = (18 * MM, 20 * MM, A4_PT[0] - 36 * MM, A4_PT[1] - (22 + 20 + 18) * MM)


def _receipt_files(declarations: list[Declaration]) -> dict[str, Path]:
    """The image receipts the renderer may read, as ``receipt:<id>`` (nothing else)."""
    return {
        f"receipt:{r.pk}": Path(default_storage.path(r.file.name))
        for d in declarations
        for r in d.receipts.all()
        if r.file_kind != PDF
    }


def _render(template: str, context: dict, declarations: list[Declaration]):
    """A WeasyPrint document of ``template`` that may read only these declarations' image
    receipts (``adviesraad.pdf.RestrictedURLFetcher``)."""
    from weasyprint import HTML

    from adviesraad.pdf import RestrictedURLFetcher

    html = render_to_string(template, context)
    fetcher = RestrictedURLFetcher(_receipt_files(declarations))
    return HTML(string=html, base_url="about:blank", url_fetcher=fetcher).render()


def _anchored_pages(document, prefix: str) -> dict[str, int]:
    """{anchor: index of the first page it is on} for the anchors starting with ``prefix``."""
    found: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith(prefix):
                found.setdefault(anchor, index)
    return found


def _lay_receipts_over(writer, page_index: dict[str, int], declarations, progress=None) -> None:
    """Lay every page of every PDF receipt over its labelled page (``rp-<declaration>-<n>``),
    scaled to fill ``RECEIPT_BOX`` (small pages are enlarged), centred at its top."""
    from pypdf import PdfReader, PdfWriter, Transformation

    x0, y0, width, height = RECEIPT_BOX
    last_report = time.monotonic()
    for done, declaration in enumerate(declarations, start=1):
        n = 0
        for receipt in declaration.receipts.all():
            if receipt.file_kind != PDF:
                n += 1
                continue
            with default_storage.open(receipt.file.name, "rb") as fh:
                source = PdfWriter(clone_from=PdfReader(io.BytesIO(fh.read())))
            for page in source.pages:
                n += 1
                target = page_index.get(f"rp-{declaration.pk}-{n}")
                if target is None:
                    continue
                page.transfer_rotation_to_content()
                box = page.mediabox
                w, h = float(box.width), float(box.height)
                scale = min(width / w, height / h)
                dx = x0 + (width - w * scale) / 2 - float(box.left) * scale
                dy = y0 + height - h * scale - float(box.bottom) * scale
                writer.pages[target].merge_transformed_page(
                    page, Transformation().scale(scale).translate(dx, dy)
                )
        if progress and time.monotonic() - last_report > PROGRESS_EVERY:
            progress(done)
            last_report = time.monotonic()


def _numbered_pages(document, declarations, progress=None) -> bytes:
    """Write the rendered document with the PDF receipts laid over their pages."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document.write_pdf())))
    _lay_receipts_over(writer, _anchored_pages(document, "rp-"), declarations, progress)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def declaration_pdf(declaration: Declaration, *, full_iban: bool = False) -> bytes:
    """The cover, then every receipt in upload order, one document numbered "pagina x van y"
    over all its pages (CSS ``counter(page)`` and ``counter(pages)``): an image receipt on a
    page of its own, scaled to the page width; a PDF receipt page by page, each laid over a
    page that names the line it belongs to."""
    declaration = declaration_queryset().get(pk=declaration.pk)
    context = declaration_context(declaration, full_iban=full_iban)
    document = _render("budget/pdf/declaration.html", context, [declaration])
    return _numbered_pages(document, [declaration])


# Progress of a part is written at most this often (seconds): a row update per declaration
# would cost more than assembling the part.
PROGRESS_EVERY = 0.5


def _part_document(declarations: list[Declaration], council):
    """The declarations of a part as ONE WeasyPrint document (the per-document cost of
    styles, fonts and PDF output is paid once, not per declaration), the pages each takes
    with a one-page cover, and the ids of the declarations whose cover ran over a page: those
    are numbered wrongly here and must be rendered on their own. Each declaration is
    numbered from 1 (``string-set``, as ``declaration_pdf`` numbers it with page counters)."""
    covers = [declaration_context(d, council=council, full_iban=True) for d in declarations]
    document = _render(
        "budget/pdf/declaration_covers.html", {"council": council, "covers": covers}, declarations
    )
    starts = _anchored_pages(document, "cover-")
    ordered = [starts[f"cover-{d.pk}"] for d in declarations]
    ends = [*ordered[1:], len(document.pages)]
    sizes = {c["declaration"].pk: c["page_total"] for c in covers}
    long = {
        d.pk
        for d, start, end in zip(declarations, ordered, ends, strict=True)
        if end - start != sizes[d.pk]
    }
    return document, sizes, long


def export_part_build(part: DeclarationExportPart, *, progress: Callable[[int], None]) -> str:
    """Render the declarations of one export part into one PDF file; returns its name.

    ``progress(rendered)`` is called with how many declarations are done, at most every
    ``PROGRESS_EVERY`` seconds and once at the end.

    Every declaration reads exactly as ``declaration_pdf`` makes it on its own (full IBAN:
    this goes to the municipality): its cover, then its receipts, numbered "pagina x van y"
    within the declaration. The declarations of the part are one WeasyPrint document; a
    declaration whose cover runs over a page is rendered on its own and inserted."""
    from pypdf import PdfReader, PdfWriter

    by_id = {d.pk: d for d in declaration_queryset().filter(pk__in=part.declaration_ids)}
    declarations = [by_id[pk] for pk in part.declaration_ids if pk in by_id]
    council = _council()
    writer = PdfWriter()
    single, sizes = declarations, {}
    if declarations:
        document, sizes, long = _part_document(declarations, council)
        if long:  # rare: render the others again without the long ones
            single = [d for d in declarations if d.pk not in long]
            sizes = {pk: n for pk, n in sizes.items() if pk not in long}
            document = _part_document(single, council)[0] if single else None
        if single:
            writer.append(PdfReader(io.BytesIO(_numbered_pages(document, single, progress))))
    # Where each long declaration goes: after the pages of the declarations before it.
    position = 0
    inserts = []
    for d in declarations:
        if d.pk in sizes:
            position += sizes[d.pk]
        else:
            inserts.append((position, d))
    for position, d in reversed(inserts):
        writer.merge(position, io.BytesIO(declaration_pdf(d, full_iban=True)))
        progress(len(single))
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
