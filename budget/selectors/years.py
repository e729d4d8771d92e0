"""Budget years and the budget against actuals: what every holder of ``view_budget`` sees."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from .. import rules
from ..models import BudgetLine, BudgetYear, Declaration, DeclarationLine, Expense
from .common import ZERO, label_of


def budget_year_list(*, user) -> QuerySet[BudgetYear]:
    return BudgetYear.objects.annotate(
        budget_total=Sum("lines__amount"),
        status_label=label_of("status", BudgetYear.Status.choices),
    ).order_by("-year")


def budget_year_get(*, user, year: int) -> BudgetYear:
    obj = BudgetYear.objects.filter(year=year).first()
    if obj is None:
        raise Http404
    return obj


def budget_year_current(*, user, today: datetime.date) -> BudgetYear | None:
    """This calendar year's budget, if there is one."""
    return BudgetYear.objects.filter(year=today.year).first()


def meeting_targets(*, year: int) -> dict[str, int] | None:
    """The annual plan's meeting targets per kind for ``year`` (plenaries, aldermen,
    management, work visits, training), or ``None`` without a budget year (the dashboard
    then shows the defaults)."""
    budget_year = BudgetYear.objects.filter(year=year).first()
    return budget_year.meeting_targets() if budget_year else None


def budget_year_overview(*, budget_year: BudgetYear) -> dict:
    """What the budget year page shows below its header: budget against actuals and the
    latest 20 other expenses. Two queries, whatever the number of declarations."""
    labels = _category_labels()
    expenses = Expense.objects.filter(budget_year=budget_year).values_list(
        "date", "budget_line__category", "description", "amount"
    )[:20]
    return {
        "realisation": budget_realisation(budget_year=budget_year),
        "expenses": [
            {"date": day, "category": labels[category], "description": text, "amount": amount}
            for day, category, text, amount in expenses
        ],
    }


def _in_category_order(lines) -> list[BudgetLine]:
    order = {c: i for i, c in enumerate(BudgetLine.Category.values)}
    return sorted(lines, key=lambda b: order[b.category])


def budget_lines(*, budget_year: BudgetYear) -> list[BudgetLine]:
    return _in_category_order(BudgetLine.objects.filter(budget_year=budget_year))


def _category_labels() -> dict[str, str]:
    """The budget categories' names in the active language, translated once per page (a
    ``get_category_display`` per row translates every choice again)."""
    return {value: str(label) for value, label in BudgetLine.Category.choices}


def _sum_on_line(rows: QuerySet) -> Coalesce:
    """The sum of ``rows``' amounts booked on the outer budget line (0 when none)."""
    total = (
        rows.filter(budget_line=OuterRef("pk"))
        .order_by()
        .values("budget_line")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return Coalesce(
        Subquery(total), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2)
    )


def budget_realisation(*, budget_year: BudgetYear) -> dict:
    """Budget against actuals per line and in total: approved, sent and paid declarations plus
    other recorded expenses. One query, whatever the number of declarations."""
    lines = _in_category_order(
        BudgetLine.objects.filter(budget_year=budget_year).annotate(
            declared=_sum_on_line(
                DeclarationLine.objects.filter(
                    declaration__budget_year=OuterRef("budget_year"),
                    declaration__status__in=Declaration.SPENT,
                )
            ),
            spent=_sum_on_line(Expense.objects.filter(budget_year=OuterRef("budget_year"))),
        )
    )
    labels = _category_labels()
    rows = []
    for line in lines:
        d = rules.money(line.declared)
        e = rules.money(line.spent)
        r = rules.Realisation(budget=line.amount, actual=d + e)
        rows.append(
            {"line": line, "label": labels[line.category], "declared": d, "expenses": e, "real": r}
        )
    total = rules.Realisation(
        budget=rules.total(r["line"].amount for r in rows),
        actual=rules.total(r["real"].actual for r in rows),
    )
    scale = max(
        [Decimal("0.01"), *[r["line"].amount for r in rows], *[r["real"].actual for r in rows]]
    )
    for i, row in enumerate(rows):
        row["bar_budget"] = rules.bar_width(row["line"].amount, scale, width=400)
        row["bar_actual"] = rules.bar_width(row["real"].actual, scale, width=400)
        row["y"] = i * 44
    return {
        "rows": rows,
        "total": total,
        "declared_total": rules.total(r["declared"] for r in rows),
        "expenses_total": rules.total(r["expenses"] for r in rows),
        "exceeded": [r for r in rows if r["real"].exceeded],
        "chart_height": len(rows) * 44 + 10,
    }
