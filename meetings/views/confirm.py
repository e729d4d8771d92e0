"""The irreversible steps on a meeting, each after a confirmation page that says what will
happen (issue 13, defect 8; the pattern of ``adviezen.views.common.ConfirmActionView``):
sending the agenda pack and approving the minutes.

GET shows the consequences (``meetings.consequences``) and a form to confirm; that form's POST
runs the service. A POST without the confirmation shows the page again, so nothing happens
unconfirmed, with or without JavaScript. A refusal shows the page again with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin

from .. import consequences, selectors, services
from ..models import Meeting
from .common import MANAGE


class MeetingConfirmView(PermissionMixin, TemplateView):
    permission_required = MANAGE
    template_name = "meetings/meeting_confirm.html"
    heading = ""
    button = ""
    button_class = "btn-primary"

    def get_meeting(self) -> Meeting:
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(
                Meeting.objects.select_related("minutes__approval_meeting"), pk=self.kwargs["pk"]
            )
        return self._meeting

    def consequence(self):
        raise NotImplementedError

    def run(self) -> str:
        """Take the step; returns the success message."""
        raise NotImplementedError

    def back_url(self) -> str:
        return reverse("meetings:detail", args=[self.get_meeting().pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.get_meeting(),
            heading=self.heading,
            button=self.button,
            button_class=self.button_class,
            consequence=self.consequence(),
            back_url=self.back_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "1":
            return self.get(request, *args, **kwargs)
        try:
            done = self.run()
        except DomainError as exc:
            return self.render_to_response(self.get_context_data(error=exc.message))
        messages.success(request, done)
        return redirect(self.back_url())


class SendPackView(MeetingConfirmView):
    """Sending the agenda pack, after seeing to whom it goes and what changed."""

    heading = gettext_lazy("Agendapakket versturen")
    button = gettext_lazy("Ja, agendapakket versturen")

    def consequence(self):
        return consequences.pack_send(meeting=self.get_meeting())

    def run(self) -> str:
        sending = services.agenda_pack_send(meeting=self.get_meeting(), by=self.request.user)
        if sending.changes:
            return _("De gewijzigde agenda wordt verstuurd. Wijzigingen: %(w)s") % {
                "w": " ".join(sending.changes)
            }
        return _("Het agendapakket wordt verstuurd naar de leden en de gasten.")


class MinutesApproveView(MeetingConfirmView):
    """Approving the minutes in the later meeting they were put on the agenda of."""

    heading = gettext_lazy("Notulen vaststellen")
    button = gettext_lazy("Ja, notulen vaststellen")

    def back_url(self) -> str:
        return reverse("meetings:minutes", args=[self.get_meeting().pk])

    def consequence(self):
        meeting = self.get_meeting()
        return consequences.minutes_approve(meeting=meeting, minutes=selectors.minutes_get(meeting))

    def run(self) -> str:
        services.minutes_approve(meeting=self.get_meeting(), by=self.request.user)
        return _("De notulen zijn vastgesteld.")
