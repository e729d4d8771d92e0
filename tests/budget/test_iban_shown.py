"""Issue 14 (hardening): the IBAN is whole only in what the treasurer sends to the
municipality; the secretary (and anyone else) sees it masked, on pages and in the PDF."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from budget import services
from members.iban import iban_in_full_for, iban_shown
from tests.factories.budget import VALID_IBAN, receipt_pdf

pytestmark = pytest.mark.django_db

WHOLE = "NL91 ABNA 0417 1643 00"
MASKED = "••••••••••••••4300"


def test_the_iban_is_shown_whole_only_in_full():
    assert VALID_IBAN == "NL91ABNA0417164300"
    assert iban_shown(VALID_IBAN, in_full=True) == WHOLE
    assert iban_shown(VALID_IBAN, in_full=False) == MASKED
    assert iban_shown("", in_full=True) == iban_shown("", in_full=False) == ""


def test_only_who_may_export_sees_it_in_full():
    assert iban_in_full_for(may_export=True) is True
    assert iban_in_full_for(may_export=False) is False


@pytest.fixture
def checked(claimant, budget_year, secretary):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Treinreis"
    )
    services.declaration_line_add_expense(
        declaration=d,
        by=claimant,
        date=datetime.date.today(),
        budget_line=budget_year.lines.get(category="other"),
        description="Kaartje",
        amount=Decimal("10.00"),
        invoices=[receipt_pdf()],
    )
    services.declaration_submit(declaration=d, by=claimant)
    services.declaration_check(declaration=d, by=secretary)
    return d


def _pdf_text(client, user, declaration) -> str:
    client.force_login(user)
    response = client.get(reverse("budget:declaration_pdf", args=[declaration.pk]))
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_the_secretarys_declaration_pdf_masks_the_iban(client, checked, secretary):
    text = _pdf_text(client, secretary, checked)
    assert WHOLE not in text and "0417" not in text
    assert "4300" in text


def test_the_claimants_own_pdf_masks_the_iban_too(client, checked, claimant):
    text = _pdf_text(client, claimant, checked)
    assert WHOLE not in text and "4300" in text


def test_the_treasurers_declaration_pdf_shows_the_whole_iban(client, checked, treasurer):
    assert WHOLE in _pdf_text(client, treasurer, checked)


def test_the_secretarys_page_masks_the_iban(client, checked, secretary):
    client.force_login(secretary)
    body = client.get(reverse("budget:declaration_detail", args=[checked.pk])).content.decode()
    assert VALID_IBAN not in body and WHOLE not in body and MASKED in body


def test_the_export_for_the_municipality_shows_the_whole_iban(checked, treasurer):
    services.declaration_approve(declaration=checked, by=treasurer)
    today = datetime.date.today()
    with TestCase.captureOnCommitCallbacks(execute=True):
        export = services.declarations_export(start=today, end=today, by=treasurer)
    export.refresh_from_db()
    pages = [p.extract_text() for p in PdfReader(export.file.path).pages]
    assert WHOLE in pages[0]  # the summary sheet
    assert any(WHOLE in text and f"Declaratie {checked.pk}" in text for text in pages[1:])
    with open(export.summary_file.path, encoding="utf-8-sig") as fh:
        assert WHOLE in fh.read()
