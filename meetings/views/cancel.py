"""Cancelling a meeting (issue 13.15): a confirmation page that says who will be told, then
the cancellation. Works without JavaScript: the page is a plain form."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import rules
from ..forms_plus import CancelForm
from ..models import Meeting
from ..services.cancel import cancel_recipients, meeting_cancel
from .common import MANAGE


class MeetingCancelView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = CancelForm
    template_name = "meetings/plus/meeting_cancel_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = get_object_or_404(
                Meeting.objects.select_related("location"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            cancellable=rules.meeting_may_be_cancelled(status=self.meeting.status),
            **cancel_recipients(self.meeting),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            told = meeting_cancel(
                meeting=self.meeting, by=self.request.user, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "De vergadering is geannuleerd. Bericht gaat naar %(leden)s leden en "
                "%(gasten)s gasten."
            )
            % {"leden": told["members"], "gasten": told["guests"]},
        )
        return redirect("meetings:detail", pk=self.meeting.pk)
