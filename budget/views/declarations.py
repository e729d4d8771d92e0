"""A member's declarations and the pages that handle them: the list, a declaration with its
lines and receipts, adding lines, and the workflow steps (each a small POST-only view that
calls its service)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from django_filters.views import FilterView

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from .. import forms, rules, selectors, services
from ..filters import DeclarationFilter
from ..models import Declaration
from .common import SUBMIT, AnyDeclarationPermission, pdf_response


def declaration_actions(declaration: Declaration, user) -> dict:
    """What ``user`` may do with ``declaration`` now, for the buttons: the claimant edits and
    submits their draft and withdraws it before the check; the secretary and treasurer check,
    approve and reject (``rules.may_reject``) what is not their own (``rules.may_approve``);
    the treasurer marks it sent and paid. The services check the same again."""
    d, u, S = declaration, user, Declaration.Status
    own = d.claimant_id == u.pk
    handles = rules.may_approve(approver_id=u.pk, claimant_id=d.claimant_id)
    may_check = u.has_perm("budget.check_declaration")
    may_approve = u.has_perm("budget.approve_declaration")
    may_export = u.has_perm("budget.export_declarations")
    return {
        "own": own,
        "can_edit": own and d.is_editable,
        "can_submit": own and d.can_transition_to(S.SUBMITTED),
        "can_withdraw": own and d.can_transition_to(S.DRAFT),
        "can_check": handles and may_check and d.can_transition_to(S.CHECKED),
        "can_approve": handles and may_approve and d.can_transition_to(S.APPROVED),
        "can_reject": handles
        and d.can_transition_to(S.REJECTED)
        and rules.may_reject(
            can_approve=may_approve, can_check=may_check, submitted=d.status == S.SUBMITTED
        ),
        "can_mark_sent": may_export and d.can_transition_to(S.SENT),
        "can_mark_paid": may_export and d.can_transition_to(S.PAID),
    }


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
        year = self.declaration.budget_year.year
        start, end = rules.allowance_claim_period(
            year=year,
            today=timezone.localdate(),
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
        )
        ctx.update(declaration_actions(self.declaration, self.request.user))
        ctx["reject_form"] = forms.RejectForm()
        ctx["prefill_form"] = forms.PrefillForm(
            initial={"start": start.isoformat(), "end": max(start, end).isoformat()}
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
                ngettext(
                    "%(n)s vergadering toegevoegd.", "%(n)s vergaderingen toegevoegd.", len(lines)
                )
                % {"n": len(lines)},
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
        data = services.declaration_render_pdf(declaration=self.declaration, by=request.user)
        audit_record(actor=request.user, action="declaration.pdf_downloaded", obj=self.declaration)
        return pdf_response(data, f"declaratie-{pk}.pdf")


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
