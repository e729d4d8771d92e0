"""Every write on budgets, declarations, receipts, exports and publications.

Each service checks its business rule and the actor's role, writes, records an audit entry in
the same transaction, and hands background work to ``adviesraad.queue.enqueue``. Views call
these; nothing else writes these models.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.pagecache import public_changed
from adviesraad.queue import enqueue
from adviesraad.uploads import JPEG, PNG, RECEIPT_KINDS, generated_name, validate_upload

from . import rules
from .models import (
    AnnualReport,
    BudgetLine,
    BudgetYear,
    Declaration,
    DeclarationExport,
    DeclarationExportPart,
    DeclarationLine,
    DeclarationStatusChange,
    Expense,
    Publication,
    Receipt,
)

# Limits for receipts (SECURITY.md 12): per file, per declaration, and pixels per image.
RECEIPT_MAX_BYTES = 5 * 1024 * 1024
RECEIPTS_MAX_PER_DECLARATION = 12
RECEIPTS_MAX_BYTES_PER_DECLARATION = 25 * 1024 * 1024
RECEIPT_MAX_PIXELS = 40_000_000
RECEIPT_MAX_PDF_PAGES = 20
PUBLICATION_MAX_BYTES = 20 * 1024 * 1024


class BudgetError(DomainError):
    pass


Status = Declaration.Status


def _require(by, perm: str) -> None:
    if by is None or not by.has_perm(perm):
        raise BudgetError(_("Je hebt geen toestemming voor deze handeling."))


# --- budget years ---------------------------------------------------------------------------


@transaction.atomic
def budget_year_create(
    *, by, year: int, data: dict[str, Any] | None = None, amounts: dict[str, Decimal] | None = None
) -> BudgetYear:
    """A new annual plan with a budget line for every category (amount 0 unless given)."""
    _require(by, "budget.manage_budget")
    if BudgetYear.objects.filter(year=year).exists():
        raise BudgetError(_("Er is al een begroting voor %(jaar)s.") % {"jaar": year}, field="year")
    by_year = BudgetYear(year=year)
    for field, value in (data or {}).items():
        setattr(by_year, field, value)
    by_year.save()
    amounts = amounts or {}
    BudgetLine.objects.bulk_create(
        BudgetLine(
            budget_year=by_year,
            category=category,
            amount=rules.money(amounts.get(category, Decimal("0"))),
        )
        for category in BudgetLine.Category.values
    )
    audit_record(actor=by, action="budget_year.created", obj=by_year, data={"year": year})
    return by_year


PLAN_FIELDS = {
    "plan_text",
    "goals",
    "target_plenaries",
    "target_alderman",
    "target_management",
    "target_work_visits",
    "target_training",
    "target_research",
}


@transaction.atomic
def budget_year_update(*, budget_year: BudgetYear, by, data: dict[str, Any]) -> BudgetYear:
    """Change the plan text, goals and targets (only the listed fields)."""
    _require(by, "budget.manage_budget")
    budget_year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    changed = []
    for field, value in data.items():
        if field in PLAN_FIELDS and getattr(budget_year, field) != value:
            setattr(budget_year, field, value)
            changed.append(field)
    budget_year.save()
    audit_record(actor=by, action="budget_year.updated", obj=budget_year, data={"fields": changed})
    return budget_year


@transaction.atomic
def budget_lines_set(
    *,
    budget_year: BudgetYear,
    by,
    amounts: dict[str, Decimal],
    descriptions: dict[str, str] | None = None,
) -> None:
    """Set the budgeted amount per category. A granted budget is no longer changed."""
    _require(by, "budget.manage_budget")
    budget_year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    if budget_year.status == BudgetYear.Status.GRANTED:
        raise BudgetError(_("Een toegekende begroting kan niet meer worden gewijzigd."))
    descriptions = descriptions or {}
    for category, amount in amounts.items():
        if category not in BudgetLine.Category.values:
            continue
        amount = rules.money(amount)
        if amount < 0 or amount > Decimal("10000000"):
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
    by,
    to: str,
    on: datetime.date | None = None,
    granted_amount: Decimal | None = None,
) -> BudgetYear:
    """draft → requested from the college → granted (with the granted amount)."""
    _require(by, "budget.manage_budget")
    budget_year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    if not budget_year.can_transition_to(to):
        raise BudgetError(_("Deze statuswijziging is niet mogelijk."))
    on = on or timezone.localdate()
    old = budget_year.status
    if to == BudgetYear.Status.REQUESTED:
        budget_year.requested_on = on
    if to == BudgetYear.Status.GRANTED:
        if granted_amount is None or granted_amount < 0:
            raise BudgetError(_("Vul het toegekende bedrag in."), field="granted_amount")
        budget_year.granted_amount = rules.money(granted_amount)
        budget_year.granted_on = on
    budget_year.status = to
    budget_year.save()
    audit_record(
        actor=by,
        action="budget_year.status_changed",
        obj=budget_year,
        data={"from": old, "to": to, "granted": str(budget_year.granted_amount or "")},
    )
    return budget_year


@transaction.atomic
def expense_record(
    *,
    budget_year: BudgetYear,
    by,
    budget_line: BudgetLine,
    date: datetime.date,
    description: str,
    amount: Decimal,
) -> Expense:
    """Record another expense of the council (room hire, printing) against a budget line."""
    _require(by, "budget.manage_budget")
    amount = rules.money(amount)
    if budget_line.budget_year_id != budget_year.pk:
        raise BudgetError(_("Kies een post uit deze begroting."), field="budget_line")
    if not rules.date_in_year(date, budget_year.year):
        raise BudgetError(
            _("De datum moet in %(jaar)s liggen.") % {"jaar": budget_year.year}, field="date"
        )
    if not rules.amount_is_acceptable(amount, maximum=Decimal("100000")):
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


# --- declarations ---------------------------------------------------------------------------


def _change(declaration: Declaration, *, to: str, by, note: str = "") -> None:
    if not declaration.can_transition_to(to):
        raise BudgetError(
            _("Een declaratie met status '%(status)s' kan niet naar '%(naar)s'.")
            % {"status": declaration.get_status_display(), "naar": Status(to).label}
        )
    old = declaration.status
    declaration.status = to
    DeclarationStatusChange.objects.create(
        declaration=declaration, from_status=old, to_status=to, by=by, note=note
    )
    audit_record(
        actor=by,
        action=f"declaration.{to}",
        obj=declaration,
        data={"from": old, "to": to, "total": str(declaration.total)},
    )


def _locked(declaration: Declaration) -> Declaration:
    return Declaration.objects.select_for_update().get(pk=declaration.pk)


def _own_draft(declaration: Declaration, by) -> Declaration:
    declaration = _locked(declaration)
    if by is None or declaration.claimant_id != by.pk:
        raise BudgetError(_("Alleen de declarant kan deze declaratie wijzigen."))
    if not declaration.is_editable:
        raise BudgetError(_("Deze declaratie is ingediend en kan niet meer worden gewijzigd."))
    return declaration


def _recalculate(declaration: Declaration) -> None:
    amounts = declaration.lines.values_list("amount", flat=True)
    declaration.total = rules.total(amounts)
    declaration.save(update_fields=["total", "updated_at"])


@transaction.atomic
def declaration_create(*, claimant, by, year: int, description: str) -> Declaration:
    """A new draft declaration for the claimant's own expenses in ``year``."""
    _require(by, "budget.submit_declaration")
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


def _check_line(declaration: Declaration, *, date: datetime.date, budget_line: BudgetLine) -> None:
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


def _checked_receipts(declaration: Declaration, uploads: list) -> list[tuple[Any, Any]]:
    """Validate every upload before anything is saved; refuse the lot if one is wrong."""
    existing = declaration.receipts.aggregate(n=Sum("size"))["n"] or 0
    count = declaration.receipts.count()
    if count + len(uploads) > RECEIPTS_MAX_PER_DECLARATION:
        raise BudgetError(
            _("Een declaratie heeft hoogstens %(n)s bewijsstukken.")
            % {"n": RECEIPTS_MAX_PER_DECLARATION},
            field="receipts",
        )
    checked = []
    total_size = existing
    for upload in uploads:
        try:
            info = validate_upload(upload, kinds=RECEIPT_KINDS, max_bytes=RECEIPT_MAX_BYTES)
        except ValidationError as exc:
            raise BudgetError(" ".join(exc.messages), field="receipts") from exc
        total_size += info.size
        checked.append((upload, info))
    if total_size > RECEIPTS_MAX_BYTES_PER_DECLARATION:
        raise BudgetError(
            _("De bewijsstukken van één declaratie zijn samen hoogstens %(mb)s MB.")
            % {"mb": RECEIPTS_MAX_BYTES_PER_DECLARATION // (1024 * 1024)},
            field="receipts",
        )
    return checked


def _clean_bytes(upload, info) -> bytes:
    """Images are decoded and encoded again, which drops anything hidden in them (comments,
    trailing HTML or script, metadata); PDFs must open, not be encrypted and not be too long."""
    upload.seek(0)
    data = upload.read()
    if info.kind in (JPEG, PNG):
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > RECEIPT_MAX_PIXELS:
                    raise BudgetError(
                        _("De afbeelding %(naam)s is te groot.") % {"naam": info.original_name},
                        field="receipts",
                    )
                img.load()
                out = io.BytesIO()
                if info.kind == JPEG:
                    img.convert("RGB").save(out, format="JPEG", quality=85)
                else:
                    keep = (
                        img if img.mode in ("RGB", "RGBA", "L", "LA", "P") else img.convert("RGB")
                    )
                    keep.save(out, format="PNG", optimize=False)
                return out.getvalue()
        except BudgetError:
            raise
        except Exception as exc:  # Pillow raises many kinds for a crafted image
            raise BudgetError(
                _("Het bestand %(naam)s is beschadigd of niet te lezen.")
                % {"naam": info.original_name},
                field="receipts",
            ) from exc
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BudgetError(
                _("Het bestand %(naam)s is beveiligd met een wachtwoord.")
                % {"naam": info.original_name},
                field="receipts",
            )
        if len(reader.pages) > RECEIPT_MAX_PDF_PAGES:
            raise BudgetError(
                _("Het bestand %(naam)s heeft meer dan %(n)s pagina's.")
                % {"naam": info.original_name, "n": RECEIPT_MAX_PDF_PAGES},
                field="receipts",
            )
    except BudgetError:
        raise
    except Exception as exc:  # pypdf raises many kinds for a crafted PDF
        raise BudgetError(
            _("Het bestand %(naam)s is beschadigd of niet te lezen.")
            % {"naam": info.original_name},
            field="receipts",
        ) from exc
    return data


def _store_receipts(
    declaration: Declaration, line: DeclarationLine | None, checked, *, by, kind: str
) -> list[Receipt]:
    saved_names: list[str] = []
    receipts = []
    try:
        for upload, info in checked:
            data = _clean_bytes(upload, info)
            name = default_storage.save(generated_name("receipts", info.kind), ContentFile(data))
            saved_names.append(name)
            receipts.append(
                Receipt.objects.create(
                    declaration=declaration,
                    line=line,
                    kind=kind,
                    file=name,
                    file_kind=info.kind,
                    content_type=info.content_type,
                    original_name=info.original_name,
                    size=len(data),
                    uploaded_by=by,
                )
            )
    except Exception:
        for name in saved_names:
            default_storage.delete(name)
        raise
    return receipts


@transaction.atomic
def declaration_line_add_expense(
    *,
    declaration: Declaration,
    by,
    date: datetime.date,
    budget_line: BudgetLine,
    description: str,
    amount: Decimal,
    invoices: list | None = None,
    payments: list | None = None,
) -> DeclarationLine:
    """An expense with its receipts (invoice and proof of payment). At least one receipt."""
    declaration = _own_draft(declaration, by)
    _check_line(declaration, date=date, budget_line=budget_line)
    try:
        amount = rules.money(amount)
    except ValueError as exc:
        raise BudgetError(_("Vul een geldig bedrag in."), field="amount") from exc
    if not rules.amount_is_acceptable(amount):
        raise BudgetError(
            _("Vul een bedrag in tussen € 0,01 en € %(max)s.")
            % {
                "max": f"{rules.MAX_LINE_AMOUNT:,.2f}".replace(",", "X")
                .replace(".", ",")
                .replace("X", ".")
            },
            field="amount",
        )
    invoices = list(invoices or [])
    payments = list(payments or [])
    if not invoices and not payments:
        raise BudgetError(_("Voeg een bon of factuur toe (PDF, JPG of PNG)."), field="receipts")
    checked_inv = _checked_receipts(declaration, invoices + payments)
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
        stored += _store_receipts(
            declaration, line, checked_inv[: len(invoices)], by=by, kind=Receipt.Kind.INVOICE
        )
        stored += _store_receipts(
            declaration, line, checked_inv[len(invoices) :], by=by, kind=Receipt.Kind.PAYMENT
        )
        _recalculate(declaration)
        audit_record(
            actor=by, action="declaration.line_added", obj=declaration, data={"kind": "expense"}
        )
    except Exception:
        # Nothing half-saved: the rows roll back with the transaction, the files go here.
        for receipt in stored:
            default_storage.delete(receipt.file.name)
        raise
    return line


@transaction.atomic
def receipt_add(*, declaration: Declaration, by, upload, kind: str, line=None) -> Receipt:
    declaration = _own_draft(declaration, by)
    if line is not None and line.declaration_id != declaration.pk:
        raise BudgetError(_("Deze regel hoort niet bij deze declaratie."))
    checked = _checked_receipts(declaration, [upload])
    if kind not in Receipt.Kind.values:
        kind = Receipt.Kind.INVOICE
    (receipt,) = _store_receipts(declaration, line, checked, by=by, kind=kind)
    audit_record(actor=by, action="declaration.receipt_added", obj=declaration)
    return receipt


@transaction.atomic
def declaration_line_add_journey(
    *,
    declaration: Declaration,
    by,
    date: datetime.date,
    budget_line: BudgetLine,
    description: str,
    kilometres: Decimal | None,
) -> DeclarationLine:
    """A journey: kilometres × the council's kilometre rate, rounded to cents on the line."""
    from members.selectors import council_settings_get

    declaration = _own_draft(declaration, by)
    _check_line(declaration, date=date, budget_line=budget_line)
    if not rules.kilometres_acceptable(kilometres):
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


def _is_chair_on(member, day: datetime.date) -> bool:
    from members.models import Term

    return Term.objects.filter(
        member=member, role=Term.Role.CHAIR, start__lte=day, end__gte=day
    ).exists()


def _add_allowance(declaration: Declaration, *, by, attendance, budget_line) -> DeclarationLine:
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
def declaration_line_add_allowance(*, declaration: Declaration, by, attendance) -> DeclarationLine:
    """An attended meeting × the allowance rate (the chair's rate for the chair)."""
    declaration = _own_draft(declaration, by)
    line = _add_allowance(
        declaration, by=by, attendance=attendance, budget_line=_allowance_line_for(declaration)
    )
    _recalculate(declaration)
    audit_record(
        actor=by, action="declaration.line_added", obj=declaration, data={"kind": "allowance"}
    )
    return line


@transaction.atomic
def declaration_prefill_allowances(
    *, declaration: Declaration, by, start: datetime.date, end: datetime.date
) -> list[DeclarationLine]:
    """Add an allowance line for every meeting the claimant attended in the period and has not
    claimed yet. Running it twice adds nothing the second time."""
    from .selectors import unclaimed_attendance

    declaration = _own_draft(declaration, by)
    if end < start:
        raise BudgetError(_("Het einde van de periode ligt vóór het begin."), field="end")
    year = declaration.budget_year.year
    start = max(start, datetime.date(year, 1, 1))
    end = min(end, datetime.date(year, 12, 31), timezone.localdate())
    budget_line = _allowance_line_for(declaration)
    created = []
    for attendance in unclaimed_attendance(member=declaration.claimant, start=start, end=end):
        created.append(
            _add_allowance(declaration, by=by, attendance=attendance, budget_line=budget_line)
        )
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
def declaration_line_delete(*, line: DeclarationLine, by) -> None:
    declaration = _own_draft(line.declaration, by)
    names = list(line.receipts.values_list("file", flat=True))
    line.delete()
    _recalculate(declaration)
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])
    audit_record(actor=by, action="declaration.line_deleted", obj=declaration)


@transaction.atomic
def declaration_submit(*, declaration: Declaration, by) -> Declaration:
    """The claimant submits: at least one line, receipts for every expense, an IBAN on file."""
    declaration = _locked(declaration)
    if by is None or declaration.claimant_id != by.pk:
        raise BudgetError(_("Alleen de declarant kan deze declaratie indienen."))
    lines = list(declaration.lines.prefetch_related("receipts"))
    if not lines:
        raise BudgetError(_("Voeg eerst minstens één regel toe."))
    for line in lines:
        if line.kind == DeclarationLine.Kind.EXPENSE and not line.receipts.all():
            raise BudgetError(
                _("Bij '%(regel)s' ontbreekt een bon of factuur.") % {"regel": line.description}
            )
    if not rules.iban_is_valid(by.iban or ""):
        raise BudgetError(
            _("Vul eerst je IBAN in op de pagina 'Mijn rekeningnummer'."), field="iban"
        )
    declaration.total = rules.total(line.amount for line in lines)
    _change(declaration, to=Status.SUBMITTED, by=by)
    declaration.submitted_at = timezone.now()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_withdraw(*, declaration: Declaration, by) -> Declaration:
    """The claimant takes a submitted declaration back to draft before it is checked."""
    declaration = _locked(declaration)
    if by is None or declaration.claimant_id != by.pk:
        raise BudgetError(_("Alleen de declarant kan deze declaratie terugtrekken."))
    _change(declaration, to=Status.DRAFT, by=by)
    declaration.submitted_at = None
    declaration.save()
    return declaration


@transaction.atomic
def declaration_check(*, declaration: Declaration, by, note: str = "") -> Declaration:
    """The secretary checks a submitted declaration (not their own)."""
    _require(by, "budget.check_declaration")
    declaration = _locked(declaration)
    if not rules.may_approve(approver_id=by.pk, claimant_id=declaration.claimant_id):
        raise BudgetError(_("Je kunt je eigen declaratie niet controleren."))
    _change(declaration, to=Status.CHECKED, by=by, note=note)
    declaration.checked_by = by
    declaration.checked_at = timezone.now()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_approve(*, declaration: Declaration, by, note: str = "") -> Declaration:
    """The treasurer approves a checked declaration. Nobody approves their own."""
    _require(by, "budget.approve_declaration")
    declaration = _locked(declaration)
    if not rules.may_approve(approver_id=by.pk, claimant_id=declaration.claimant_id):
        raise BudgetError(_("Je kunt je eigen declaratie niet goedkeuren."))
    _change(declaration, to=Status.APPROVED, by=by, note=note)
    declaration.approved_by = by
    declaration.approved_at = timezone.now()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_reject(*, declaration: Declaration, by, reason: str) -> Declaration:
    """Reject with a reason: the treasurer (submitted or checked) or the secretary (submitted).

    A rejected declaration's meetings may be claimed again in a new declaration.
    """
    declaration = _locked(declaration)
    if by is None or not (
        by.has_perm("budget.approve_declaration")
        or (by.has_perm("budget.check_declaration") and declaration.status == Status.SUBMITTED)
    ):
        raise BudgetError(_("Je hebt geen toestemming voor deze handeling."))
    if not rules.may_approve(approver_id=by.pk, claimant_id=declaration.claimant_id):
        raise BudgetError(_("Je kunt je eigen declaratie niet afwijzen."))
    reason = (reason or "").strip()
    if not reason:
        raise BudgetError(_("Geef een reden voor de afwijzing."), field="reason")
    _change(declaration, to=Status.REJECTED, by=by, note=reason)
    declaration.rejected_by = by
    declaration.rejected_at = timezone.now()
    declaration.rejection_reason = reason[:2000]
    declaration.save()
    declaration.lines.update(claim_active=False)
    return declaration


@transaction.atomic
def declaration_mark_sent(*, declaration: Declaration, by) -> Declaration:
    _require(by, "budget.export_declarations")
    declaration = _locked(declaration)
    _change(declaration, to=Status.SENT, by=by)
    declaration.sent_at = timezone.now()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_mark_paid(*, declaration: Declaration, by) -> Declaration:
    _require(by, "budget.export_declarations")
    declaration = _locked(declaration)
    _change(declaration, to=Status.PAID, by=by)
    declaration.paid_at = timezone.now()
    declaration.save()
    return declaration


def member_iban_set(*, member, by, iban: str):
    """A member sets their own IBAN (ISO 13616 checksum checked)."""
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


# --- PDFs and exports -----------------------------------------------------------------------


def declaration_render_pdf(*, declaration: Declaration) -> bytes:
    """The declaration as the municipality processes it: a cover page (claimant, full IBAN,
    period, lines, totals per budget line, the check and the approval), image receipts placed
    on pages, then every PDF receipt appended page by page."""
    from .pdf import declaration_pdf

    return declaration_pdf(declaration)


@transaction.atomic
def declarations_export(*, start: datetime.date, end: datetime.date, by) -> DeclarationExport:
    """Freeze the approved declarations of the period and export them in the background."""
    _require(by, "budget.export_declarations")
    if end < start:
        raise BudgetError(_("Het einde van de periode ligt vóór het begin."), field="end")
    declarations = list(
        Declaration.objects.filter(
            status=Status.APPROVED,
            approved_at__date__gte=start,
            approved_at__date__lte=end,
        ).values_list("pk", flat=True)
    )
    if not declarations:
        raise BudgetError(_("In deze periode zijn geen goedgekeurde declaraties."), field="start")
    export = DeclarationExport.objects.create(
        start=start, end=end, requested_by=by, total=len(declarations)
    )
    export.declarations.set(declarations)
    audit_record(
        actor=by,
        action="declaration_export.requested",
        obj=export,
        data={"count": len(declarations)},
    )
    enqueue("budget.tasks.run_declarations_export", export.pk)
    return export


def declaration_export_download_record(*, export: DeclarationExport, by, what: str) -> None:
    from django.db.models import F

    DeclarationExport.objects.filter(pk=export.pk).update(download_count=F("download_count") + 1)
    audit_record(actor=by, action="declaration_export.downloaded", obj=export, data={"file": what})


# Declarations per part: small enough that two worker processes share a batch evenly.
EXPORT_PART_SIZE = 25


def declaration_export_start(*, export_id: int) -> None:
    """Split a queued export into parts and hand each part to the queue.

    Idempotent: a finished export is left alone; a re-delivered start (after a crash) reuses
    the parts already made and re-enqueues only those not yet rendered."""
    with transaction.atomic():
        export = DeclarationExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status == DeclarationExport.Status.DONE:
            return
        export.status = DeclarationExport.Status.RUNNING
        export.attempts += 1
        export.error = ""
        export.save(update_fields=["status", "attempts", "error"])
        if not export.parts.exists():
            ids = list(
                export.declarations.order_by(
                    "claimant__last_name", "claimant__first_name", "id"
                ).values_list("pk", flat=True)
            )
            DeclarationExportPart.objects.bulk_create(
                DeclarationExportPart(
                    export=export, number=n, declaration_ids=ids[k : k + EXPORT_PART_SIZE]
                )
                for n, k in enumerate(range(0, len(ids), EXPORT_PART_SIZE))
            )
        pending = list(
            export.parts.filter(status=DeclarationExportPart.Status.PENDING).values_list(
                "number", flat=True
            )
        )
        for number in pending:
            enqueue("budget.tasks.render_export_part", export.pk, number)
        if not pending:
            enqueue("budget.tasks.finish_declarations_export", export.pk)


# A process rendering a part refreshes its claim with every progress report (at least every
# few seconds); a claim not refreshed for this long belongs to a process that died.
EXPORT_CLAIM_STALE = datetime.timedelta(seconds=60)


class ExportPartBusy(Exception):
    """Another process holds a fresh claim on the part: try again later.

    After a worker process is killed mid-part, its task is delivered again while the dead
    process's claim is still fresh; the task retries until the claim is stale (then takes the
    part over) or the part is done (then does nothing)."""


def _claim(part_id: int) -> bool:
    """Take a pending part for this process unless another process is rendering it."""
    now = timezone.now()
    return bool(
        DeclarationExportPart.objects.filter(
            pk=part_id, status=DeclarationExportPart.Status.PENDING
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - EXPORT_CLAIM_STALE))
        .update(claimed_at=now)
    )


def declaration_export_render_part(*, export_id: int, number: int) -> bool:
    """Render one part to a PDF file if no other process has it; marked done once.

    Returns whether this call rendered it."""
    from .pdf import export_part_build

    part = DeclarationExportPart.objects.filter(export_id=export_id, number=number).first()
    if part is None or part.status == DeclarationExportPart.Status.DONE:
        return False
    if not _claim(part.pk):
        raise ExportPartBusy(f"export {export_id} part {number} is being rendered elsewhere")
    try:
        name = export_part_build(part)
    except Exception as exc:
        DeclarationExport.objects.filter(pk=export_id).update(
            status=DeclarationExport.Status.FAILED, error=str(exc)[:500]
        )
        raise
    with transaction.atomic():
        export = DeclarationExport.objects.select_for_update().get(pk=export_id)
        part = DeclarationExportPart.objects.select_for_update().get(pk=part.pk)
        if part.status == DeclarationExportPart.Status.DONE:  # a duplicate delivery won
            transaction.on_commit(lambda: default_storage.delete(name))
            return False
        part.status = DeclarationExportPart.Status.DONE
        part.file = name
        part.rendered = len(part.declaration_ids)
        part.save(update_fields=["status", "file", "rendered"])
        _export_progress_refresh(export.pk)
        if not export.parts.filter(status=DeclarationExportPart.Status.PENDING).exists():
            enqueue("budget.tasks.finish_declarations_export", export.pk)
    return True


def _export_progress_refresh(export_id: int) -> None:
    done = (
        DeclarationExportPart.objects.filter(export_id=export_id).aggregate(n=Sum("rendered"))["n"]
        or 0
    )
    DeclarationExport.objects.filter(pk=export_id).update(done=done)


def export_part_progress(*, part_id: int, rendered: int) -> None:
    part = DeclarationExportPart.objects.filter(pk=part_id).only("export_id").first()
    if part is None:
        return
    DeclarationExportPart.objects.filter(
        pk=part_id, status=DeclarationExportPart.Status.PENDING
    ).update(rendered=rendered, claimed_at=timezone.now())  # progress is the claim's heartbeat
    _export_progress_refresh(part.export_id)


def declaration_export_finish(*, export_id: int) -> DeclarationExport | None:
    """Merge the summary sheet and the parts into the combined PDF, write the CSV summary and
    mark the export done (once)."""
    from .pdf import export_finish_build

    export = DeclarationExport.objects.filter(pk=export_id).first()
    if export is None or export.status == DeclarationExport.Status.DONE:
        return export
    if export.parts.filter(status=DeclarationExportPart.Status.PENDING).exists():
        return export
    try:
        pdf_name, csv_name, amount = export_finish_build(export)
    except Exception as exc:
        # The run task and the finish task may both finish an export; the one that marks it
        # done deletes the parts, which the other may still be reading: that is no failure.
        won = DeclarationExport.objects.filter(pk=export_id).first()
        if won is not None and won.status == DeclarationExport.Status.DONE:
            return won
        DeclarationExport.objects.filter(pk=export_id).update(
            status=DeclarationExport.Status.FAILED, error=str(exc)[:500]
        )
        raise
    with transaction.atomic():
        export = DeclarationExport.objects.select_for_update().get(pk=export_id)
        if export.status == DeclarationExport.Status.DONE:  # a parallel run won
            transaction.on_commit(
                lambda: [default_storage.delete(pdf_name), default_storage.delete(csv_name)]
            )
            return export
        parts = [p.file.name for p in export.parts.all() if p.file]
        export.file = pdf_name
        export.summary_file = csv_name
        export.amount_total = amount
        export.done = export.total
        export.status = DeclarationExport.Status.DONE
        export.finished_at = timezone.now()
        export.save()
        audit_record(actor="budget.tasks", action="declaration_export.finished", obj=export)
        transaction.on_commit(lambda: [default_storage.delete(n) for n in parts])
    return export


def declaration_export_run(*, export_id: int) -> DeclarationExport | None:
    """Start the export, then help render: take every part no other process has claimed, and
    finish when all are done. The part tasks enqueued by the start let other worker
    processes share the work; if they never arrive, this call still completes the export."""
    declaration_export_start(export_id=export_id)
    for part in DeclarationExportPart.objects.filter(
        export_id=export_id, status=DeclarationExportPart.Status.PENDING
    ).order_by("number"):
        try:
            declaration_export_render_part(export_id=export_id, number=part.number)
        except ExportPartBusy:
            continue  # another process renders it; its part task finishes the export
    return declaration_export_finish(export_id=export_id)


def declaration_exports_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of batch exports older than the council's retention period.

    The combined PDF, the CSV summary and any leftover part files hold members' bank account
    numbers, so they are kept ``export_retention_days`` (a council setting, 90 by default)
    counted from when the export was made, then deleted. The export row stays, marked with
    ``purged_at`` (who exported which period, and when, remains visible); the declarations
    themselves are not touched. Files are deleted after commit, so a rollback leaves them in
    place; a second run finds nothing to do. Returns the number of exports purged.
    """
    from members.selectors import council_settings_get

    now = now or timezone.now()
    limit = now - datetime.timedelta(days=council_settings_get().export_retention_days)
    with transaction.atomic():
        exports = list(
            DeclarationExport.objects.select_for_update()
            .filter(created_at__lt=limit, purged_at__isnull=True)
            .order_by("pk")
        )
        if not exports:
            return 0
        ids = [e.pk for e in exports]
        names = [f.name for e in exports for f in (e.file, e.summary_file) if f]
        parts = DeclarationExportPart.objects.filter(export_id__in=ids).exclude(file="")
        names += [name for name in parts.values_list("file", flat=True) if name]
        parts.update(file="")
        DeclarationExport.objects.filter(pk__in=ids).update(file="", summary_file="", purged_at=now)
        audit_record(
            actor="systeem",
            action="declaration_export.purged",
            data={"count": len(ids), "exports": ids},
        )
        transaction.on_commit(lambda: [default_storage.delete(n) for n in names])
    return len(ids)


# --- annual report and publications -----------------------------------------------------------


@transaction.atomic
def annual_report_save(*, budget_year: BudgetYear, by, introduction: str) -> AnnualReport:
    _require(by, "budget.manage_annual_report")
    report, _created = AnnualReport.objects.get_or_create(budget_year=budget_year)
    report.introduction = introduction
    report.updated_by = by
    report.save()
    audit_record(actor=by, action="annual_report.saved", obj=report)
    return report


def _publish(*, kind: str, budget_year: BudgetYear, by, title: str, pdf: bytes) -> Publication:
    name = default_storage.save(generated_name("publications", "pdf"), ContentFile(pdf))
    pub = Publication.objects.filter(kind=kind, budget_year=budget_year).first()
    old = pub.file.name if pub else None
    if pub is None:
        pub = Publication(kind=kind, budget_year=budget_year, year=budget_year.year)
    pub.title = title
    pub.file = name
    pub.size = len(pdf)
    pub.published_at = timezone.now()
    pub.published_by = by
    pub.is_public = True
    pub.save()
    if old:
        transaction.on_commit(lambda: default_storage.delete(old))
    audit_record(actor=by, action=f"publication.{kind}", obj=pub)
    public_changed()
    return pub


@transaction.atomic
def annual_report_publish(*, budget_year: BudgetYear, by) -> Publication:
    """Render the annual report as PDF and publish it on /publicaties/ (again: replaced)."""
    from .pdf import annual_report_pdf

    _require(by, "budget.manage_annual_report")
    return _publish(
        kind=Publication.Kind.ANNUAL_REPORT,
        budget_year=budget_year,
        by=by,
        title=_("Jaarverslag %(jaar)s") % {"jaar": budget_year.year},
        pdf=annual_report_pdf(budget_year),
    )


@transaction.atomic
def annual_plan_publish(*, budget_year: BudgetYear, by) -> Publication:
    from .pdf import annual_plan_pdf

    _require(by, "budget.manage_budget")
    return _publish(
        kind=Publication.Kind.ANNUAL_PLAN,
        budget_year=budget_year,
        by=by,
        title=_("Jaarplan en begroting %(jaar)s") % {"jaar": budget_year.year},
        pdf=annual_plan_pdf(budget_year),
    )


@transaction.atomic
def research_report_publish(*, by, title: str, year: int, upload, summary: str = "") -> Publication:
    """Publish an uploaded research report (PDF only)."""
    from adviesraad.uploads import PDF

    _require(by, "budget.manage_annual_report")
    try:
        info = validate_upload(upload, kinds=(PDF,), max_bytes=PUBLICATION_MAX_BYTES)
    except ValidationError as exc:
        raise BudgetError(" ".join(exc.messages), field="file") from exc
    upload.seek(0)
    name = default_storage.save(generated_name("publications", info.kind), upload)
    pub = Publication.objects.create(
        kind=Publication.Kind.RESEARCH,
        year=year,
        title=title.strip()[:200],
        summary=summary,
        file=name,
        size=info.size,
        published_at=timezone.now(),
        published_by=by,
    )
    audit_record(actor=by, action="publication.research", obj=pub)
    public_changed()
    return pub


@transaction.atomic
def publication_withdraw(*, publication: Publication, by) -> None:
    _require(by, "budget.manage_annual_report")
    publication.is_public = False
    publication.save(update_fields=["is_public"])
    audit_record(actor=by, action="publication.withdrawn", obj=publication)
    public_changed()
