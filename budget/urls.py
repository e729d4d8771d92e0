from django.urls import path

from . import views

app_name = "budget"

A = views.DeclarationActionView

urlpatterns = [
    path("", views.budget_home, name="home"),
    path("jaren/", views.BudgetYearListView.as_view(), name="year_list"),
    path("jaren/nieuw/", views.BudgetYearCreateView.as_view(), name="year_create"),
    path("jaren/<int:year>/", views.BudgetYearDetailView.as_view(), name="year_detail"),
    path("jaren/<int:year>/bewerken/", views.BudgetYearUpdateView.as_view(), name="year_update"),
    path("jaren/<int:year>/posten/", views.BudgetLinesView.as_view(), name="lines"),
    path("jaren/<int:year>/status/", views.BudgetYearTransitionView.as_view(), name="year_status"),
    path("jaren/<int:year>/pdf/", views.BudgetYearPdfView.as_view(), name="year_pdf"),
    path("jaren/<int:year>/publiceren/", views.PlanPublishView.as_view(), name="plan_publish"),
    path(
        "jaren/<int:year>/uitgaven/nieuw/", views.ExpenseCreateView.as_view(), name="expense_create"
    ),
    path("jaren/<int:year>/jaarverslag/", views.AnnualReportView.as_view(), name="annual_report"),
    path(
        "jaren/<int:year>/jaarverslag/bewerken/",
        views.AnnualReportUpdateView.as_view(),
        name="annual_report_update",
    ),
    path(
        "jaren/<int:year>/jaarverslag/pdf/",
        views.AnnualReportPdfView.as_view(),
        name="annual_report_pdf",
    ),
    path(
        "jaren/<int:year>/jaarverslag/publiceren/",
        views.AnnualReportPublishView.as_view(),
        name="annual_report_publish",
    ),
    path("declaraties/", views.DeclarationListView.as_view(), name="declaration_list"),
    path("declaraties/nieuw/", views.DeclarationCreateView.as_view(), name="declaration_create"),
    path("declaraties/<int:pk>/", views.DeclarationDetailView.as_view(), name="declaration_detail"),
    path("declaraties/<int:pk>/pdf/", views.DeclarationPdfView.as_view(), name="declaration_pdf"),
    path(
        "declaraties/<int:pk>/onkosten/", views.ExpenseLineCreateView.as_view(), name="line_expense"
    ),
    path("declaraties/<int:pk>/reis/", views.JourneyLineCreateView.as_view(), name="line_journey"),
    path(
        "declaraties/<int:pk>/vergaderingen/",
        views.AllowancePrefillView.as_view(),
        name="line_allowances",
    ),
    path("declaraties/<int:pk>/bewijsstuk/", views.ReceiptAddView.as_view(), name="receipt_add"),
    path("declaraties/<int:pk>/indienen/", A.as_view(action="submit"), name="declaration_submit"),
    path(
        "declaraties/<int:pk>/terugtrekken/",
        A.as_view(action="withdraw"),
        name="declaration_withdraw",
    ),
    path("declaraties/<int:pk>/controleren/", A.as_view(action="check"), name="declaration_check"),
    path(
        "declaraties/<int:pk>/goedkeuren/", A.as_view(action="approve"), name="declaration_approve"
    ),
    path(
        "declaraties/<int:pk>/afwijzen/",
        views.DeclarationRejectView.as_view(),
        name="declaration_reject",
    ),
    path("declaraties/<int:pk>/verstuurd/", A.as_view(action="mark_sent"), name="declaration_sent"),
    path("declaraties/<int:pk>/betaald/", A.as_view(action="mark_paid"), name="declaration_paid"),
    path("regels/<int:pk>/verwijderen/", views.LineDeleteView.as_view(), name="line_delete"),
    path("bewijsstukken/<int:pk>/", views.ReceiptDownloadView.as_view(), name="receipt_download"),
    path("rekeningnummer/", views.IbanView.as_view(), name="iban"),
    path("exports/", views.ExportListView.as_view(), name="export_list"),
    path("exports/<int:pk>/", views.ExportDetailView.as_view(), name="export_detail"),
    path(
        "exports/<int:pk>/verstuurd/",
        views.ExportMarkSentView.as_view(),
        name="export_mark_sent",
    ),
    path(
        "exports/<int:pk>/<str:what>/",
        views.ExportDownloadView.as_view(),
        name="export_download",
    ),
    path("publicaties/", views.PublicationManageView.as_view(), name="publications"),
    path(
        "publicaties/<int:pk>/intrekken/",
        views.PublicationWithdrawView.as_view(),
        name="publication_withdraw",
    ),
]
