# ruff: noqa: F811 - the fixtures imported from the app's conftest are used as arguments
"""Budget pages in Chromium: axe-core on the chart and the annual report, the export's
progress bar polling to a download, and screenshots to look at."""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.budget.conftest import budget_year, claimant  # noqa: F401 - fixtures
from tests.conftest import axe_violations, browser_login
from tests.factories.budget import ExpenseFactory, declaration_with_total

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SHOTS = Path(os.environ.get("BUDGET_SHOTS", "/tmp/budget-shots"))


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def year_with_data(budget_year, claimant):
    line = budget_year.lines.get(category="meetings")
    line.amount = Decimal("100.00")
    line.save()
    ExpenseFactory(budget_year=budget_year, amount=Decimal("150.00"))
    for _ in range(3):
        declaration_with_total(claimant=claimant, budget_year=budget_year, amount="40.00")
    return budget_year


def test_budget_chart_page_is_axe_clean(page, treasurer, year_with_data):
    browser_login(page, treasurer)
    page.goto(f"/intern/begroting/jaren/{year_with_data.year}/")
    assert page.locator("h1").count() == 1
    expect(page.locator("#overschrijding")).to_be_visible()
    assert page.locator("svg[role=img] rect").count() == 2 * 9
    assert "€\u00a0150,00" in page.locator("#realisatie-tabel").inner_text()
    _shot(page, "budget-year")
    assert axe_violations(page) == []


def test_annual_report_page_is_axe_clean(page, secretary, year_with_data):
    browser_login(page, secretary)
    page.goto(f"/intern/begroting/jaren/{year_with_data.year}/jaarverslag/")
    expect(page.locator("#jaarverslag-vergaderingen")).to_be_visible()
    _shot(page, "annual-report")
    assert axe_violations(page) == []


def test_declaration_pages_are_axe_clean(page, claimant, budget_year):
    browser_login(page, claimant)
    page.goto("/intern/begroting/declaraties/nieuw/")
    page.get_by_label("Omschrijving").fill("Kosten maart")
    page.get_by_role("button", name="Declaratie aanmaken").click()
    page.wait_for_url("**/declaraties/*/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Reis toevoegen").click()
    page.get_by_label("Begrotingspost").select_option(
        label="werkbezoeken 2026".replace("2026", str(budget_year.year))
    )
    page.get_by_label("Datum").fill(datetime.date.today().isoformat())
    page.get_by_label("Omschrijving").fill("Werkbezoek")
    page.get_by_label("Kilometers").fill("12,5")
    page.get_by_role("button", name="Regel toevoegen").click()
    page.wait_for_url("**/declaraties/*/")
    assert "€\u00a02,88" in page.locator("#totaal").inner_text()
    _shot(page, "declaration")
    assert axe_violations(page) == []
    page.goto("/intern/begroting/declaraties/")
    assert axe_violations(page) == []


def test_export_progress_polls_to_download(page, treasurer, claimant, budget_year):
    from django.utils import timezone

    from budget.models import DeclarationExport

    d = declaration_with_total(claimant=claimant, budget_year=budget_year)
    d.approved_at = timezone.now()
    d.save()
    browser_login(page, treasurer)
    page.goto("/intern/begroting/exports/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Export maken").click()
    page.wait_for_url("**/exports/*/")
    page.get_by_role("link", name="PDF downloaden").wait_for()
    assert page.locator("#export-procent").inner_text() == "100%"
    _shot(page, "export")
    assert axe_violations(page) == []
    assert DeclarationExport.objects.get().status == "done"


def test_public_publications_page_is_axe_clean(page, db):
    page.goto("/publicaties/")
    assert page.locator("h1").inner_text() == "Publicaties"
    assert axe_violations(page) == []
