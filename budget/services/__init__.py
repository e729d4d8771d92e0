"""Every write on budgets, declarations, receipts, exports and publications.

Each service checks its business rule (from ``budget.rules``) and the actor's role, writes,
records an audit entry in the same transaction, and hands background work to
``adviesraad.queue.enqueue``. Views, tasks and the demo call these; nothing else writes these
models. One module per concern; this package re-exports the public names:

- ``years`` — the annual plan, its amounts and its way to the college's grant;
- ``expenses`` — the council's other expenses;
- ``declarations`` — a member's draft declaration and its lines, and their IBAN;
- ``receipts`` — checking, cleaning and storing receipt files (helpers);
- ``workflow`` — a declaration's steps from submitted to paid, or rejected;
- ``exports`` — the declaration PDF and the batch export for the municipality;
- ``publications`` — the annual report and what is published on /publicaties/.
"""

from .common import BudgetError
from .declarations import (
    declaration_create,
    declaration_line_add_allowance,
    declaration_line_add_expense,
    declaration_line_add_journey,
    declaration_line_delete,
    declaration_prefill_allowances,
    member_iban_set,
    receipt_add,
)
from .expenses import expense_record
from .exports import (
    EXPORT_CLAIM_STALE,
    ExportPartBusy,
    declaration_export_download_record,
    declaration_export_finish,
    declaration_export_render_part,
    declaration_export_run,
    declaration_export_start,
    declaration_exports_purge_expired,
    declaration_render_pdf,
    declarations_export,
)
from .publications import (
    annual_plan_publish,
    annual_report_publish,
    annual_report_save,
    publication_withdraw,
    research_report_publish,
)
from .workflow import (
    declaration_approve,
    declaration_check,
    declaration_export_mark_sent,
    declaration_mark_paid,
    declaration_mark_sent,
    declaration_reject,
    declaration_submit,
    declaration_withdraw,
)
from .years import budget_lines_set, budget_year_create, budget_year_transition, budget_year_update

__all__ = [
    "EXPORT_CLAIM_STALE",
    "BudgetError",
    "ExportPartBusy",
    "annual_plan_publish",
    "annual_report_publish",
    "annual_report_save",
    "budget_lines_set",
    "budget_year_create",
    "budget_year_transition",
    "budget_year_update",
    "declaration_approve",
    "declaration_check",
    "declaration_create",
    "declaration_export_download_record",
    "declaration_export_finish",
    "declaration_export_render_part",
    "declaration_export_run",
    "declaration_export_start",
    "declaration_exports_purge_expired",
    "declaration_line_add_allowance",
    "declaration_line_add_expense",
    "declaration_line_add_journey",
    "declaration_line_delete",
    "declaration_mark_paid",
    "declaration_export_mark_sent",
    "declaration_mark_sent",
    "declaration_prefill_allowances",
    "declaration_reject",
    "declaration_render_pdf",
    "declaration_submit",
    "declaration_withdraw",
    "declarations_export",
    "expense_record",
    "member_iban_set",
    "publication_withdraw",
    "receipt_add",
    "research_report_publish",
]
