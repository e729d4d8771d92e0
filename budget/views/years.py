"""Pages of the annual plan: the years, one year's budget against actuals, editing the plan
and its amounts, the college's grant, other expenses, and publishing the plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from .. import forms, rules, selectors, services
from ..models import BudgetYear
from .common import YearMixin, pdf_response


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


class BudgetYearDetailView(PermissionMixin, YearMixin, TemplateView):
    """The plan, its budget and the budget against actuals (table + chart)."""

    permission_required = "budget.view_budget"
    template_name = "budget/budgetyear_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = self.budget_year
        ctx.update(selectors.budget_year_overview(budget_year=year))
        ctx["transitions"] = sorted(year.TRANSITIONS[year.status])
        ctx["lines_changeable"] = rules.budget_lines_changeable(
            granted=year.status == BudgetYear.Status.GRANTED
        )
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
        from ..pdf import annual_plan_pdf

        return pdf_response(annual_plan_pdf(self.budget_year), f"jaarplan-{year}.pdf")


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


def budget_home(request):
    """/intern/begroting/: this year's budget for those who see it, else the declarations."""
    if request.user.is_authenticated and request.user.has_perm("budget.view_budget"):
        year = selectors.budget_year_current(user=request.user, today=timezone.localdate())
        if year:
            return redirect("budget:year_detail", year=year.year)
        return redirect("budget:year_list")
    return redirect("budget:declaration_list")
