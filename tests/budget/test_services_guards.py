"""The guards of the budget services for the annual plan, the council's other expenses and the
publications: who may do it, which input is refused (both sides of each limit), and that a
refused call changes nothing."""

import datetime
from decimal import Decimal

import pytest

from adviesraad.models import AuditEntry
from budget import rules, services
from budget.models import AnnualReport, BudgetLine, BudgetYear, Expense, Publication
from budget.services import BudgetError
from tests.factories.budget import BudgetYearFactory, budget_line, receipt_pdf

pytestmark = pytest.mark.django_db


# --- the annual plan -----------------------------------------------------------------------


def test_a_member_cannot_create_a_budget_year(member):
    with pytest.raises(BudgetError, match="toestemming"):
        services.budget_year_create(by=member, year=2031)
    assert not BudgetYear.objects.filter(year=2031).exists()
    assert not AuditEntry.objects.filter(action="budget_year.created").exists()


def test_a_second_budget_for_the_same_year_is_refused(treasurer):
    services.budget_year_create(by=treasurer, year=2031)
    services.budget_year_create(by=treasurer, year=2032)  # another year is fine
    with pytest.raises(BudgetError, match="al een begroting voor 2031") as exc:
        services.budget_year_create(by=treasurer, year=2031)
    assert exc.value.field == "year"
    assert BudgetYear.objects.filter(year=2031).count() == 1


def test_the_treasurer_updates_the_plan_and_a_member_cannot(budget_year, treasurer, member):
    services.budget_year_update(budget_year=budget_year, by=treasurer, data={"goals": "Meer"})
    budget_year.refresh_from_db()
    assert budget_year.goals == "Meer"
    with pytest.raises(BudgetError, match="toestemming"):
        services.budget_year_update(budget_year=budget_year, by=member, data={"goals": "Minder"})
    budget_year.refresh_from_db()
    assert budget_year.goals == "Meer"
    assert AuditEntry.objects.filter(action="budget_year.updated").count() == 1


def test_budget_lines_set_changes_only_that_years_line_and_keeps_the_amounts_in_the_log(
    budget_year, treasurer
):
    other_year = BudgetYearFactory(year=budget_year.year + 1)
    services.budget_lines_set(
        budget_year=budget_year,
        by=treasurer,
        amounts={"other": Decimal("12.345"), "nonsense": Decimal("5")},
        descriptions={"other": "Drukwerk"},
    )
    line = budget_line(budget_year, "other")
    assert (line.amount, line.description) == (Decimal("12.35"), "Drukwerk")
    assert budget_line(other_year, "other").amount == Decimal("1000.00")
    assert BudgetLine.objects.filter(budget_year=budget_year).count() == len(
        BudgetLine.Category.values
    )
    entry = AuditEntry.objects.get(action="budget_year.lines_set")
    assert entry.data == {"other": "12.345", "nonsense": "5"}


def test_a_member_cannot_set_the_budget_lines(budget_year, member):
    with pytest.raises(BudgetError, match="toestemming"):
        services.budget_lines_set(
            budget_year=budget_year, by=member, amounts={"other": Decimal("5")}
        )
    assert budget_line(budget_year, "other").amount == Decimal("1000.00")


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("0.01"), Decimal("1")])
def test_a_granted_amount_of_zero_or_more_is_accepted(budget_year, treasurer, amount):
    services.budget_year_transition(budget_year=budget_year, by=treasurer, to="requested")
    services.budget_year_transition(
        budget_year=budget_year, by=treasurer, to="granted", granted_amount=amount
    )
    budget_year.refresh_from_db()
    assert budget_year.status == "granted" and budget_year.granted_amount == amount


def test_a_granted_amount_one_cent_below_zero_is_refused(budget_year, treasurer):
    services.budget_year_transition(budget_year=budget_year, by=treasurer, to="requested")
    with pytest.raises(BudgetError, match="toegekende bedrag"):
        services.budget_year_transition(
            budget_year=budget_year, by=treasurer, to="granted", granted_amount=Decimal("-0.01")
        )
    budget_year.refresh_from_db()
    assert budget_year.status == "requested" and budget_year.granted_amount is None


# --- the council's other expenses ----------------------------------------------------------


def record(budget_year, by, **kw):
    return services.expense_record(
        budget_year=budget_year,
        by=by,
        budget_line=kw.pop("line", None) or budget_line(budget_year, "meetings"),
        date=kw.pop("date", datetime.date(budget_year.year, 3, 1)),
        description="Zaalhuur",
        amount=kw.pop("amount", Decimal("100.00")),
    )


def test_the_treasurer_records_an_expense_and_the_log_keeps_its_amount(budget_year, treasurer):
    expense = record(budget_year, treasurer, amount=Decimal("99.995"))
    expense.refresh_from_db()
    assert expense.amount == Decimal("100.00") and expense.recorded_by == treasurer
    entry = AuditEntry.objects.get(action="expense.recorded")
    assert entry.data == {"amount": "100.00"}


def test_a_member_cannot_record_an_expense(budget_year, member):
    with pytest.raises(BudgetError, match="toestemming"):
        record(budget_year, member)
    assert not Expense.objects.exists()


@pytest.mark.parametrize("day", [(1, 1), (12, 31)])
def test_an_expense_on_the_first_or_last_day_of_the_year_is_accepted(budget_year, treasurer, day):
    expense = record(budget_year, treasurer, date=datetime.date(budget_year.year, *day))
    assert expense.date == datetime.date(budget_year.year, *day)


@pytest.mark.parametrize(
    "day", [lambda y: datetime.date(y - 1, 12, 31), lambda y: datetime.date(y + 1, 1, 1)]
)
def test_an_expense_dated_outside_the_year_is_refused(budget_year, treasurer, day):
    with pytest.raises(BudgetError) as exc:
        record(budget_year, treasurer, date=day(budget_year.year))
    assert exc.value.field == "date"
    assert not Expense.objects.exists()


@pytest.mark.parametrize("amount", ["0.01", str(rules.MAX_EXPENSE_AMOUNT)])
def test_an_expense_from_one_cent_up_to_the_maximum_is_accepted(budget_year, treasurer, amount):
    assert record(budget_year, treasurer, amount=Decimal(amount)).amount == Decimal(amount)


@pytest.mark.parametrize("amount", ["0", str(rules.MAX_EXPENSE_AMOUNT + Decimal("0.01"))])
def test_an_expense_of_nothing_or_one_cent_over_the_maximum_is_refused(
    budget_year, treasurer, amount
):
    with pytest.raises(BudgetError) as exc:
        record(budget_year, treasurer, amount=Decimal(amount))
    assert exc.value.field == "amount"
    assert not Expense.objects.exists()


def test_an_expense_on_a_line_of_another_year_is_refused(budget_year, treasurer):
    other_year = BudgetYearFactory(year=budget_year.year + 1)
    with pytest.raises(BudgetError) as exc:
        record(budget_year, treasurer, line=budget_line(other_year, "meetings"))
    assert exc.value.field == "budget_line"
    assert not Expense.objects.exists()


# --- publications --------------------------------------------------------------------------


def test_the_annual_report_is_saved_by_the_secretary_not_by_the_treasurer(
    budget_year, secretary, treasurer
):
    report = services.annual_report_save(budget_year=budget_year, by=secretary, introduction="In")
    assert report.updated_by == secretary
    with pytest.raises(BudgetError, match="toestemming"):
        services.annual_report_save(budget_year=budget_year, by=treasurer, introduction="Weg")
    assert AnnualReport.objects.get().introduction == "In"


def test_only_the_secretary_publishes_the_annual_report(budget_year, secretary, treasurer):
    with pytest.raises(BudgetError, match="toestemming"):
        services.annual_report_publish(budget_year=budget_year, by=treasurer)
    assert not Publication.objects.exists()
    pub = services.annual_report_publish(budget_year=budget_year, by=secretary)
    assert pub.kind == Publication.Kind.ANNUAL_REPORT and pub.is_public


def test_a_member_cannot_publish_the_annual_plan(budget_year, member, treasurer):
    with pytest.raises(BudgetError, match="toestemming"):
        services.annual_plan_publish(budget_year=budget_year, by=member)
    assert not Publication.objects.exists()
    pub = services.annual_plan_publish(budget_year=budget_year, by=treasurer)
    assert pub.kind == Publication.Kind.ANNUAL_PLAN and pub.published_by == treasurer


def test_only_the_secretary_publishes_and_withdraws_a_research_report(secretary, treasurer):
    with pytest.raises(BudgetError, match="toestemming"):
        services.research_report_publish(
            by=treasurer, title="Onderzoek", year=2025, upload=receipt_pdf()
        )
    assert not Publication.objects.exists()
    pub = services.research_report_publish(
        by=secretary, title="Onderzoek", year=2025, upload=receipt_pdf()
    )
    with pytest.raises(BudgetError, match="toestemming"):
        services.publication_withdraw(publication=pub, by=treasurer)
    pub.refresh_from_db()
    assert pub.is_public
    services.publication_withdraw(publication=pub, by=secretary)
    pub.refresh_from_db()
    assert not pub.is_public
