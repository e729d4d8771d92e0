"""The annual plan: a budget year with its targets and amounts per category, and its way to
the college's grant. The plan text and targets (``BudgetYear.PLAN_FIELDS``) are the only
fields a plan edit changes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked, transition

from .. import rules
from ..models import BudgetLine, BudgetYear
from .common import BudgetError, require


@transaction.atomic
def budget_year_create(
    *,
    by: Any,
    year: int,
    data: dict[str, Any] | None = None,
    amounts: dict[str, Decimal] | None = None,
) -> BudgetYear:
    """A new annual plan, one per calendar year, with a budget line for every category
    (amount 0 unless given). Only the treasurer (``manage_budget``) makes one."""
    require(by, "budget.manage_budget")
    if BudgetYear.objects.filter(year=year).exists():
        raise BudgetError(_("Er is al een begroting voor %(jaar)s.") % {"jaar": year}, field="year")
    budget_year = BudgetYear(year=year)
    for field, value in (data or {}).items():
        if field in BudgetYear.PLAN_FIELDS:
            setattr(budget_year, field, value)
    budget_year.save()
    amounts = amounts or {}
    BudgetLine.objects.bulk_create(
        BudgetLine(
            budget_year=budget_year,
            category=category,
            amount=rules.money(amounts.get(category, Decimal("0"))),
        )
        for category in BudgetLine.Category.values
    )
    audit_record(actor=by, action="budget_year.created", obj=budget_year, data={"year": year})
    return budget_year


@transaction.atomic
def budget_year_update(*, budget_year: BudgetYear, by: Any, data: dict[str, Any]) -> BudgetYear:
    """Change the plan text, goals and targets (only those fields; anything else posted is
    ignored). The treasurer may do so in every status: the plan is a living document."""
    require(by, "budget.manage_budget")
    budget_year = locked(budget_year)
    changed = []
    for field, value in data.items():
        if field in BudgetYear.PLAN_FIELDS and getattr(budget_year, field) != value:
            setattr(budget_year, field, value)
            changed.append(field)
    budget_year.save()
    audit_record(actor=by, action="budget_year.updated", obj=budget_year, data={"fields": changed})
    return budget_year


@transaction.atomic
def budget_lines_set(
    *,
    budget_year: BudgetYear,
    by: Any,
    amounts: dict[str, Decimal],
    descriptions: dict[str, str] | None = None,
) -> None:
    """Set the budgeted amount per category (€ 0 up to ``rules.MAX_BUDGET_AMOUNT``, in
    cents). Once the college granted the budget its amounts are no longer changed
    (``rules.budget_lines_changeable``)."""
    require(by, "budget.manage_budget")
    budget_year = locked(budget_year)
    if not rules.budget_lines_changeable(granted=budget_year.status == BudgetYear.Status.GRANTED):
        raise BudgetError(_("Een toegekende begroting kan niet meer worden gewijzigd."))
    descriptions = descriptions or {}
    for category, amount in amounts.items():
        if category not in BudgetLine.Category.values:
            continue
        amount = rules.money(amount)
        if not rules.budget_amount_acceptable(amount):
            raise BudgetError(_("Een begroot bedrag moet tussen € 0 en € 10.000.000 liggen."))
        BudgetLine.objects.update_or_create(
            budget_year=budget_year,
            category=category,
            defaults={"amount": amount, "description": descriptions.get(category, "")[:200]},
        )
    audit_record(
        actor=by,
        action="budget_year.lines_set",
        obj=budget_year,
        data={k: str(v) for k, v in amounts.items()},
    )


@transaction.atomic
def budget_year_transition(
    *,
    budget_year: BudgetYear,
    by: Any,
    to: str,
    on: datetime.date | None = None,
    granted_amount: Decimal | None = None,
) -> BudgetYear:
    """draft → requested from the college (on a date) → granted (with the granted amount,
    not negative, and the date); a request may go back to draft. Each step is kept in the
    year's status history and the audit log (``budget_year.status_changed``)."""
    require(by, "budget.manage_budget")
    budget_year = locked(budget_year)
    on = on or timezone.localdate()
    if to == BudgetYear.Status.GRANTED and budget_year.can_transition_to(to):
        if granted_amount is None or granted_amount < 0:
            raise BudgetError(_("Vul het toegekende bedrag in."), field="granted_amount")
        budget_year.granted_amount = rules.money(granted_amount)
        budget_year.granted_on = on
    transition(
        budget_year,
        to=to,
        by=by,
        error=BudgetError,
        audit_data={"granted": str(budget_year.granted_amount or "")},
    )
    if to == BudgetYear.Status.REQUESTED:
        budget_year.requested_on = on
    budget_year.save()
    return budget_year
