# ruff: noqa: F811 - the fixtures imported from the app's conftest are used as arguments
"""The treasurer marks an exported batch as sent to the municipality (click, read what will
happen, confirm), and the secretary sees a declaration with its IBAN masked (issue 13.10,
issue 14). Every page on the way passes axe-core, has no duplicate id and does not scroll
sideways at 375 px (a wide table scrolls inside its own container)."""

import pytest
from playwright.sync_api import expect

from budget.models import Declaration, DeclarationExport
from tests.browser.checks import check_page as shared_check_page
from tests.budget.conftest import budget_year, claimant  # noqa: F401 - fixtures
from tests.conftest import browser_login
from tests.factories.budget import DeclarationLineFactory, declaration_with_total

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots-budfix"


def check_page(page, name: str) -> None:
    """The shared page checks (tests/browser/checks.py), screenshots under this file's name."""
    shared_check_page(page, name, shots=SHOTS)


def test_the_treasurer_marks_an_exported_batch_as_sent(page, treasurer, claimant, budget_year):
    for amount in ("40.00", "12.50"):
        declaration_with_total(claimant=claimant, budget_year=budget_year, amount=amount)
    browser_login(page, treasurer)
    page.goto("/intern/begroting/exports/")
    page.get_by_role("button", name="Export maken").click()
    page.wait_for_url("**/exports/*/")
    page.get_by_role("link", name="PDF downloaden").wait_for()
    expect(page.locator("#verzendstatus")).to_contain_text("0 van 2 declaraties")
    check_page(page, "export-done")

    page.get_by_role("link", name="Als verstuurd naar de gemeente markeren").click()
    page.wait_for_url("**/verstuurd/")
    expect(page.locator("#wat-er-gebeurt")).to_contain_text(
        "Je markeert 2 declaraties van deze export als verstuurd naar de gemeente"
    )
    expect(page.locator("#wat-er-gebeurt")).to_contain_text("€\u00a052,50")
    assert not Declaration.objects.filter(status=Declaration.Status.SENT).exists()
    check_page(page, "export-mark-sent")

    page.get_by_role("button", name="Ja, 2 declaraties als verstuurd markeren").click()
    page.wait_for_url("**/exports/*/")
    expect(page.get_by_text("2 declaraties staan nu op 'naar de gemeente'.")).to_be_visible()
    expect(page.locator("#verzendstatus")).to_contain_text("2 van 2 declaraties")
    expect(page.get_by_role("link", name="Als verstuurd naar de gemeente markeren")).to_have_count(
        0
    )
    check_page(page, "export-marked")
    export = DeclarationExport.objects.get()
    assert set(export.declarations.values_list("status", flat=True)) == {"sent"}


def test_the_secretary_sees_the_iban_masked(page, secretary, claimant, budget_year):
    d = declaration_with_total(
        claimant=claimant,
        budget_year=budget_year,
        status=Declaration.Status.SUBMITTED,
        description="Reiskosten en vacatiegeld maart",
    )
    for _ in range(3):
        DeclarationLineFactory(declaration=d, description="Vacatievergoeding werkgroep armoede")
    browser_login(page, secretary)
    page.goto(f"/intern/begroting/declaraties/{d.pk}/")
    expect(page.locator("#iban")).to_have_text("••••••••••••••4300")
    assert "NL91" not in page.content() and "0417" not in page.content()
    check_page(page, "declaration-secretary")
