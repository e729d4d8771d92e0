"""Pages for budgets, declarations, receipts, exports, the annual report and publications."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View
from django_filters.views import FilterView

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from . import forms, selectors, services
from .filters import DeclarationFilter
from .models import BudgetYear, Declaration, DeclarationExport

SUBMIT = "budget.submit_declaration"


def _pdf_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class AnyDeclarationPermission(PermissionMixin):
    """Members with their own declarations, and the secretary and treasurer who handle them."""

    def has_permission(self):
        u = self.request.user
        return u.has_perm(SUBMIT) or u.has_perm("budget.view_all_declarations")


# --- budget years ---------------------------------------------------------------------------


class BudgetYearListView(PermissionMixin, ListView):
    permission_required = "budget.view_budget"
    template_name = "budget/budgetyear_list.html"
    context_object_name = "years"
    paginate_by = 20

    def get_queryset(self):
        return selectors.budget_year_list(user=self.request.user)


class BudgetYearCreateView(PermissionMixin, FormView):
    permission_required = "budget.manage_budget"
    form_class = forms.BudgetYearForm
    template_name = "budget/budgetyear_form.html"

    def get_initial(self):
        return {"year": timezone.localdate().year + 1}

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "year"}
        try:
            by = services.budget_year_create(
                by=self.request.user, year=form.cleaned_data["year"], data=data
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De begroting is aangemaakt. Vul nu de bedragen in."))
        return redirect("budget:lines", year=by.year)


class YearMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.budget_year = selectors.budget_year_get(user=request.user, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(budget_year=self.budget_year, **kwargs)


def _values(obj) -> tuple:
    return tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)


def year_overview_html(budget_year: BudgetYear) -> dict:
    """The data part of the budget year page (realisation chart and table, plan, targets,
    latest expenses), rendered once per state of that data and cached.

    The cache key is a hash of every value the two fragments show (the budget year's fields,
    each line with what was declared and spent on it, the expenses listed) and the language,
    so any change to the data gives a new key: nothing to invalidate, nothing stale. The
    queries still run; the template rendering (most of the page's CPU) is skipped."""
    realisation = selectors.budget_realisation(budget_year=budget_year)
    expenses = list(budget_year.expenses.select_related("budget_line")[:20])
    state = (
        get_language(),
        _values(budget_year),
        [(_values(r["line"]), r["declared"], r["expenses"]) for r in realisation["rows"]],
        [(_values(e), _values(e.budget_line)) for e in expenses],
    )
    key = "budget:year-overview:" + hashlib.sha256(repr(state).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        context = {"budget_year": budget_year, "realisation": realisation, "expenses": expenses}
        html = {
            part: render_to_string(f"budget/includes/_year_{part}.html", context)
            for part in ("realisation", "plan")
        }
        cache.set(key, html, 24 * 3600)
    return html  # SafeStrings: autoescaped by the templates, kept as such by pickle


class BudgetYearDetailView(PermissionMixin, YearMixin, TemplateView):
    """The plan, its budget and the budget against actuals (table + chart)."""

    permission_required = "budget.view_budget"
    template_name = "budget/budgetyear_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["overview"] = year_overview_html(self.budget_year)
        ctx["transitions"] = sorted(self.budget_year.TRANSITIONS[self.budget_year.status])
        ctx["grant_form"] = forms.GrantForm()
        return ctx


class BudgetYearUpdateView(PermissionMixin, YearMixin, FormView):
    permission_required = "budget.manage_budget"
    form_class = forms.BudgetYearUpdateForm
    template_name = "budget/budgetyear_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.budget_year}

    def form_valid(self, form):
        services.budget_year_update(
            budget_year=self.budget_year, by=self.request.user, data=form.cleaned_data
        )
        messages.success(self.request, _("Het jaarplan is opgeslagen."))
        return redirect("budget:year_detail", year=self.budget_year.year)


class BudgetLinesView(PermissionMixin, YearMixin, FormView):
    permission_required = "budget.manage_budget"
    form_class = forms.BudgetLinesForm
    template_name = "budget/budgetline_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "lines": selectors.budget_lines(budget_year=self.budget_year),
        }

    def form_valid(self, form):
        d = form.cleaned_data
        amounts = {k[7:]: v for k, v in d.items() if k.startswith("amount_")}
        descriptions = {k[12:]: v for k, v in d.items() if k.startswith("description_")}
        try:
            services.budget_lines_set(
                budget_year=self.budget_year,
                by=self.request.user,
                amounts=amounts,
                descriptions=descriptions,
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De begroting is opgeslagen."))
        return redirect("budget:year_detail", year=self.budget_year.year)


class BudgetYearTransitionView(PermissionMixin, YearMixin, View):
    permission_required = "budget.manage_budget"
    http_method_names = ["post"]

    def post(self, request, year):
        to = request.POST.get("to", "")
        if to not in BudgetYear.Status.values:
            raise Http404
        form = forms.GrantForm(request.POST) if to == BudgetYear.Status.GRANTED else None
        if form is not None and not form.is_valid():
            messages.error(request, _("Vul het toegekende bedrag in."))
            return redirect("budget:year_detail", year=year)
        try:
            services.budget_year_transition(
                budget_year=self.budget_year,
                by=request.user,
                to=to,
                granted_amount=form.cleaned_data["granted_amount"] if form else None,
                on=form.cleaned_data.get("on") if form else None,
            )
            messages.success(request, _("De status van de begroting is gewijzigd."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("budget:year_detail", year=year)


class BudgetYearPdfView(PermissionMixin, YearMixin, View):
    permission_required = "budget.view_budget"

    def get(self, request, year):
        from .pdf import annual_plan_pdf

        return _pdf_response(annual_plan_pdf(self.budget_year), f"jaarplan-{year}.pdf")


class ExpenseCreateView(PermissionMixin, YearMixin, FormView):
    permission_required = "budget.manage_budget"
    form_class = forms.ExpenseForm
    template_name = "budget/expense_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "budget_year": self.budget_year}

    def form_valid(self, form):
        try:
            services.expense_record(
                budget_year=self.budget_year, by=self.request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De uitgave is vastgelegd."))
        return redirect("budget:year_detail", year=self.budget_year.year)


class PlanPublishView(PermissionMixin, YearMixin, View):
    permission_required = "budget.manage_budget"
    http_method_names = ["post"]

    def post(self, request, year):
        services.annual_plan_publish(budget_year=self.budget_year, by=request.user)
        messages.success(request, _("Het jaarplan staat op de pagina Publicaties."))
        return redirect("budget:year_detail", year=year)


# --- annual report --------------------------------------------------------------------------


class AnnualReportView(PermissionMixin, YearMixin, TemplateView):
    permission_required = "budget.view_budget"
    template_name = "budget/annualreport_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.annual_report_data(budget_year=self.budget_year))
        ctx["publication"] = self.budget_year.publications.filter(kind="annual_report").first()
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
        from .pdf import annual_report_pdf

        return _pdf_response(annual_report_pdf(self.budget_year), f"jaarverslag-{year}.pdf")


class AnnualReportPublishView(PermissionMixin, YearMixin, View):
    permission_required = "budget.manage_annual_report"
    http_method_names = ["post"]

    def post(self, request, year):
        services.annual_report_publish(budget_year=self.budget_year, by=request.user)
        messages.success(request, _("Het jaarverslag staat op de pagina Publicaties."))
        return redirect("budget:annual_report", year=year)


# --- declarations ---------------------------------------------------------------------------


class DeclarationListView(AnyDeclarationPermission, FilterView):
    filterset_class = DeclarationFilter
    template_name = "budget/declaration_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.declaration_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sees_all"] = selectors.sees_all_declarations(self.request.user)
        return ctx


class DeclarationCreateView(PermissionMixin, FormView):
    permission_required = SUBMIT
    form_class = forms.DeclarationCreateForm
    template_name = "budget/declaration_form.html"

    def form_valid(self, form):
        try:
            d = services.declaration_create(
                claimant=self.request.user, by=self.request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De declaratie is aangemaakt. Voeg nu regels toe."))
        return redirect("budget:declaration_detail", pk=d.pk)


class DeclarationMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.declaration = selectors.declaration_get_for_user(
                user=request.user, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(declaration=self.declaration, **kwargs)


class OwnDraftMixin(DeclarationMixin):
    """Line forms: only the claimant, only while the declaration is a draft."""

    def get(self, request, *args, **kwargs):
        if self.declaration.claimant_id != request.user.pk:
            raise Http404
        if not self.declaration.is_editable:
            messages.error(
                request, _("Deze declaratie is ingediend en kan niet meer worden gewijzigd.")
            )
            return redirect("budget:declaration_detail", pk=self.declaration.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.declaration.claimant_id != request.user.pk:
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "declaration": self.declaration}

    def done(self, text):
        messages.success(self.request, text)
        return redirect("budget:declaration_detail", pk=self.declaration.pk)


class DeclarationDetailView(AnyDeclarationPermission, DeclarationMixin, TemplateView):
    template_name = "budget/declaration_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        d, u = self.declaration, self.request.user
        own = d.claimant_id == u.pk
        S = Declaration.Status
        ctx.update(
            {
                "own": own,
                "can_edit": own and d.is_editable,
                "can_submit": own and d.can_transition_to(S.SUBMITTED),
                "can_withdraw": own and d.status == S.SUBMITTED,
                "can_check": not own
                and u.has_perm("budget.check_declaration")
                and d.can_transition_to(S.CHECKED),
                "can_approve": not own
                and u.has_perm("budget.approve_declaration")
                and d.can_transition_to(S.APPROVED),
                "can_reject": not own
                and d.can_transition_to(S.REJECTED)
                and (
                    u.has_perm("budget.approve_declaration")
                    or (u.has_perm("budget.check_declaration") and d.status == S.SUBMITTED)
                ),
                "can_mark_sent": u.has_perm("budget.export_declarations")
                and d.can_transition_to(S.SENT),
                "can_mark_paid": u.has_perm("budget.export_declarations")
                and d.can_transition_to(S.PAID),
                "reject_form": forms.RejectForm(),
                "prefill_form": forms.PrefillForm(
                    initial={
                        "start": f"{d.budget_year.year}-01-01",
                        "end": min(
                            timezone.localdate(),
                            timezone.localdate().replace(year=d.budget_year.year, month=12, day=31),
                        ).isoformat()
                        if d.budget_year.year <= timezone.localdate().year
                        else f"{d.budget_year.year}-12-31",
                    }
                ),
            }
        )
        return ctx


class ExpenseLineCreateView(PermissionMixin, OwnDraftMixin, FormView):
    permission_required = SUBMIT
    form_class = forms.ExpenseLineForm
    template_name = "budget/declarationline_form.html"
    extra_context = {"kind": "expense"}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            services.declaration_line_add_expense(
                declaration=self.declaration,
                by=self.request.user,
                date=d["date"],
                budget_line=d["budget_line"],
                description=d["description"],
                amount=d["amount"],
                invoices=d["invoices"],
                payments=d["payments"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        return self.done(_("De onkosten zijn toegevoegd."))


class JourneyLineCreateView(PermissionMixin, OwnDraftMixin, FormView):
    permission_required = SUBMIT
    form_class = forms.JourneyLineForm
    template_name = "budget/declarationline_form.html"
    extra_context = {"kind": "journey"}

    def get_context_data(self, **kwargs):
        from members.selectors import council_settings_get

        return super().get_context_data(rate=council_settings_get().kilometre_rate, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            services.declaration_line_add_journey(
                declaration=self.declaration, by=self.request.user, **d
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        return self.done(_("De reis is toegevoegd."))


class AllowancePrefillView(PermissionMixin, DeclarationMixin, View):
    permission_required = SUBMIT
    http_method_names = ["post"]

    def post(self, request, pk):
        if self.declaration.claimant_id != request.user.pk:
            raise Http404
        form = forms.PrefillForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul een geldige periode in."))
            return redirect("budget:declaration_detail", pk=pk)
        try:
            lines = services.declaration_prefill_allowances(
                declaration=self.declaration, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            message_error(request, exc)
            return redirect("budget:declaration_detail", pk=pk)
        if lines:
            messages.success(
                request,
                _("%(n)s vergadering(en) toegevoegd.") % {"n": len(lines)},
            )
        else:
            messages.info(
                request,
                _("Er zijn in deze periode geen vergaderingen die nog niet zijn gedeclareerd."),
            )
        return redirect("budget:declaration_detail", pk=pk)


class LineDeleteView(PermissionMixin, View):
    permission_required = SUBMIT
    http_method_names = ["post"]

    def post(self, request, pk):
        line = selectors.line_get_for_user(user=request.user, pk=pk)
        try:
            services.declaration_line_delete(line=line, by=request.user)
            messages.success(request, _("De regel is verwijderd."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("budget:declaration_detail", pk=line.declaration_id)


class ReceiptAddView(PermissionMixin, OwnDraftMixin, FormView):
    permission_required = SUBMIT
    form_class = forms.ReceiptForm
    template_name = "budget/receipt_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("declaration")
        return kwargs

    def form_valid(self, form):
        try:
            services.receipt_add(
                declaration=self.declaration,
                by=self.request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
            return self.form_invalid(form)
        return self.done(_("Het bewijsstuk is toegevoegd."))


class DeclarationActionView(PermissionMixin, DeclarationMixin, View):
    """POST-only workflow steps; the role is checked here (403) and again in the service."""

    http_method_names = ["post"]
    action = ""
    PERMS = {
        "submit": SUBMIT,
        "withdraw": SUBMIT,
        "check": "budget.check_declaration",
        "approve": "budget.approve_declaration",
        "mark_sent": "budget.export_declarations",
        "mark_paid": "budget.export_declarations",
    }
    TEXT = {
        "submit": "De declaratie is ingediend.",
        "withdraw": "De declaratie is teruggetrokken en weer een concept.",
        "check": "De declaratie is gecontroleerd.",
        "approve": "De declaratie is goedgekeurd.",
        "mark_sent": "De declaratie is gemarkeerd als verstuurd naar de gemeente.",
        "mark_paid": "De declaratie is gemarkeerd als betaald.",
    }

    def get_permission_required(self):
        return [self.PERMS[self.action]]

    def post(self, request, pk):
        fn = getattr(services, f"declaration_{self.action}")
        try:
            fn(declaration=self.declaration, by=request.user)
            messages.success(request, _(self.TEXT[self.action]))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("budget:declaration_detail", pk=pk)


class DeclarationRejectView(PermissionMixin, DeclarationMixin, View):
    http_method_names = ["post"]

    def has_permission(self):
        u = self.request.user
        return u.has_perm("budget.approve_declaration") or u.has_perm("budget.check_declaration")

    def post(self, request, pk):
        form = forms.RejectForm(request.POST)
        try:
            if not form.is_valid():
                raise services.BudgetError(_("Geef een reden voor de afwijzing."))
            services.declaration_reject(
                declaration=self.declaration, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("De declaratie is afgewezen."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("budget:declaration_detail", pk=pk)


class DeclarationPdfView(AnyDeclarationPermission, DeclarationMixin, View):
    def get(self, request, pk):
        data = services.declaration_render_pdf(declaration=self.declaration)
        audit_record(actor=request.user, action="declaration.pdf_downloaded", obj=self.declaration)
        return _pdf_response(data, f"declaratie-{pk}.pdf")


class ReceiptDownloadView(AnyDeclarationPermission, View):
    def get(self, request, pk):
        receipt = selectors.receipt_get_for_user(user=request.user, pk=pk)
        ext = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}.get(receipt.file_kind, "bin")
        return private_file_response(
            receipt.file,
            filename=f"bewijsstuk-{receipt.pk}.{ext}",
            content_type=receipt.content_type,
        )


class IbanView(PermissionMixin, FormView):
    permission_required = SUBMIT
    form_class = forms.IbanForm
    template_name = "budget/iban_form.html"

    def form_valid(self, form):
        try:
            services.member_iban_set(
                member=self.request.user, by=self.request.user, iban=form.cleaned_data["iban"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Je rekeningnummer is opgeslagen."))
        return redirect("budget:iban")


# --- exports --------------------------------------------------------------------------------


class ExportListView(PermissionMixin, FormView):
    permission_required = "budget.export_declarations"
    form_class = forms.ExportForm
    template_name = "budget/declarationexport_list.html"

    def get_initial(self):
        today = timezone.localdate()
        return {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        ctx = super().get_context_data(**kwargs)
        page = Paginator(selectors.export_list(user=self.request.user), 20).get_page(
            self.request.GET.get("page")
        )
        ctx.update(
            {
                "exports": page.object_list,
                "page_obj": page,
                "paginator": page.paginator,
                "is_paginated": page.has_other_pages(),
                "approved_waiting": Declaration.objects.filter(
                    status=Declaration.Status.APPROVED
                ).count(),
            }
        )
        return ctx

    def form_valid(self, form):
        try:
            export = services.declarations_export(by=self.request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De export is gestart. Je kunt deze pagina verlaten; de export blijft bewaard."),
        )
        return redirect("budget:export_detail", pk=export.pk)


class ExportDetailView(PermissionMixin, TemplateView):
    permission_required = "budget.export_declarations"
    template_name = "budget/declarationexport_detail.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["budget/includes/_export_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["export"] = selectors.export_get_for_user(user=self.request.user, pk=kwargs["pk"])
        return ctx


class ExportDownloadView(PermissionMixin, View):
    permission_required = "budget.export_declarations"

    def get(self, request, pk, what):
        export = selectors.export_get_for_user(user=request.user, pk=pk)
        if (
            what not in ("pdf", "csv")
            or export.status != DeclarationExport.Status.DONE
            or export.purged_at is not None  # files deleted after the retention period
        ):
            raise Http404
        services.declaration_export_download_record(export=export, by=request.user, what=what)
        if what == "pdf":
            return private_file_response(
                export.file, filename=f"declaraties-{export.pk}.pdf", content_type="application/pdf"
            )
        return private_file_response(
            export.summary_file, filename=f"overzicht-{export.pk}.csv", content_type="text/csv"
        )


# --- publications ---------------------------------------------------------------------------


class PublicationManageView(PermissionMixin, FormView):
    permission_required = "budget.manage_annual_report"
    form_class = forms.ResearchReportForm
    template_name = "budget/publication_manage.html"

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def get_context_data(self, **kwargs):
        from .models import Publication

        ctx = super().get_context_data(**kwargs)
        ctx["publications"] = Publication.objects.order_by("-year", "-published_at")[:100]
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
        from django.shortcuts import get_object_or_404

        from .models import Publication

        services.publication_withdraw(
            publication=get_object_or_404(Publication, pk=pk), by=request.user
        )
        messages.success(request, _("De publicatie is van de website gehaald."))
        return redirect("budget:publications")


class PublicPublicationListView(ListView):
    template_name = "budget/publication_list.html"
    context_object_name = "publications"
    paginate_by = 25

    def get_queryset(self):
        qs = selectors.publication_public_list()
        kind = self.request.GET.get("soort")
        if kind in {"annual_plan", "annual_report", "research"}:
            qs = qs.filter(kind=kind)
        return qs

    def get_context_data(self, **kwargs):
        from .models import Publication

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


def budget_home(request):
    """/intern/begroting/: this year's budget for those who see it, else the declarations."""
    if request.user.is_authenticated and request.user.has_perm("budget.view_budget"):
        year = BudgetYear.objects.filter(year=timezone.localdate().year).first()
        if year:
            return redirect("budget:year_detail", year=year.year)
        return redirect("budget:year_list")
    return redirect(reverse("budget:declaration_list"))
