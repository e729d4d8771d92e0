"""Every query the budget pages need, scoped to the asking user.

A member sees only their own declarations, receipts and PDFs; the secretary and the treasurer
see all declarations; only the treasurer sees exports. Anything else is a 404. One module per
concern (``declarations``, ``exports``, ``years``, ``publications``, ``annual_report``); this
package re-exports the public names.
"""

from .annual_report import annual_report_data
from .declarations import (
    declaration_get_for_user,
    declaration_list,
    declarations_waiting,
    line_get_for_user,
    receipt_get_for_user,
    sees_all_declarations,
    unclaimed_attendance,
)
from .exports import approved_waiting_count, export_get_for_user, export_list, export_sending
from .publications import (
    annual_report_publication,
    publication_get_for_user,
    publication_list,
    publication_public_get,
    publication_public_list,
)
from .years import (
    budget_lines,
    budget_realisation,
    budget_year_current,
    budget_year_get,
    budget_year_list,
    budget_year_overview,
    meeting_targets,
)

__all__ = [
    "annual_report_data",
    "annual_report_publication",
    "approved_waiting_count",
    "budget_lines",
    "budget_realisation",
    "budget_year_current",
    "budget_year_get",
    "budget_year_list",
    "budget_year_overview",
    "declaration_get_for_user",
    "declaration_list",
    "declarations_waiting",
    "export_get_for_user",
    "export_sending",
    "export_list",
    "line_get_for_user",
    "meeting_targets",
    "publication_get_for_user",
    "publication_list",
    "publication_public_get",
    "publication_public_list",
    "receipt_get_for_user",
    "sees_all_declarations",
    "unclaimed_attendance",
]
