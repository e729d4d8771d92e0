"""What the internal meetings views share: permissions, the htmx check, POST-only views, forms
that hand their data to one service, and the internal PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView, View

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import selectors
from ..models import Meeting

VIEW = "meetings.view_internal_meetings"
MANAGE = "meetings.manage_meetings"


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def meeting_for(request, pk) -> Meeting:
    """The meeting with everything the agenda builder shows (404 when not visible)."""
    return selectors.meeting_get_for_user(user=request.user, pk=pk)


class ManagePost(PermissionMixin, View):
    """A state change by the secretariat: POST only."""

    permission_required = MANAGE
    http_method_names = ["post"]


class ServiceFormView(PermissionMixin, FormView):
    """A form whose valid data goes to one service (:meth:`perform`, which returns where to go
    next). A refusal is shown next to its field and the form keeps what was typed; success
    shows ``success_message``."""

    success_message = ""

    def perform(self, form) -> str:
        raise NotImplementedError

    def refused(self, form, exc: DomainError) -> None:
        form_error_from(form, exc)

    def form_valid(self, form):
        try:
            url = self.perform(form)
        except DomainError as exc:
            self.refused(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(url)


class MeetingPdfView(PermissionMixin, View):
    """An internal PDF of one meeting, shown in the browser and never kept by a cache."""

    permission_required = VIEW
    filename = ""

    def pdf(self, meeting: Meeting) -> bytes:
        raise NotImplementedError

    def get(self, request, pk):
        meeting = meeting_for(request, pk)
        resp = HttpResponse(self.pdf(meeting), content_type="application/pdf")
        resp["Content-Disposition"] = f'inline; filename="{self.filename}-{meeting.pk}.pdf"'
        resp["Cache-Control"] = "private, no-store"
        return resp
