"""Pages for budgets, declarations, receipts, exports, the annual report and publications.

One module per concern (``years``, ``declarations``, ``exports``, ``publications``); this
package re-exports the views the URL configurations name.
"""

from .declarations import (
    AllowancePrefillView,
    DeclarationActionView,
    DeclarationCreateView,
    DeclarationDetailView,
    DeclarationListView,
    DeclarationPdfView,
    DeclarationRejectView,
    ExpenseLineCreateView,
    IbanView,
    JourneyLineCreateView,
    LineDeleteView,
    ReceiptAddView,
    ReceiptDownloadView,
)
from .exports import ExportDetailView, ExportDownloadView, ExportListView, ExportMarkSentView
from .publications import (
    AnnualReportPdfView,
    AnnualReportPublishView,
    AnnualReportUpdateView,
    AnnualReportView,
    PublicationManageView,
    PublicationWithdrawView,
    PublicPublicationFileView,
    PublicPublicationListView,
)
from .years import (
    BudgetLinesView,
    BudgetYearCreateView,
    BudgetYearDetailView,
    BudgetYearListView,
    BudgetYearPdfView,
    BudgetYearTransitionView,
    BudgetYearUpdateView,
    ExpenseCreateView,
    PlanPublishView,
    budget_home,
)

__all__ = [
    "AllowancePrefillView",
    "AnnualReportPdfView",
    "AnnualReportPublishView",
    "AnnualReportUpdateView",
    "AnnualReportView",
    "BudgetLinesView",
    "BudgetYearCreateView",
    "BudgetYearDetailView",
    "BudgetYearListView",
    "BudgetYearPdfView",
    "BudgetYearTransitionView",
    "BudgetYearUpdateView",
    "DeclarationActionView",
    "DeclarationCreateView",
    "DeclarationDetailView",
    "DeclarationListView",
    "DeclarationPdfView",
    "DeclarationRejectView",
    "ExpenseCreateView",
    "ExpenseLineCreateView",
    "ExportDetailView",
    "ExportDownloadView",
    "ExportListView",
    "ExportMarkSentView",
    "IbanView",
    "JourneyLineCreateView",
    "LineDeleteView",
    "PlanPublishView",
    "PublicPublicationFileView",
    "PublicPublicationListView",
    "PublicationManageView",
    "PublicationWithdrawView",
    "ReceiptAddView",
    "ReceiptDownloadView",
    "budget_home",
]
