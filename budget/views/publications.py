"""The annual report (generated from the year's records plus an introduction) and the
publications: managing them internally, and the public list on /publicaties/."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import forms, selectors, services
from ..models import Publication
from .common import YearMixin, pdf_response


class AnnualReportView(PermissionMixin, YearMixin, TemplateView):
    permission_required = "budget.view_budget"
    template_name = "budget/annualreport_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.annual_report_data(budget_year=self.budget_year))
        ctx["publication"] = selectors.annual_report_publication(budget_year=self.budget_year)
        return ctx


class AnnualReportUpdateView(PermissionMixin, YearMixin, FormView):
    permission_required = "budget.manage_annual_report"
    form_class = forms.AnnualReportForm
    template_name = "budget/annualreport_form.html"

    def get_initial(self):
        report = getattr(self.budget_year, "annual_report", None)
        return {"introduction": report.introduction if report else ""}

    def form_valid(self, form):
        services.annual_report_save(
            budget_year=self.budget_year,
            by=self.request.user,
            introduction=form.cleaned_data["introduction"],
        )
        messages.success(self.request, _("De inleiding is opgeslagen."))
        return redirect("budget:annual_report", year=self.budget_year.year)


class AnnualReportPdfView(PermissionMixin, YearMixin, View):
    permission_required = "budget.view_budget"

    def get(self, request, year):
        from ..pdf import annual_report_pdf

        return pdf_response(annual_report_pdf(self.budget_year), f"jaarverslag-{year}.pdf")


class AnnualReportPublishView(PermissionMixin, YearMixin, View):
    permission_required = "budget.manage_annual_report"
    http_method_names = ["post"]

    def post(self, request, year):
        services.annual_report_publish(budget_year=self.budget_year, by=request.user)
        messages.success(request, _("Het jaarverslag staat op de pagina Publicaties."))
        return redirect("budget:annual_report", year=year)


class PublicationManageView(PermissionMixin, FormView):
    permission_required = "budget.manage_annual_report"
    form_class = forms.ResearchReportForm
    template_name = "budget/publication_manage.html"

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["publications"] = selectors.publication_list(user=self.request.user)
        return ctx

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            services.research_report_publish(
                by=self.request.user,
                title=d["title"],
                year=d["year"],
                upload=d["file"],
                summary=d["summary"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het rapport is gepubliceerd."))
        return redirect("budget:publications")


class PublicationWithdrawView(PermissionMixin, View):
    permission_required = "budget.manage_annual_report"
    http_method_names = ["post"]

    def post(self, request, pk):
        services.publication_withdraw(
            publication=selectors.publication_get_for_user(user=request.user, pk=pk),
            by=request.user,
        )
        messages.success(request, _("De publicatie is van de website gehaald."))
        return redirect("budget:publications")


class PublicPublicationListView(ListView):
    template_name = "budget/publication_list.html"
    context_object_name = "publications"
    paginate_by = 25

    def get_queryset(self):
        return selectors.publication_public_list(kind=self.request.GET.get("soort", ""))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Publication.Kind.choices, kind=self.request.GET.get("soort", ""), **kwargs
        )


class PublicPublicationFileView(View):
    def get(self, request, pk):
        pub = selectors.publication_public_get(pk=pk)
        response = private_file_response(
            pub.file,
            filename=f"publicatie-{pub.pk}.pdf",
            content_type="application/pdf",
            inline=True,
        )
        response["Cache-Control"] = "public, max-age=3600"
        return response
