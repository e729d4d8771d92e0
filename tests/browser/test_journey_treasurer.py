"""The treasurer's month in Chromium (issue 13, journey tests): the secretary checks the
submitted declarations (four eyes: the secretary checks, the treasurer approves); the
treasurer looks at a declaration with its receipts, downloads its PDF, approves it, runs the
batch export for the municipality on a REAL Celery worker, watching its progress bar until
the PDF can be downloaded, and marks the batch as sent. Both are led to their work by a
notification. Every page on the way passes ``check_page``."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from budget import services
from budget.models import Declaration, DeclarationExport
from tests.browser.checks import check_page
from tests.browser.month import flash, go, log_in_as, open_pdf, start_of_month
from tests.factories.budget import (
    VALID_IBAN,
    BudgetYearFactory,
    budget_line,
    receipt_pdf,
    receipt_png,
)
from tests.processes import wait_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]
EARLIER = 14  # declarations approved earlier this month, waiting for the export


def _submitted(claimant, budget_year, description, amount, *, day):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description=description
    )
    services.declaration_line_add_expense(
        declaration=d,
        by=claimant,
        date=day,
        budget_line=budget_line(budget_year, "other"),
        description="Parkeren bij het gemeentehuis",
        amount=Decimal(amount),
        invoices=[receipt_pdf("parkeerbon.pdf", pages=2)],
        payments=[receipt_png("betaling.png")],
    )
    services.declaration_submit(declaration=d, by=claimant)
    return d


@pytest.fixture
def month(secretary, chair, member, other_member, treasurer):
    """The month begins: a budget for this year, two members' declarations just submitted,
    and earlier ones already approved."""
    start_of_month(
        secretary=secretary,
        chair=chair,
        member=member,
        others=[other_member],
        treasurer=treasurer,
    )
    for person in (member, other_member):
        person.iban = VALID_IBAN
        person.save()
    year = BudgetYearFactory(year=timezone.localdate().year)
    today = timezone.localdate()
    fresh = [
        _submitted(member, year, "Reiskosten werkbezoek", "12.40", day=today),
        _submitted(other_member, year, "Parkeren plenaire vergadering", "7.50", day=today),
    ]
    for i in range(EARLIER):
        d = _submitted(other_member, year, f"Kosten week {i + 1}", "5.00", day=today)
        services.declaration_check(declaration=d, by=secretary)
        services.declaration_approve(declaration=d, by=treasurer)
    return fresh


def test_the_treasurers_month(page, month, secretary, treasurer, celery_worker_process):
    reiskosten, parkeren = month

    # --- the secretary checks both (the first pair of eyes), told by a notification ----------
    log_in_as(page, secretary)
    page.get_by_role("link", name=re.compile("Meldingen")).click()
    check_page(page, "treasurer-secretary-notifications")
    page.get_by_role("link", name=re.compile(r"Declaratie \d+ van Fatima Lid is ingediend")).click()
    page.wait_for_url(f"**/declaraties/{reiskosten.pk}/")
    page.get_by_role("button", name="Gecontroleerd").click()
    page.wait_for_load_state()
    assert Declaration.objects.get(pk=reiskosten.pk).status == "checked"
    go(page, "Declaraties")
    check_page(page, "treasurer-secretary-declarations")
    page.get_by_role("link", name="Parkeren plenaire vergadering").first.click()
    page.get_by_role("button", name="Gecontroleerd").click()
    page.wait_for_load_state()
    assert Declaration.objects.get(pk=parkeren.pk).status == "checked"

    # --- the treasurer looks, downloads the PDF and approves ------------------------------
    log_in_as(page, treasurer)
    check_page(page, "treasurer-dashboard")
    page.get_by_role("link", name=re.compile("Meldingen")).click()
    page.get_by_role("link", name=re.compile(r"van Fatima Lid is gecontroleerd")).click()
    page.wait_for_url(f"**/declaraties/{reiskosten.pk}/")
    assert "€\u00a012,40" in page.locator("#totaal").inner_text()
    check_page(page, "treasurer-declaration-checked")
    pdf = open_pdf(page, page.get_by_role("link", name="PDF downloaden"))
    with open("/tmp/shots-journeys-treasurer-declaration.pdf", "wb") as out:
        out.write(pdf)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 4, len(pages)  # the declaration, 2 receipt pages, the payment image
    assert [f"pagina {n} van 4" in text for n, text in enumerate(pages, 1)] == [True] * 4
    assert "Bewijsstuk 2 van 2 bij regel 1" in pages[-1]
    page.get_by_role("link", name="parkeerbon.pdf").first.wait_for()
    page.get_by_role("button", name="Declaratie goedkeuren").click()
    page.wait_for_load_state()
    assert Declaration.objects.get(pk=reiskosten.pk).status == "approved"
    assert "goedgekeurd" in page.locator("h1").inner_text()
    check_page(page, "treasurer-declaration-approved")

    go(page, "Declaraties")
    check_page(page, "treasurer-declarations")
    page.get_by_role("link", name="Parkeren plenaire vergadering").first.click()
    page.get_by_role("button", name="Declaratie goedkeuren").click()
    page.wait_for_load_state()
    assert Declaration.objects.get(pk=parkeren.pk).status == "approved"
    assert flash(page) is not None

    # --- the batch export on a real worker, with its progress bar -------------------------
    go(page, "Declaraties")
    page.get_by_role("link", name="Exports").click()
    waiting = EARLIER + 2
    assert f"{waiting} goedgekeurde declaraties wachten op verzending." in page.inner_text("main")
    check_page(page, "treasurer-exports")
    today = timezone.localdate()
    page.get_by_label("Goedgekeurd vanaf").fill((today - datetime.timedelta(days=31)).isoformat())
    page.get_by_label("Tot en met").fill(today.isoformat())
    page.get_by_role("button", name="Export maken").click()
    page.wait_for_url("**/exports/*/")
    bar = page.locator("progress.export-progress")
    assert bar.is_visible()
    seen = []

    def progress():
        seen.append(int(page.locator("#export-procent").inner_text().rstrip("%")))
        return seen[-1] == 100 and page.get_by_role("link", name="PDF downloaden").count()

    wait_for(progress, timeout=120, what="the export to reach 100% on the worker", interval=0.2)
    assert seen[0] < 100, seen  # the bar was there before the worker finished
    assert seen == sorted(seen), seen  # it only goes forward
    label = page.locator("label[for^=export-balk]").inner_text()
    assert label == f"{waiting} van {waiting} declaraties verwerkt"
    check_page(page, "treasurer-export-done")
    export = DeclarationExport.objects.get()
    assert export.status == "done" and export.total == waiting
    batch = open_pdf(page, page.get_by_role("link", name="PDF downloaden"))
    with open("/tmp/shots-journeys-treasurer-export.pdf", "wb") as out:
        out.write(batch)

    # --- sent to the municipality: mark the batch, after confirming ----------------------------
    # (the button arrives with the last poll of the progress block: no need to open the page again)
    page.get_by_role("link", name="Als verstuurd naar de gemeente markeren").click()
    page.get_by_role("heading", name="Export als verstuurd markeren", level=1).wait_for()
    assert not Declaration.objects.filter(status="sent").exists()  # nothing happened yet
    check_page(page, "treasurer-export-mark-sent")
    page.get_by_role("button", name=f"Ja, {waiting} declaraties als verstuurd markeren").click()
    page.get_by_text(f"{waiting} declaraties staan nu op 'naar de gemeente'.").wait_for()
    assert set(export.declarations.values_list("status", flat=True)) == {"sent"}
