"""A member's declaration while it is a draft: making it, adding expenses with receipts,
journeys and attended meetings, removing lines, and the bank account it is paid to.

Only the claimant changes their own draft; once submitted it is fixed (``workflow``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked

from .. import rules
from ..models import BudgetLine, BudgetYear, Declaration, DeclarationLine, Receipt
from .common import BudgetError, delete_files_after_commit, require
from .receipts import checked_receipts, store_receipts


def _own_draft(declaration: Declaration, by: Any) -> Declaration:
    """The declaration locked, if ``by`` is its claimant and it is still a draft."""
    declaration = locked(declaration)
    if by is None or declaration.claimant_id != by.pk:
        raise BudgetError(_("Alleen de declarant kan deze declaratie wijzigen."))
    if not declaration.is_editable:
        raise BudgetError(_("Deze declaratie is ingediend en kan niet meer worden gewijzigd."))
    return declaration


def _recalculate(declaration: Declaration) -> None:
    """The total is the sum of the lines, each rounded to cents (``rules.total``)."""
    amounts = declaration.lines.values_list("amount", flat=True)
    declaration.total = rules.total(amounts)
    declaration.save(update_fields=["total", "updated_at"])


def _check_line(declaration: Declaration, *, date: datetime.date, budget_line: BudgetLine) -> None:
    """A line is dated in the declaration's year, not in the future, and booked on a line of
    that year's budget."""
    year = declaration.budget_year.year
    if not rules.date_in_year(date, year):
        raise BudgetError(
            _("De datum moet in het jaar van de declaratie (%(jaar)s) liggen.") % {"jaar": year},
            field="date",
        )
    if date > timezone.localdate():
        raise BudgetError(_("De datum ligt in de toekomst."), field="date")
    if budget_line.budget_year_id != declaration.budget_year_id:
        raise BudgetError(_("Kies een post uit de begroting van dit jaar."), field="budget_line")


@transaction.atomic
def declaration_create(*, claimant: Any, by: Any, year: int, description: str) -> Declaration:
    """A new draft declaration for the claimant's own expenses in ``year``: a member declares
    only for themselves, and only in a year that has a budget."""
    require(by, "budget.submit_declaration")
    if by.pk != claimant.pk:
        raise BudgetError(_("Je kunt alleen voor jezelf declareren."))
    budget_year = BudgetYear.objects.filter(year=year).first()
    if budget_year is None:
        raise BudgetError(
            _("Er is nog geen begroting voor %(jaar)s. Vraag de penningmeester die aan te maken.")
            % {"jaar": year},
            field="year",
        )
    declaration = Declaration.objects.create(
        claimant=claimant, budget_year=budget_year, description=description.strip()[:200]
    )
    audit_record(actor=by, action="declaration.created", obj=declaration)
    return declaration


def _max_line_amount() -> str:
    """``rules.MAX_LINE_AMOUNT`` written the Dutch way (5.000,00)."""
    return f"{rules.MAX_LINE_AMOUNT:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


@transaction.atomic
def declaration_line_add_expense(
    *,
    declaration: Declaration,
    by: Any,
    date: datetime.date,
    budget_line: BudgetLine,
    description: str,
    amount: Decimal,
    invoices: list | None = None,
    payments: list | None = None,
) -> DeclarationLine:
    """An expense of € 0,01 up to ``rules.MAX_LINE_AMOUNT`` (rounded to cents) with its
    receipts: an invoice and/or a proof of payment, at least one. Nothing is saved when one
    receipt is refused."""
    declaration = _own_draft(declaration, by)
    _check_line(declaration, date=date, budget_line=budget_line)
    try:
        amount = rules.money(amount)
    except ValueError as exc:
        raise BudgetError(_("Vul een geldig bedrag in."), field="amount") from exc
    if not rules.amount_is_acceptable(amount):
        raise BudgetError(
            _("Vul een bedrag in tussen € 0,01 en € %(max)s.") % {"max": _max_line_amount()},
            field="amount",
        )
    invoices = list(invoices or [])
    payments = list(payments or [])
    if not invoices and not payments:
        raise BudgetError(_("Voeg een bon of factuur toe (PDF, JPG of PNG)."), field="receipts")
    checked = checked_receipts(declaration, invoices + payments)
    line = DeclarationLine.objects.create(
        declaration=declaration,
        kind=DeclarationLine.Kind.EXPENSE,
        date=date,
        budget_line=budget_line,
        description=description.strip()[:200],
        amount=amount,
    )
    stored: list[Receipt] = []
    try:
        stored += store_receipts(
            declaration, line, checked[: len(invoices)], by=by, kind=Receipt.Kind.INVOICE
        )
        stored += store_receipts(
            declaration, line, checked[len(invoices) :], by=by, kind=Receipt.Kind.PAYMENT
        )
        _recalculate(declaration)
        audit_record(
            actor=by, action="declaration.line_added", obj=declaration, data={"kind": "expense"}
        )
    except Exception:
        # Nothing half-saved: the rows roll back with the transaction, the files go here.
        for receipt in stored:
            default_storage.delete(receipt.file.name or "")
        raise
    return line


@transaction.atomic
def receipt_add(
    *,
    declaration: Declaration,
    by: Any,
    upload: Any,
    kind: str,
    line: DeclarationLine | None = None,
) -> Receipt:
    """One more receipt for the claimant's draft (for a line of it, or the whole declaration);
    an unknown kind counts as an invoice."""
    declaration = _own_draft(declaration, by)
    if line is not None and line.declaration_id != declaration.pk:
        raise BudgetError(_("Deze regel hoort niet bij deze declaratie."))
    checked = checked_receipts(declaration, [upload])
    if kind not in Receipt.Kind.values:
        kind = Receipt.Kind.INVOICE
    (receipt,) = store_receipts(declaration, line, checked, by=by, kind=kind)
    audit_record(actor=by, action="declaration.receipt_added", obj=declaration)
    return receipt


@transaction.atomic
def declaration_line_add_journey(
    *,
    declaration: Declaration,
    by: Any,
    date: datetime.date,
    budget_line: BudgetLine,
    description: str,
    kilometres: Decimal | None,
) -> DeclarationLine:
    """A journey: kilometres (more than 0, at most ``rules.MAX_KILOMETRES``) × the council's
    kilometre rate, rounded to cents on the line."""
    from members.selectors import council_settings_get

    declaration = _own_draft(declaration, by)
    _check_line(declaration, date=date, budget_line=budget_line)
    if kilometres is None or not rules.kilometres_acceptable(kilometres):
        raise BudgetError(
            _("Vul het aantal kilometers in (meer dan 0 en hoogstens %(max)s).")
            % {"max": rules.MAX_KILOMETRES},
            field="kilometres",
        )
    rate = council_settings_get().kilometre_rate
    amount = rules.journey_amount(kilometres=kilometres, rate=rate)
    line = DeclarationLine.objects.create(
        declaration=declaration,
        kind=DeclarationLine.Kind.JOURNEY,
        date=date,
        budget_line=budget_line,
        description=description.strip()[:200],
        kilometres=kilometres,
        rate=rate,
        amount=amount,
    )
    _recalculate(declaration)
    audit_record(
        actor=by, action="declaration.line_added", obj=declaration, data={"kind": "journey"}
    )
    return line


def _allowance_line_for(declaration: Declaration) -> BudgetLine:
    line = BudgetLine.objects.filter(
        budget_year_id=declaration.budget_year_id, category=BudgetLine.Category.ALLOWANCES
    ).first()
    if line is None:
        raise BudgetError(_("De begroting heeft geen post voor vacatievergoedingen."))
    return line


def _is_chair_on(member: Any, day: datetime.date) -> bool:
    from members.models import Term

    return Term.objects.filter(
        member=member, role=Term.Role.CHAIR, start__lte=day, end__gte=day
    ).exists()


def _add_allowance(
    declaration: Declaration, *, attendance: Any, budget_line: BudgetLine
) -> DeclarationLine:
    """An allowance line for a meeting the claimant attended (present), claimed at most once
    while no claim of it is rejected (a unique constraint guards a race)."""
    from meetings.models import Attendance
    from members.selectors import council_settings_get

    if attendance.member_id != declaration.claimant_id:
        raise BudgetError(_("Je kunt alleen vergaderingen declareren waarbij je zelf was."))
    if attendance.status != Attendance.Status.PRESENT:
        raise BudgetError(
            _("Je was niet aanwezig bij deze vergadering; daarvoor is geen vergoeding.")
        )
    meeting = attendance.meeting
    day = timezone.localtime(meeting.start).date()
    _check_line(declaration, date=day, budget_line=budget_line)
    if DeclarationLine.objects.filter(attendance=attendance, claim_active=True).exists():
        raise BudgetError(
            _("De vergadering '%(titel)s' is al gedeclareerd.") % {"titel": meeting.title}
        )
    cs = council_settings_get()
    rate = rules.allowance_rate(
        is_chair=_is_chair_on(declaration.claimant, day),
        member_rate=cs.allowance_rate,
        chair_rate=cs.chair_allowance_rate,
    )
    try:
        with transaction.atomic():
            return DeclarationLine.objects.create(
                declaration=declaration,
                kind=DeclarationLine.Kind.ALLOWANCE,
                date=day,
                budget_line=budget_line,
                description=str(meeting.title)[:200],
                rate=rate,
                amount=rate,
                attendance=attendance,
            )
    except IntegrityError as exc:
        raise BudgetError(
            _("De vergadering '%(titel)s' is al gedeclareerd.") % {"titel": meeting.title}
        ) from exc


@transaction.atomic
def declaration_line_add_allowance(
    *, declaration: Declaration, by: Any, attendance: Any
) -> DeclarationLine:
    """An attended meeting × the allowance rate (the chair's rate for whoever was chair on
    the day, ``rules.allowance_rate``)."""
    declaration = _own_draft(declaration, by)
    line = _add_allowance(
        declaration, attendance=attendance, budget_line=_allowance_line_for(declaration)
    )
    _recalculate(declaration)
    audit_record(
        actor=by, action="declaration.line_added", obj=declaration, data={"kind": "allowance"}
    )
    return line


@transaction.atomic
def declaration_prefill_allowances(
    *, declaration: Declaration, by: Any, start: datetime.date, end: datetime.date
) -> list[DeclarationLine]:
    """Add an allowance line for every meeting the claimant attended in the period (cut to
    the declaration's year and today, ``rules.allowance_claim_period``) and has not claimed
    yet. Running it twice adds nothing the second time."""
    from ..selectors import unclaimed_attendance

    declaration = _own_draft(declaration, by)
    if end < start:
        raise BudgetError(_("Het einde van de periode ligt vóór het begin."), field="end")
    start, end = rules.allowance_claim_period(
        year=declaration.budget_year.year, today=timezone.localdate(), start=start, end=end
    )
    budget_line = _allowance_line_for(declaration)
    created = [
        _add_allowance(declaration, attendance=attendance, budget_line=budget_line)
        for attendance in unclaimed_attendance(member=declaration.claimant, start=start, end=end)
    ]
    if created:
        _recalculate(declaration)
        audit_record(
            actor=by,
            action="declaration.allowances_prefilled",
            obj=declaration,
            data={"lines": len(created)},
        )
    return created


@transaction.atomic
def declaration_line_delete(*, line: DeclarationLine, by: Any) -> None:
    """The claimant removes a line of their draft; its receipt files go after commit."""
    declaration = _own_draft(line.declaration, by)
    names = list(line.receipts.values_list("file", flat=True))
    line.delete()
    _recalculate(declaration)
    delete_files_after_commit(names)
    audit_record(actor=by, action="declaration.line_deleted", obj=declaration)


def member_iban_set(*, member: Any, by: Any, iban: str) -> Any:
    """A member sets their own IBAN, the account the municipality pays declarations to;
    it must pass the ISO 13616 checksum (``rules.iban_is_valid``)."""
    from members.services import member_update

    if by is None or by.pk != member.pk:
        raise BudgetError(_("Je kunt alleen je eigen rekeningnummer wijzigen."))
    iban = rules.iban_normalise(iban)
    if not rules.iban_is_valid(iban):
        raise BudgetError(
            _(
                "Dit is geen geldig IBAN. Controleer de letters en cijfers (bijvoorbeeld NL91 ABNA 0417 1643 00)."
            ),
            field="iban",
        )
    return member_update(member=member, by=by, data={"iban": iban}, role_names=member.role_names())
