"""Voting pages: opening a ballot, the voting page, casting a vote (htmx), closing, and the
chair's approval on their own authority."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, message_error

from .. import selectors, services
from ..forms import BallotOpenForm, ChairApproveForm, VoteForm
from ..models import Ballot
from .common import AdviceFormActionView, AdviceObjectMixin, ReadMixin


def _vote_form(state: dict) -> VoteForm:
    """The vote form with the user's current vote chosen."""
    return VoteForm(initial={"choice": state["my_vote"].choice if state["my_vote"] else None})


class BallotOpenView(AdviceFormActionView):
    permission_required = "adviezen.manage_ballot"
    form_class = BallotOpenForm
    heading = gettext_lazy("Stemming openen")
    button = gettext_lazy("Stemming openen")

    def run(self, d):
        meeting = d.get("meeting") if d["mode"] == "meeting" else None
        deadline = d.get("deadline") if d["mode"] == "written" else None
        if deadline is not None and timezone.is_naive(deadline):
            deadline = timezone.make_aware(deadline)
        self.ballot = services.ballot_open(
            advice=self.get_advice(), by=self.request.user, deadline=deadline, meeting=meeting
        )

    def success_url_for(self):
        return reverse("adviezen:ballot", args=[self.get_advice().pk, self.ballot.pk])

    def success_message(self):
        return _("De stemming is geopend.")


class BallotDetailView(ReadMixin, AdviceObjectMixin, TemplateView):
    """The voting page: the version's text, my vote (changeable while open), the outcome."""

    template_name = "adviezen/ballot_detail.html"

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        if not self.request.user.has_perm("adviezen.view_internal"):
            raise PermissionDenied
        ballot = selectors.ballot_get_for_user(
            user=self.request.user, advice=advice, pk=self.kwargs["bpk"]
        )
        state = selectors.ballot_state_for_user(user=self.request.user, ballot=ballot)
        return super().get_context_data(
            advice=advice,
            ballot=ballot,
            state=state,
            form=_vote_form(state),
            can_close=self.request.user.has_perm("adviezen.manage_ballot") and ballot.is_open,
            **kwargs,
        )


class VoteView(PermissionMixin, AdviceObjectMixin, View):
    """POST a vote; htmx gets the voting block back, a plain post is redirected."""

    permission_required = "adviezen.cast_vote"
    http_method_names = ["post"]

    def post(self, request, pk, bpk):
        advice = self.get_advice()
        ballot_obj = selectors.ballot_get_for_user(user=request.user, advice=advice, pk=bpk)
        form = VoteForm(request.POST)
        error = None
        if form.is_valid():
            try:
                services.vote_cast(
                    ballot=ballot_obj, member=request.user, choice=form.cleaned_data["choice"]
                )
            except DomainError as exc:
                error = exc.message
        else:
            error = _("Kies voor, tegen of onthouding.")
        if request.headers.get("HX-Request"):
            ballot_obj.refresh_from_db()
            state = selectors.ballot_state_for_user(user=request.user, ballot=ballot_obj)
            return render(
                request,
                "adviezen/includes/_vote.html",
                {
                    "advice": advice,
                    "ballot": ballot_obj,
                    "state": state,
                    "form": _vote_form(state),
                    "error": error,
                    "saved": error is None,
                },
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Je stem is opgeslagen."))
        return redirect("adviezen:ballot", pk=advice.pk, bpk=ballot_obj.pk)


class BallotCloseView(PermissionMixin, AdviceObjectMixin, View):
    permission_required = "adviezen.manage_ballot"
    http_method_names = ["post"]

    def post(self, request, pk, bpk):
        advice = self.get_advice()
        ballot_obj = get_object_or_404(Ballot, advice=advice, pk=bpk)
        try:
            closed = services.ballot_close(ballot=ballot_obj, by=request.user)
            messages.success(
                request,
                _("De stemming is gesloten: %(uitkomst)s.")
                % {"uitkomst": closed.get_outcome_display()},
            )
        except DomainError as exc:
            message_error(request, exc)
        return redirect("adviezen:ballot", pk=advice.pk, bpk=ballot_obj.pk)


class ChairApproveView(AdviceFormActionView):
    permission_required = "adviezen.approve_advice"
    form_class = ChairApproveForm
    heading = gettext_lazy("Vaststellen op eigen gezag")
    button = gettext_lazy("Advies vaststellen")

    def run(self, d):
        services.advice_chair_approve(
            advice=self.get_advice(), by=self.request.user, reason=d["reason"]
        )

    def success_message(self):
        return _("Het advies is vastgesteld.")
