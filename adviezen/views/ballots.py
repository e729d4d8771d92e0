"""Voting pages: opening a ballot, the voting page, casting a vote (htmx), the secretary's
record of a show of hands, closing (after confirming), and the chair's approval on their own
authority."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import consequences, rules, selectors, services
from ..forms import BallotOpenForm, ChairApproveForm, HandCountsForm, HandsForm, VoteForm
from ..models import Ballot
from ..tally import ballot_hands
from .common import AdviceFormActionView, AdviceObjectMixin, ConfirmActionView, ReadMixin


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
            advice=self.get_advice(),
            by=self.request.user,
            deadline=deadline,
            meeting=meeting,
            tally=d["tally"],
        )

    def success_url_for(self):
        return reverse("adviezen:ballot", args=[self.get_advice().pk, self.ballot.pk])

    def success_message(self):
        return _("De stemming is geopend.")


def _ballot_page(request, advice, ballot, *, hands_form=None, status=200):
    """The voting page; for the secretary of an open ballot in a meeting also the form to
    record the show of hands (``hands_form``: a bound form with errors, kept as typed)."""
    user = request.user
    state = selectors.ballot_state_for_user(user=user, ballot=ballot)
    manage = user.has_perm("adviezen.manage_ballot")
    hands = manage and rules.hands_may_be_recorded(
        in_meeting=ballot.meeting_id is not None, is_open=ballot.is_open
    )
    if hands and hands_form is None:
        if ballot.tally == Ballot.Tally.COUNTS:
            recorded = ballot.counts_recorded_at is not None
            hands_form = HandCountsForm(
                initial={
                    "yes": ballot.yes_count,
                    "against": ballot.against_count,
                    "abstain": ballot.abstain_count,
                }
                if recorded
                else {}
            )
        else:
            hands_form = HandsForm(hands=ballot_hands(ballot))
    context = {
        "advice": advice,
        "ballot": ballot,
        "state": state,
        "form": _vote_form(state),
        "hands_form": hands_form if hands else None,
        "can_close": manage and ballot.is_open,
    }
    return render(request, "adviezen/ballot_detail.html", context, status=status)


class BallotDetailView(ReadMixin, AdviceObjectMixin, View):
    """The voting page: the version's text, my vote (changeable while open), the outcome; the
    secretary records a show of hands here."""

    def get(self, request, *args, **kwargs):
        advice = self.get_advice()
        if not request.user.has_perm("adviezen.view_internal"):
            raise PermissionDenied
        ballot = selectors.ballot_get_for_user(user=request.user, advice=advice, pk=kwargs["bpk"])
        return _ballot_page(request, advice, ballot)


class HandsView(PermissionMixin, AdviceObjectMixin, View):
    """POST: the secretary records a show of hands in a meeting, as counts or per member
    (whichever the ballot was opened with). Bad input shows the page again with the message
    next to the field and what was typed."""

    permission_required = "adviezen.manage_ballot"
    http_method_names = ["post"]

    def post(self, request, pk, bpk):
        advice = self.get_advice()
        ballot = selectors.ballot_get_for_user(user=request.user, advice=advice, pk=bpk)
        form: HandCountsForm | HandsForm
        if ballot.tally == Ballot.Tally.COUNTS:
            form = HandCountsForm(request.POST)
        else:
            form = HandsForm(request.POST, hands=ballot_hands(ballot))
        if form.is_valid():
            try:
                if isinstance(form, HandCountsForm):
                    services.ballot_counts_record(
                        ballot=ballot, by=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("De aantallen zijn vastgelegd."))
                else:
                    n = services.ballot_hands_record(
                        ballot=ballot, by=request.user, choices=form.choices()
                    )
                    messages.success(
                        request, _("%(n)s stemmen vastgelegd of gewijzigd.") % {"n": n}
                    )
                return redirect("adviezen:ballot", pk=advice.pk, bpk=ballot.pk)
            except DomainError as exc:
                form_error_from(form, exc)
        return _ballot_page(request, advice, ballot, hands_form=form)


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


class BallotCloseView(ConfirmActionView):
    """Closing a ballot after seeing the votes cast and what the rule makes of them; the
    confirmation carries that outcome, and a changed outcome asks again."""

    permission_required = "adviezen.manage_ballot"
    heading = gettext_lazy("Stemming sluiten")
    button = gettext_lazy("Ja, stemming sluiten")
    button_class = "btn-danger"
    advice_history = False

    def get_ballot(self) -> Ballot:
        if not hasattr(self, "_ballot"):
            self._ballot = selectors.ballot_get_for_user(
                user=self.request.user, advice=self.get_advice(), pk=self.kwargs["bpk"]
            )
        return self._ballot

    def back_url(self):
        return reverse("adviezen:ballot", args=[self.get_advice().pk, self.get_ballot().pk])

    def consequence(self):
        return consequences.ballot_close(ballot=self.get_ballot())

    def run(self, *, outcome):
        closed = services.ballot_close(
            ballot=self.get_ballot(), by=self.request.user, expected_outcome=outcome
        )
        self.done = _("De stemming is gesloten: %(uitkomst)s.") % {
            "uitkomst": closed.get_outcome_display()
        }


class ChairApproveView(AdviceFormActionView):
    permission_required = "adviezen.approve_advice"
    form_class = ChairApproveForm
    heading = gettext_lazy("Vaststellen op eigen gezag")
    button = gettext_lazy("Advies vaststellen")

    def consequence(self):
        return consequences.chair_approve(advice=self.get_advice())

    def run(self, d):
        services.advice_chair_approve(
            advice=self.get_advice(), by=self.request.user, reason=d["reason"]
        )

    def success_message(self):
        return _("Het advies is vastgesteld.")
