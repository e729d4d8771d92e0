"""The treasurer's batch exports of approved declarations: start one, follow its progress,
download its PDF and CSV (until the files are deleted after the retention period)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from adviesraad.background.selectors import work_stalled
from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import forms, selectors, services
from ..models import DeclarationExport


class ExportListView(PermissionMixin, FormView):
    permission_required = "budget.export_declarations"
    form_class = forms.ExportForm
    template_name = "budget/declarationexport_list.html"

    def get_initial(self):
        today = timezone.localdate()
        return {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        page = Paginator(selectors.export_list(user=user), 20).get_page(
            self.request.GET.get("page")
        )
        ctx.update(
            {
                "exports": page.object_list,
                "page_obj": page,
                "paginator": page.paginator,
                "is_paginated": page.has_other_pages(),
                "approved_waiting": selectors.approved_waiting_count(user=user),
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


# The tasks of one batch export; each takes the export's id as its first argument.
EXPORT_TASKS = (
    "budget.tasks.run_declarations_export",
    "budget.tasks.render_export_part",
    "budget.tasks.finish_declarations_export",
)


class ExportDetailView(PermissionMixin, TemplateView):
    """The export's progress (polled by htmx while it runs), with a notice when the work has
    stalled (no worker running it, issue 12.3), then the downloads and the marking as sent."""

    permission_required = "budget.export_declarations"
    template_name = "budget/declarationexport_detail.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["budget/includes/_export_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["export"] = selectors.export_get_for_user(user=self.request.user, pk=kwargs["pk"])
        export = ctx["export"]
        if export.status == DeclarationExport.Status.DONE:
            ctx["sending"] = selectors.export_sending(export=export)
        elif export.status in (DeclarationExport.Status.QUEUED, DeclarationExport.Status.RUNNING):
            ctx["stalled"] = work_stalled(
                user=self.request.user, task_names=EXPORT_TASKS, first_arg=export.pk
            )
        return ctx


class ExportMarkSentView(PermissionMixin, TemplateView):
    """After sending the export to the municipality: confirm, then mark its approved
    declarations as sent (``services.declaration_export_mark_sent``). Works without
    JavaScript: GET shows what will happen, POST does it."""

    permission_required = "budget.export_declarations"
    template_name = "budget/declarationexport_mark_sent.html"

    def _export(self):
        return selectors.export_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["export"] = self._export()
        ctx["sending"] = selectors.export_sending(export=ctx["export"])
        return ctx

    def post(self, request, pk):
        export = self._export()
        try:
            count = services.declaration_export_mark_sent(export=export, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s declaratie staat nu op 'naar de gemeente'.",
                    "%(n)s declaraties staan nu op 'naar de gemeente'.",
                    count,
                )
                % {"n": count},
            )
        return redirect("budget:export_detail", pk=export.pk)


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
