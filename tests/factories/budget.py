"""Factories and file makers for the budget tests."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from budget.models import BudgetLine, BudgetYear, Declaration, DeclarationLine, Expense


def this_year() -> int:
    return timezone.localdate().year


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetYear
        django_get_or_create = ("year",)
        skip_postgeneration_save = True

    year = factory.LazyFunction(this_year)
    plan_text = "Wij adviseren het college over werk, inkomen, Wmo en jeugd."

    @factory.post_generation
    def with_lines(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for category in BudgetLine.Category.values:
            BudgetLine.objects.get_or_create(
                budget_year=self, category=category, defaults={"amount": Decimal("1000.00")}
            )


def budget_line(budget_year: BudgetYear, category: str = "other") -> BudgetLine:
    return BudgetLine.objects.get(budget_year=budget_year, category=category)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    claimant = factory.SubFactory("tests.factories.members.UserFactory", roles=["Leden"])
    budget_year = factory.SubFactory(BudgetYearFactory)
    description = factory.Sequence(lambda n: f"Declaratie {n}")


class DeclarationLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationLine

    declaration = factory.SubFactory(DeclarationFactory)
    kind = DeclarationLine.Kind.EXPENSE
    date = factory.LazyFunction(lambda: datetime.date(this_year(), 1, 2))
    budget_line = factory.LazyAttribute(lambda o: budget_line(o.declaration.budget_year, "other"))
    description = "Parkeren"
    amount = Decimal("12.50")


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    budget_year = factory.SubFactory(BudgetYearFactory)
    budget_line = factory.LazyAttribute(lambda o: budget_line(o.budget_year, "meetings"))
    date = factory.LazyFunction(lambda: datetime.date(this_year(), 1, 3))
    description = "Zaalhuur"
    amount = Decimal("100.00")


def declaration_with_total(*, claimant, status=Declaration.Status.APPROVED, amount="10.00", **kw):
    d = DeclarationFactory(claimant=claimant, status=status, **kw)
    DeclarationLineFactory(declaration=d, amount=Decimal(amount))
    d.total = Decimal(amount)
    if status in Declaration.SPENT:
        d.approved_at = timezone.now()
    d.save()
    return d


# --- files ------------------------------------------------------------------------------------


def png_bytes(size=(40, 30), extra: bytes = b"") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue() + extra


def jpeg_bytes(size=(40, 30)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (30, 200, 30)).save(buf, format="JPEG")
    return buf.getvalue()


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def receipt_pdf(name="bon.pdf", pages=1):
    return upload(name, pdf_bytes(pages), "application/pdf")


def receipt_png(name="bon.png"):
    return upload(name, png_bytes(), "image/png")


def receipt_jpeg(name="bon.jpg"):
    return upload(name, jpeg_bytes(), "image/jpeg")


VALID_IBAN = "NL91ABNA0417164300"
