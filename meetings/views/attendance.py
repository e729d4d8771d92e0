"""Apologies (issue 13.14): a member sends them from the meeting page or from the link in the
agenda e-mail (this page, behind the log-in), and can withdraw them before the meeting."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from .. import rules
from ..forms_plus import ApologyForm
from ..invitees import is_invited
from ..models import Meeting
from ..services.attendance import apologies, apology_send, apology_withdraw
from .common import MANAGE, VIEW, meeting_for


def apology_context(request, meeting: Meeting) -> dict:
    """What the meeting page shows about apologies: the asking member's own (and whether they
    may send or withdraw them now), and for the secretary every apology."""
    rows = apologies(meeting)
    mine = next((a for a in rows if a.member_id == request.user.pk), None)
    open_now = rules.apology_may_change(
        status=meeting.status, start=meeting.start, now=timezone.now()
    )
    return {
        "apologies": rows if request.user.has_perm(MANAGE) else [],
        "my_apology": mine,
        "may_apologise": open_now and (mine is not None or is_invited(meeting, request.user)),
        "apology_form": ApologyForm(auto_id="afmelden_%s"),
    }


class ApologyView(PermissionMixin, FormView):
    """The apology page (the agenda e-mail's link): send apologies, or see and withdraw them."""

    permission_required = VIEW
    form_class = ApologyForm
    template_name = "meetings/plus/apology_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = meeting_for(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "auto_id": "afmelden_%s"}

    def get_context_data(self, **kwargs):
        ctx = apology_context(self.request, self.meeting)
        ctx.pop("apology_form")
        return super().get_context_data(meeting=self.meeting, **ctx, **kwargs)

    def form_valid(self, form):
        try:
            apology_send(
                meeting=self.meeting, member=self.request.user, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Je bent afgemeld voor %(titel)s. Het secretariaat ziet je afmelding.")
            % {"titel": self.meeting.title},
        )
        return redirect(reverse("meetings:detail", args=[self.meeting.pk]) + "#afmelden")


class ApologyWithdrawView(PermissionMixin, View):
    """Withdraw one's apologies (POST only): the member is expected again."""

    permission_required = VIEW
    http_method_names = ["post"]

    def post(self, request, pk):
        meeting = meeting_for(request, pk)
        try:
            apology_withdraw(meeting=meeting, member=request.user)
            messages.success(request, _("Je afmelding is ingetrokken. Je wordt weer verwacht."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect(reverse("meetings:detail", args=[pk]) + "#afmelden")
