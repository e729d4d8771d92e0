import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from budget import selectors
from budget.models import Declaration
from budget.selectors import annual_report
from tests.budget.conftest import attended
from tests.factories.budget import DeclarationLineFactory, ExpenseFactory, declaration_with_total
from tests.factories.members import TermFactory

pytestmark = pytest.mark.django_db


def test_realisation_counts_approved_sent_paid_and_expenses_only(budget_year, member):
    for status in ["draft", "submitted", "checked", "rejected"]:
        declaration_with_total(
            claimant=member, budget_year=budget_year, status=status, amount="500"
        )
    for status in ["approved", "sent", "paid"]:
        declaration_with_total(
            claimant=member, budget_year=budget_year, status=status, amount="0.01"
        )
    ExpenseFactory(budget_year=budget_year, amount=Decimal("999.99"))  # meetings line (1000)
    data = selectors.budget_realisation(budget_year=budget_year)
    other = next(r for r in data["rows"] if r["line"].category == "other")
    meetings = next(r for r in data["rows"] if r["line"].category == "meetings")
    assert other["declared"] == Decimal("0.03")
    assert meetings["expenses"] == Decimal("999.99") and not meetings["real"].exceeded
    assert data["total"].actual == Decimal("1000.02")
    ExpenseFactory(budget_year=budget_year, amount=Decimal("0.02"))
    data = selectors.budget_realisation(budget_year=budget_year)
    assert [r["line"].category for r in data["exceeded"]] == ["meetings"]


def test_realisation_is_one_query_and_year_page_data_two(
    budget_year, member, django_assert_num_queries
):
    for _ in range(5):
        declaration_with_total(claimant=member, budget_year=budget_year, status="paid")
        ExpenseFactory(budget_year=budget_year)
    with django_assert_num_queries(1):
        data = selectors.budget_realisation(budget_year=budget_year)
    assert data["declared_total"] == Decimal("50.00")
    assert data["expenses_total"] == Decimal("500.00")
    with django_assert_num_queries(2):
        overview = selectors.budget_year_overview(budget_year=budget_year)
    assert [e["category"] for e in overview["expenses"]] == ["vergaderingen"] * 5


def test_lists_carry_the_status_name_from_the_database(member, secretary, budget_year):
    declaration_with_total(claimant=member, budget_year=budget_year, status="submitted")
    assert [d.status_label for d in selectors.declaration_list(user=secretary)] == ["ingediend"]
    assert [y.status_label for y in selectors.budget_year_list(user=secretary)] == ["concept"]


def test_declaration_scoping(member, other_member, secretary, budget_year):
    mine = declaration_with_total(claimant=member, budget_year=budget_year, status="draft")
    assert list(selectors.declaration_list(user=other_member)) == []
    assert selectors.declaration_list(user=secretary).count() == 1
    with pytest.raises(Http404):
        selectors.declaration_get_for_user(user=other_member, pk=mine.pk)
    assert selectors.declaration_get_for_user(user=member, pk=mine.pk) == mine


def test_unclaimed_attendance_excludes_claimed_unless_rejected(member, budget_year):
    today = datetime.date.today()
    a = attended(member, day=today)
    d = declaration_with_total(claimant=member, budget_year=budget_year, status="draft")
    line = DeclarationLineFactory(declaration=d, kind="allowance", attendance=a)
    start = datetime.date(today.year, 1, 1)
    assert selectors.unclaimed_attendance(member=member, start=start, end=today) == []
    line.claim_active = False
    line.save()
    assert selectors.unclaimed_attendance(member=member, start=start, end=today) == [a]


def test_annual_report_data_from_recorded_year(budget_year, member, other_member):
    today = datetime.date.today()
    attended(member, day=today)
    attended(other_member, day=today, status="excused")
    TermFactory(member=member, start=datetime.date(budget_year.year, 1, 1))
    data = selectors.annual_report_data(budget_year=budget_year)
    plenary = data["meetings"][0]
    assert plenary["target"] == 12 and plenary["held"] == 2 and not plenary["met"]
    assert data["attendance"]["present"] == 1 and data["attendance"]["percent"] == 50
    assert str(member) in data["people"]["joined"]
    assert data["realisation"]["total"].budget == Decimal("9000.00")


def test_annual_report_people_who_left(budget_year, django_assert_num_queries):
    """Left: a recorded leaving date, a term ended early, or a last term ending in the year
    (reappointed members did not leave); one query each however many terms ended."""
    from members.models import User

    y = budget_year.year
    gone = TermFactory(start=datetime.date(y - 4, 3, 1), end=datetime.date(y, 2, 28)).member
    stays = TermFactory(start=datetime.date(y - 4, 3, 1), end=datetime.date(y, 2, 28)).member
    TermFactory(
        member=stays, start=datetime.date(y, 3, 1), end=datetime.date(y + 3, 2, 28), sequence=2
    )
    early = TermFactory(
        start=datetime.date(y - 1, 1, 1), end=datetime.date(y, 6, 30), ended_early=True
    )
    TermFactory(member=early.member, start=datetime.date(y, 9, 1), sequence=2)
    resigned = TermFactory(start=datetime.date(y - 1, 1, 1)).member
    User.objects.filter(pk=resigned.pk).update(left_on=datetime.date(y, 5, 1))
    with django_assert_num_queries(2):  # joined, left
        left = annual_report._people(y)["left"]
    assert left == sorted([str(gone), str(early.member), str(resigned)])
    assert str(stays) not in left


def test_declarations_waiting_counts(member, secretary, treasurer, budget_year):
    declaration_with_total(claimant=member, budget_year=budget_year, status="submitted")
    declaration_with_total(claimant=treasurer, budget_year=budget_year, status="checked")
    assert selectors.declarations_waiting(user=secretary)["to_check"] == 1
    assert selectors.declarations_waiting(user=treasurer)["to_approve"] == 0  # own one
    assert Declaration.objects.count() == 2


def test_reminder_sweep_for_waiting_declarations(member, secretary, treasurer, budget_year):
    from django.utils import timezone

    from budget.reminders import sweep

    d = declaration_with_total(claimant=member, budget_year=budget_year, status="submitted")
    d.submitted_at = timezone.now() - datetime.timedelta(days=4)
    d.save()
    fresh = declaration_with_total(claimant=member, budget_year=budget_year, status="submitted")
    fresh.submitted_at = timezone.now()
    fresh.save()
    own = declaration_with_total(claimant=treasurer, budget_year=budget_year, status="checked")
    own.checked_at = timezone.now() - datetime.timedelta(days=10)
    own.save()
    due = sweep(today=datetime.date.today())
    assert [(r["kind"], r["object"], r["recipient"]) for r in due] == [
        ("declaration_waiting_check", d, secretary)
    ]


@pytest.mark.poppler
def test_annual_report_pdf_fits_all_realisation_columns_on_the_page(budget_year, tmp_path):
    """pdftotext keeps only what is on the page: the last column (spent %) must be there."""
    import re
    import subprocess

    from budget.pdf import annual_report_pdf

    pdf = tmp_path / "jaarverslag.pdf"
    pdf.write_bytes(annual_report_pdf(budget_year))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    totals = [line for line in text.splitlines() if line.strip().startswith("Totaal  ")]
    assert totals and re.search(r"€\s*[\d.]+,\d\d\s+\d+%\s*$", totals[-1]), totals
