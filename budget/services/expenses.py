"""The council's other expenses (room hire, printing): not a member's declaration, but spent
from the same budget."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record

from .. import rules
from ..models import BudgetLine, BudgetYear, Expense
from .common import BudgetError, require


@transaction.atomic
def expense_record(
    *,
    budget_year: BudgetYear,
    by: Any,
    budget_line: BudgetLine,
    date: datetime.date,
    description: str,
    amount: Decimal,
) -> Expense:
    """Record another expense of the council against a line of the same budget year, dated
    in that year, of € 0,01 up to ``rules.MAX_EXPENSE_AMOUNT``. It counts as spent at once.
    Only the treasurer (``manage_budget``) records one."""
    require(by, "budget.manage_budget")
    amount = rules.money(amount)
    if budget_line.budget_year_id != budget_year.pk:
        raise BudgetError(_("Kies een post uit deze begroting."), field="budget_line")
    if not rules.date_in_year(date, budget_year.year):
        raise BudgetError(
            _("De datum moet in %(jaar)s liggen.") % {"jaar": budget_year.year}, field="date"
        )
    if not rules.amount_is_acceptable(amount, maximum=rules.MAX_EXPENSE_AMOUNT):
        raise BudgetError(_("Vul een bedrag in tussen € 0,01 en € 100.000,00."), field="amount")
    expense = Expense.objects.create(
        budget_year=budget_year,
        budget_line=budget_line,
        date=date,
        description=description,
        amount=amount,
        recorded_by=by,
    )
    audit_record(actor=by, action="expense.recorded", obj=expense, data={"amount": str(amount)})
    return expense
