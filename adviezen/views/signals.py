"""Signals: the triage board and list, recording a signal, and a signal's page with the
triage actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import selectors, services
from ..filters import SignalFilter
from ..forms import SignalActionForm, SignalRecordForm
from ..models import Signal


class SignalReadMixin(PermissionMixin):
    """Who records signals (a member: their own) or triages them (every signal)."""

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.record_signal") or u.has_perm("adviezen.triage_signal")


class SignalListView(SignalReadMixin, FilterView):
    """The triage board: new and investigating signals first."""

    filterset_class = SignalFilter
    template_name = "adviezen/signal_list.html"
    paginate_by = 25
    context_object_name = "signals"

    def get_queryset(self):
        return selectors.signal_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.request.user.has_perm("adviezen.triage_signal"):
            waiting = selectors.signals_waiting(user=self.request.user)
            ctx["board"] = [
                (label, [s for s in waiting if s.status == status])
                for status, label in (
                    (Signal.Status.NEW, _("Nieuw")),
                    (Signal.Status.INVESTIGATING, _("In onderzoek")),
                )
            ]
        return ctx


class SignalCreateView(PermissionMixin, FormView):
    permission_required = "adviezen.record_signal"
    form_class = SignalRecordForm
    template_name = "adviezen/signal_form.html"

    def form_valid(self, form):
        try:
            signal = services.signal_record(by=self.request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het signaal is vastgelegd."))
        return redirect("adviezen:signal", pk=signal.pk)


class SignalDetailView(SignalReadMixin, FormView):
    """A signal with its history; the secretary and the chair triage it here."""

    form_class = SignalActionForm
    template_name = "adviezen/signal_detail.html"

    def get_signal(self):
        if not hasattr(self, "_signal"):
            self._signal = selectors.signal_get_for_user(
                user=self.request.user, pk=self.kwargs["pk"]
            )
        return self._signal

    def get_context_data(self, **kwargs):
        u = self.request.user
        return super().get_context_data(
            signal=self.get_signal(),
            can_triage=u.has_perm("adviezen.triage_signal"),
            show_contact=u.has_perm("adviezen.view_signal_contact"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("adviezen.triage_signal"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        signal, by, note = self.get_signal(), self.request.user, d["note"]
        try:
            action = d["action"]
            if action == "investigate":
                services.signal_investigate(signal=signal, by=by, note=note)
            elif action == "close":
                services.signal_close(signal=signal, by=by, note=note)
            elif action == "refer":
                services.signal_refer(signal=signal, by=by, note=note)
            elif action == "link":
                services.signal_link_dossier(signal=signal, by=by, dossier=d["dossier"], note=note)
            elif action == "agenda":
                services.signal_put_on_agenda(signal=signal, by=by, meeting=d["meeting"], note=note)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het signaal is bijgewerkt."))
        return redirect("adviezen:signal", pk=signal.pk)
