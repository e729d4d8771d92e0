"""Internal advice pages: the list, registering an advice, its page with the actions the user
may take, the simple workflow steps, and its documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error
from members.selectors import council_settings_get

from .. import consequences, rules, selectors, services
from ..filters import AdviceFilter
from ..forms import AdviceForm, AdvicePrefillForm, WithdrawForm
from ..models import Advice
from .common import AdviceFormActionView, AdviceObjectMixin, ReadMixin


class AdviceListView(ReadMixin, FilterView):
    filterset_class = AdviceFilter
    template_name = "adviezen/advice_list.html"
    paginate_by = 25
    context_object_name = "advices"

    def get_queryset(self):
        return selectors.advice_list(user=self.request.user)


class AdviceCreateView(PermissionMixin, FormView):
    """A new advice; ``?signaal=<id>`` starts it from a signal."""

    permission_required = "adviezen.manage_advice"
    form_class = AdviceForm
    template_name = "adviezen/advice_form.html"

    def get_initial(self):
        prefill = AdvicePrefillForm(self.request.GET)
        if prefill.is_valid() and prefill.cleaned_data["signaal"]:
            return {"signal": prefill.cleaned_data["signaal"]}
        return {}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            advice = services.advice_create(
                by=self.request.user,
                title=d["title"],
                origin=d["origin"],
                kind=d["kind"],
                domain=d["domain"],
                dossier=d["dossier"],
                working_group=d["working_group"],
                signal=d["signal"],
                request_date=d["request_date"],
                deadline=d["deadline"],
                request_document=d.get("request_document"),
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        except ValidationError as exc:  # the upload check
            form.add_error("request_document", exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Het advies %(ref)s is aangemaakt.") % {"ref": advice.reference}
        )
        return redirect("adviezen:detail", pk=advice.pk)


class AdviceDetailView(ReadMixin, AdviceObjectMixin, TemplateView):
    """An advice: its state, versions, ballots, history, the college's response and the
    actions this user may take (``rules.advice_actions``)."""

    template_name = "adviezen/advice_detail.html"
    advice_history = True

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        user = self.request.user
        versions = list(advice.versions.all())
        ballots = list(advice.ballots.select_related("version").order_by("-opened_at"))
        actions = selectors.advice_actions_for_user(user=user, advice=advice)
        sent_on = timezone.localtime(advice.sent_at).date() if advice.sent_at else None
        weeks = council_settings_get().response_deadline_weeks
        has_response = hasattr(advice, "response")
        return super().get_context_data(
            advice=advice,
            versions=versions,
            current=versions[0] if versions else None,
            ballots=ballots,
            open_ballot=next((b for b in ballots if b.is_open), None),
            transitions=list(advice.transitions.all()),
            response_due=rules.response_due_on(sent_on=sent_on, weeks=weeks) if sent_on else None,
            response_overdue=rules.response_is_overdue(
                sent_on=sent_on, answered=has_response, today=timezone.localdate(), weeks=weeks
            ),
            has_response=has_response,
            actions=actions,
            manual_steps=[(s, Advice.Status(s).label) for s in actions.steps],
            **kwargs,
        )


class AdviceStepView(PermissionMixin, AdviceObjectMixin, View):
    """POST-only: the simple workflow steps (to preparation, consultation, draft). Withdrawing
    cannot be undone: it goes through its confirmation page (``WithdrawView``)."""

    http_method_names = ["post"]

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.manage_advice") or u.has_perm("adviezen.approve_advice")

    def post(self, request, pk):
        advice = self.get_advice()
        if request.POST.get("to") == Advice.Status.WITHDRAWN:
            return redirect("adviezen:withdraw", pk=pk)
        try:
            services.advice_transition(
                advice=advice,
                by=request.user,
                to=request.POST.get("to", ""),
                note=request.POST.get("note", ""),
            )
            messages.success(request, _("De status is bijgewerkt."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("adviezen:detail", pk=pk)


class WithdrawView(AdviceFormActionView):
    """Withdrawing an advice, after seeing what that means, with the reason for the history."""

    form_class = WithdrawForm
    heading = gettext_lazy("Advies intrekken")
    button = gettext_lazy("Ja, advies intrekken")
    advice_history = True

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.manage_advice") or u.has_perm("adviezen.approve_advice")

    def get_context_data(self, **kwargs):
        return super().get_context_data(button_class="btn-danger", **kwargs)

    def consequence(self):
        return consequences.withdraw(advice=self.get_advice())

    def run(self, d):
        services.advice_transition(
            advice=self.get_advice(),
            by=self.request.user,
            to=Advice.Status.WITHDRAWN,
            note=d["note"],
        )

    def success_message(self):
        return _("Het advies is ingetrokken.")


class LetterPreviewView(ReadMixin, AdviceObjectMixin, View):
    """The letter as a PDF: the one sent, or a preview of the approved text."""

    def get(self, request, pk):
        advice = self.get_advice()
        if not advice.final_text or not request.user.has_perm("adviezen.view_internal"):
            raise Http404
        response = HttpResponse(services.letter_pdf_as_sent(advice), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{advice.reference}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class RequestDocumentView(ReadMixin, AdviceObjectMixin, View):
    def get(self, request, pk):
        advice = self.get_advice()
        if not advice.request_document:
            raise Http404
        return private_file_response(
            advice.request_document,
            filename=advice.request_document_name or "adviesaanvraag",
            content_type="application/octet-stream",
        )


class ResponseDocumentView(ReadMixin, AdviceObjectMixin, View):
    def get(self, request, pk):
        advice = self.get_advice()
        response = getattr(advice, "response", None)
        if response is None or not response.document:
            raise Http404
        return private_file_response(
            response.document,
            filename=response.document_name or "reactie",
            content_type="application/octet-stream",
        )
