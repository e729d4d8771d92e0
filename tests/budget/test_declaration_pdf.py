"""Issue 13, defect 10: the declaration PDF. No word runs over into the next column, every
page is numbered "pagina x van y" over the whole PDF (receipts included), every receipt page
names the line it belongs to, and a small receipt image is enlarged to a readable width."""

import datetime
import io
import os
import subprocess
import tempfile
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from budget import pdf, services
from budget.models import DeclarationLine
from tests.factories.budget import budget_line, pdf_bytes, upload

pytestmark = pytest.mark.django_db

SHOTS = os.environ.get("PDF_SHOTS_DIR")  # set to keep the rendered PDFs for looking at them


def red_png(size=(160, 90)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (220, 20, 20)).save(buf, format="PNG")
    return buf.getvalue()


def till_receipt_pdf() -> bytes:
    """A small (80 × 120 mm) PDF receipt with text on it, as a shop's till prints it."""
    from weasyprint import HTML

    return HTML(
        string="<style>@page{size:80mm 120mm;margin:5mm}</style>"
        "<h1>Kassabon</h1><p>Koffie en thee voor de werkgroep</p><p>Totaal € 12,34</p>"
    ).write_pdf()


def _line(declaration, kind, description, amount, **extra):
    return DeclarationLine.objects.create(
        declaration=declaration,
        kind=kind,
        date=datetime.date(2026, 3, 12),
        budget_line=budget_line(declaration.budget_year, "other"),
        description=description,
        amount=Decimal(amount),
        **extra,
    )


@pytest.fixture
def declaration(claimant, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Maart"
    )
    _line(d, DeclarationLine.Kind.ALLOWANCE, "Plenaire vergadering", "45.00")
    return d


def _expense(declaration, description, amount, *files):
    return services.declaration_line_add_expense(
        declaration=declaration,
        by=declaration.claimant,
        date=timezone.localdate(),
        budget_line=budget_line(declaration.budget_year, "other"),
        description=description,
        amount=Decimal(amount),
        invoices=list(files),
    )


def _render(declaration, name) -> PdfReader:
    data = pdf.declaration_pdf(declaration)
    if SHOTS:
        with open(os.path.join(SHOTS, f"{name}.pdf"), "wb") as fh:
            fh.write(data)
    return PdfReader(io.BytesIO(data))


def test_the_kind_vacatievergoeding_stays_inside_its_column(declaration):
    """Every word of the lines table ends inside its own cell (WeasyPrint's layout)."""
    from weasyprint import HTML

    from budget.pdf import declaration_context, declaration_queryset

    d = declaration_queryset().get(pk=declaration.pk)
    html = pdf.render_to_string(
        "budget/pdf/declaration.html", declaration_context(d, full_iban=False)
    )
    page = HTML(string=html, base_url="about:blank").render().pages[0]
    checked = 0

    def walk(box, cell=None):
        nonlocal checked
        if type(box).__name__ == "TableCellBox":
            cell = box
        text = getattr(box, "text", None)
        if cell is not None and text and "vacatie" in text:
            right = cell.content_box_x() + cell.width
            assert box.position_x + box.width <= right + 0.5, (text, box.width, cell.width)
            checked += 1
        for child in getattr(box, "children", []):
            walk(child, cell)

    walk(page._page_box)
    assert checked >= 1


def test_every_page_is_numbered_over_the_whole_pdf_of_three_pages(declaration):
    _expense(declaration, "Koffie", "12.34", upload("bon.pdf", pdf_bytes(2), "application/pdf"))
    reader = _render(declaration, "drie")
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) == 3
    for n, text in enumerate(texts, start=1):
        assert f"pagina {n} van 3" in text, text
    assert "pagina 1 van 1" not in " ".join(texts)


def test_every_page_is_numbered_over_the_whole_pdf_of_seven_pages(declaration):
    _expense(
        declaration,
        "Zaalhuur",
        "80.00",
        upload("factuur.pdf", pdf_bytes(3), "application/pdf"),
        upload("foto.png", red_png(), "image/png"),
    )
    _expense(
        declaration,
        "Koffie",
        "12.34",
        upload("kassabon.pdf", till_receipt_pdf(), "application/pdf"),
        upload("pin.png", red_png((60, 40)), "image/png"),
    )
    reader = _render(declaration, "zeven")
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) == 7
    for n, text in enumerate(texts, start=1):
        assert f"pagina {n} van 7" in text, (n, text)


def test_each_receipt_page_names_the_line_it_belongs_to(declaration):
    _expense(
        declaration, "Zaalhuur De Brug", "80.00", upload("f.pdf", pdf_bytes(2), "application/pdf")
    )
    _expense(declaration, "Koffie", "12.34", upload("b.png", red_png(), "image/png"))
    texts = [p.extract_text() for p in _render(declaration, "labels").pages]
    # lines in date order: the allowance (12-03-2026) first, then the two expenses (today)
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert "Bewijsstuk 1 van 2" in texts[1] and "blad 1 van 2" in texts[1]
    assert f"bij regel 2: {today}, Zaalhuur De Brug (€\u00a080,00)" in texts[1]
    assert "blad 2 van 2" in texts[2] and "Zaalhuur De Brug" in texts[2]
    assert "Bewijsstuk 2 van 2" in texts[3]
    assert f"bij regel 3: {today}, Koffie (€\u00a012,34)" in texts[3]


def test_a_pdf_receipt_is_laid_on_its_labelled_page(declaration):
    _expense(declaration, "Koffie", "12.34", upload("k.pdf", till_receipt_pdf(), "application/pdf"))
    text = _render(declaration, "kassabon").pages[1].extract_text()
    assert "Kassabon" in text and "bij regel 2" in text and "pagina 2 van 2" in text


def _red_width_share(pdf_data: bytes, page: int) -> float:
    """How much of the page's width the red receipt image takes (rendered with pdftoppm)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "d.pdf")
        with open(path, "wb") as fh:
            fh.write(pdf_data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", str(page), "-l", str(page), path, f"{tmp}/p"],
            check=True,
        )
        (png,) = [f for f in os.listdir(tmp) if f.endswith(".png")]
        with Image.open(os.path.join(tmp, png)) as img:
            rgb = img.convert("RGB")
            red = [
                x
                for x in range(rgb.width)
                for y in range(0, rgb.height, 4)
                if (lambda p: p[0] > 180 and p[1] < 80 and p[2] < 80)(rgb.getpixel((x, y)))
            ]
            return (max(red) - min(red) + 1) / rgb.width if red else 0.0


def test_a_small_receipt_image_is_enlarged_to_a_readable_width(declaration):
    _expense(declaration, "Parkeren", "3.00", upload("klein.png", red_png((160, 90)), "image/png"))
    data = pdf.declaration_pdf(declaration)
    assert _red_width_share(data, 2) > 0.7  # the text width of A4, not 160 px
