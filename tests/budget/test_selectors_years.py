"""Budget years and the budget against actuals (``budget.selectors.years``)."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from budget import selectors
from budget.models import BudgetLine, BudgetYear
from tests.factories.budget import (
    BudgetYearFactory,
    DeclarationLineFactory,
    ExpenseFactory,
    budget_line,
    declaration_with_total,
)

pytestmark = pytest.mark.django_db

CATEGORIES = BudgetLine.Category.values


def test_budget_years_newest_first_with_their_total_and_status_name(secretary, budget_year):
    older = BudgetYearFactory(year=budget_year.year - 1, status=BudgetYear.Status.GRANTED)
    BudgetLine.objects.filter(budget_year=older, category="other").update(amount=Decimal("1.5"))
    rows = [(y, y.budget_total, y.status_label) for y in selectors.budget_year_list(user=secretary)]
    assert rows == [
        (budget_year, Decimal("9000.00"), "concept"),
        (older, Decimal("8001.50"), "toegekend"),
    ]


def test_a_budget_year_is_found_by_its_year_or_is_404(secretary, budget_year):
    assert selectors.budget_year_get(user=secretary, year=budget_year.year) == budget_year
    with pytest.raises(Http404):
        selectors.budget_year_get(user=secretary, year=budget_year.year + 1)


def test_the_current_budget_year_is_that_of_today_if_there_is_one(secretary, budget_year):
    y = budget_year.year
    assert selectors.budget_year_current(user=secretary, today=datetime.date(y, 1, 1)) == (
        budget_year
    )
    assert selectors.budget_year_current(user=secretary, today=datetime.date(y, 12, 31)) == (
        budget_year
    )
    assert selectors.budget_year_current(user=secretary, today=datetime.date(y + 1, 1, 1)) is None


def test_meeting_targets_come_from_the_years_plan_or_are_none_without_one(budget_year):
    budget_year.target_plenaries = 10
    budget_year.save()
    assert selectors.meeting_targets(year=budget_year.year) == {
        "plenary": 10,
        "alderman": 2,
        "management": budget_year.target_management,
        "work_visit": 4,
        "training": 1,
    }
    assert selectors.meeting_targets(year=budget_year.year + 1) is None


def test_budget_lines_of_the_year_in_category_order(budget_year):
    BudgetYearFactory(year=budget_year.year + 1)
    lines = selectors.budget_lines(budget_year=budget_year)
    assert [b.category for b in lines] == CATEGORIES
    assert {b.budget_year_id for b in lines} == {budget_year.pk}


def test_year_overview_shows_the_latest_20_expenses_with_their_category_name(budget_year):
    y = budget_year.year
    for day in range(1, 22):
        ExpenseFactory(budget_year=budget_year, date=datetime.date(y, 1, day), amount=Decimal(day))
    overview = selectors.budget_year_overview(budget_year=budget_year)
    assert len(overview["expenses"]) == 20
    assert overview["expenses"][0] == {
        "date": datetime.date(y, 1, 21),
        "category": "vergaderingen",
        "description": "Zaalhuur",
        "amount": Decimal("21.00"),
    }
    assert overview["expenses"][-1]["date"] == datetime.date(y, 1, 2)
    assert overview["realisation"] == selectors.budget_realisation(budget_year=budget_year)
    assert overview["realisation"]["expenses_total"] == Decimal("231.00")


def test_realisation_rows_carry_the_category_name_and_chart_geometry(budget_year):
    ExpenseFactory(budget_year=budget_year, amount=Decimal("2000.00"))  # meetings line (1000)
    data = selectors.budget_realisation(budget_year=budget_year)
    rows = [(r["label"], r["bar_budget"], r["bar_actual"], r["y"]) for r in data["rows"][:3]]
    assert rows == [
        ("vergaderingen", 200, 400, 0),
        ("vacatievergoedingen", 200, 0, 44),
        ("training en scholing", 200, 0, 88),
    ]
    assert data["rows"][-1]["y"] == 8 * 44
    assert data["chart_height"] == 9 * 44 + 10


def test_realisation_chart_of_a_year_without_lines_is_empty(budget_year):
    empty = BudgetYearFactory(year=budget_year.year + 1, with_lines=False)
    data = selectors.budget_realisation(budget_year=empty)
    assert data["rows"] == [] and data["chart_height"] == 10


def test_a_line_booked_on_this_years_budget_by_another_years_declaration_is_not_counted(
    budget_year, member
):
    next_year = BudgetYearFactory(year=budget_year.year + 1)
    other = declaration_with_total(claimant=member, budget_year=next_year, amount="40.00")
    DeclarationLineFactory(
        declaration=other, budget_line=budget_line(budget_year, "other"), amount=Decimal("5")
    )
    data = selectors.budget_realisation(budget_year=budget_year)
    assert data["declared_total"] == Decimal("0.00")
