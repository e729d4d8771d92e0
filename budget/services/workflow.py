"""A declaration's way from the claimant to the municipality's payment:
draft → submitted → checked (secretary) → approved (treasurer) → sent → paid, or rejected
with a reason. Each step goes through ``adviesraad.transitions.transition`` (the
``Declaration.TRANSITIONS`` table, the status history, the audit entry
``declaration.<status>``); nobody checks, approves or rejects their own declaration."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked, transition

from .. import rules
from ..models import Declaration, DeclarationLine
from .common import BudgetError, require
from .notices import declaration_checked_notify, declaration_submitted_notify

Status = Declaration.Status


def _move(
    declaration: Declaration, *, to: str, by: Any, note: str = "", **stamps: Any
) -> Declaration:
    """Take the step (the caller holds the lock), set who and when, and save."""
    transition(
        declaration,
        to=to,
        by=by,
        note=note,
        error=BudgetError,
        audit_data={"total": str(declaration.total)},
    )
    for field, value in stamps.items():
        setattr(declaration, field, value)
    declaration.save()
    return declaration


def _not_own(declaration: Declaration, by: Any, message: str) -> None:
    if not rules.may_approve(approver_id=by.pk, claimant_id=declaration.claimant_id):
        raise BudgetError(message)


@transaction.atomic
def declaration_submit(*, declaration: Declaration, by: Any) -> Declaration:
    """The claimant submits: at least one line, a receipt for every expense, and a valid IBAN
    on file (the account the municipality pays to). The total is fixed from the lines; the
    secretary is told."""
    declaration = locked(declaration)
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
    _move(declaration, to=Status.SUBMITTED, by=by, submitted_at=timezone.now())
    declaration_submitted_notify(declaration=declaration, by=by)
    return declaration


@transaction.atomic
def declaration_withdraw(*, declaration: Declaration, by: Any) -> Declaration:
    """The claimant takes a submitted declaration back to draft, as long as it is not
    checked yet."""
    declaration = locked(declaration)
    if by is None or declaration.claimant_id != by.pk:
        raise BudgetError(_("Alleen de declarant kan deze declaratie terugtrekken."))
    return _move(declaration, to=Status.DRAFT, by=by, submitted_at=None)


def _handle(
    declaration: Declaration, *, by: Any, perm: str, to: str, own: str, note: str, who: str
) -> Declaration:
    """A step the secretary or the treasurer takes (``perm``), never on their own declaration
    (refused with ``own``); records who took it and when in ``<who>_by`` and ``<who>_at``."""
    require(by, perm)
    declaration = locked(declaration)
    _not_own(declaration, by, own)
    stamps = {f"{who}_by": by, f"{who}_at": timezone.now()}
    return _move(declaration, to=to, by=by, note=note, **stamps)


@transaction.atomic
def declaration_check(*, declaration: Declaration, by: Any, note: str = "") -> Declaration:
    """The secretary checks a submitted declaration, not their own; the treasurer is told."""
    declaration = _handle(
        declaration,
        by=by,
        perm="budget.check_declaration",
        to=Status.CHECKED,
        own=_("Je kunt je eigen declaratie niet controleren."),
        note=note,
        who="checked",
    )
    declaration_checked_notify(declaration=declaration, by=by)
    return declaration


@transaction.atomic
def declaration_approve(*, declaration: Declaration, by: Any, note: str = "") -> Declaration:
    """The treasurer approves a checked declaration, not their own. From then on it counts
    as spent in the budget against actuals."""
    return _handle(
        declaration,
        by=by,
        perm="budget.approve_declaration",
        to=Status.APPROVED,
        own=_("Je kunt je eigen declaratie niet goedkeuren."),
        note=note,
        who="approved",
    )


@transaction.atomic
def declaration_reject(*, declaration: Declaration, by: Any, reason: str) -> Declaration:
    """Reject with a reason (``rules.may_reject``): the treasurer a submitted or checked
    declaration, the secretary a submitted one; not one's own. A rejected declaration's
    meetings may be claimed again in a new declaration."""
    declaration = locked(declaration)
    if by is None or not rules.may_reject(
        can_approve=by.has_perm("budget.approve_declaration"),
        can_check=by.has_perm("budget.check_declaration"),
        submitted=declaration.status == Status.SUBMITTED,
    ):
        raise BudgetError(_("Je hebt geen toestemming voor deze handeling."))
    _not_own(declaration, by, _("Je kunt je eigen declaratie niet afwijzen."))
    reason = (reason or "").strip()
    if not reason:
        raise BudgetError(_("Geef een reden voor de afwijzing."), field="reason")
    _move(
        declaration,
        to=Status.REJECTED,
        by=by,
        note=reason,
        rejected_by=by,
        rejected_at=timezone.now(),
        rejection_reason=reason[:2000],
    )
    declaration.lines.update(claim_active=False)
    return declaration


@transaction.atomic
def declaration_mark_sent(*, declaration: Declaration, by: Any) -> Declaration:
    """The treasurer marks an approved declaration as sent to the municipality."""
    require(by, "budget.export_declarations")
    return _move(locked(declaration), to=Status.SENT, by=by, sent_at=timezone.now())


@transaction.atomic
def declaration_mark_paid(*, declaration: Declaration, by: Any) -> Declaration:
    """The treasurer marks a declaration the municipality paid."""
    require(by, "budget.export_declarations")
    return _move(locked(declaration), to=Status.PAID, by=by, paid_at=timezone.now())


@transaction.atomic
def declaration_export_mark_sent(*, export: Any, by: Any) -> int:
    """After the treasurer sent an export to the municipality, every declaration of it that
    is still approved goes to "naar de gemeente" (``rules.export_may_mark_sent``), each step
    through the workflow (status history, audit ``declaration.sent``), plus one audit entry
    for the export. Only the treasurer (``export_declarations``). Returns how many."""
    from ..models import DeclarationExport

    require(by, "budget.export_declarations")
    export = DeclarationExport.objects.select_for_update().get(pk=export.pk)
    pending = list(
        export.declarations.filter(status=Status.APPROVED).select_for_update().order_by("pk")
    )
    if not rules.export_may_mark_sent(
        export_done=export.status == DeclarationExport.Status.DONE, approved_left=len(pending)
    ):
        raise BudgetError(_("Deze export heeft geen declaraties die nog verstuurd moeten worden."))
    now = timezone.now()
    for declaration in pending:
        _move(declaration, to=Status.SENT, by=by, sent_at=now)
    audit_record(
        actor=by,
        action="declaration_export.marked_sent",
        obj=export,
        data={"count": len(pending), "declarations": [d.pk for d in pending]},
    )
    return len(pending)
