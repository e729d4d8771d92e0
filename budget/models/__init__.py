"""Budget years, declarations, receipts, exports and publications.

Money is ``Decimal`` euros with two decimals; every amount is quantized to cents with
ROUND_HALF_UP per line (see ``budget.rules.money``). Status changes happen only in
``budget.services`` through ``adviesraad.transitions``; the ``TRANSITIONS`` tables say which
are allowed. One module per concern; this package re-exports every model.
"""

from .declarations import Declaration, DeclarationLine, DeclarationStatusChange, Receipt
from .exports import DeclarationExport, DeclarationExportPart
from .publications import AnnualReport, Publication
from .years import BudgetLine, BudgetYear, BudgetYearStatusChange, Expense

__all__ = [
    "AnnualReport",
    "BudgetLine",
    "BudgetYear",
    "BudgetYearStatusChange",
    "Declaration",
    "DeclarationExport",
    "DeclarationExportPart",
    "DeclarationLine",
    "DeclarationStatusChange",
    "Expense",
    "Publication",
    "Receipt",
]
