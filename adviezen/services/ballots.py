"""Voting on an advice and its approval (docs/rules.md, D16, D17).

A ballot is on one version; the eligible voters (``members.rules.may_vote``: members and the
chair with a term covering the day it opens) are frozen when it opens. Members vote in the app,
unless a ballot in a meeting is a show of hands recorded as counts (``rules.may_vote_in_app``;
the secretary's recording is in ``hands``). It closes by hand or at its deadline: carried (``rules.ballot_is_carried`` with the council's threshold, basis and
quorum as they stood at opening) → *vastgesteld* on that version; not carried → back to
*concept*, the result kept. The chair may instead approve the current draft on their own
authority, with a reason; an open ballot then lapses. A written ballot tells its voters
when it opens; an approval tells the secretary (``notices``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked, transition
from members.selectors import council_settings_get, voters_on

from .. import rules
from ..models import Advice, AdviceVersion, Ballot, BallotVoter, Vote
from ..tally import ballot_tally
from .common import AdviceError, require
from .notices import advice_approved_notify, ballot_opened_notify


@transaction.atomic
def ballot_open(
    *,
    advice: Advice,
    by: Any,
    deadline: datetime.datetime | None = None,
    meeting: Any = None,
    agenda_item: Any = None,
    tally: str = rules.TALLY_MEMBERS,
) -> Ballot:
    """Open a vote on the current version, in a meeting or in writing with a deadline.

    The eligible voters (``members.selectors.voters_on`` today) are frozen now. ``tally``: the
    members vote (in the app, or in a meeting by a show of hands the secretary records per
    member), or, only in a meeting, the secretary records the counts of a show of hands. A
    written ballot tells each voter it opened.
    """
    require(by, "adviezen.manage_ballot")
    advice = locked(advice)
    if meeting is None and deadline is None:
        raise AdviceError(
            _("Kies een vergadering of geef een sluitingsdatum voor een schriftelijke stemming."),
            field="deadline",
        )
    if tally not in Ballot.Tally.values:
        raise AdviceError(_("Kies hoe de stemmen worden vastgelegd."), field="tally")
    if tally == Ballot.Tally.COUNTS and meeting is None:
        raise AdviceError(
            _(
                "Alleen bij een stemming in een vergadering kan de secretaris de aantallen vastleggen."
            ),
            field="tally",
        )
    if deadline is not None and deadline <= timezone.now():
        raise AdviceError(_("De sluitingsdatum ligt in het verleden."), field="deadline")
    version = advice.versions.order_by("-number").first()
    if version is None:
        raise AdviceError(_("Er is nog geen conceptversie om over te stemmen."))
    transition(advice, to=Advice.Status.VOTING, by=by, error=AdviceError)
    advice.save()
    today = timezone.localdate()
    cs = council_settings_get()
    voters = [person.pk for person in voters_on(today)]
    if not voters:
        raise AdviceError(_("Er zijn vandaag geen stemgerechtigde leden."))
    ballot = Ballot.objects.create(
        advice=advice,
        version=version,
        opened_by=by,
        opened_on=today,
        deadline=deadline,
        meeting=meeting,
        agenda_item=agenda_item,
        tally=tally,
        threshold_percent=cs.approval_threshold_percent,
        basis=cs.approval_basis,
        quorum_percent=cs.quorum_percent,
        eligible_count=len(voters),
    )
    BallotVoter.objects.bulk_create([BallotVoter(ballot=ballot, member_id=pk) for pk in voters])
    audit_record(
        actor=by,
        action="ballot.opened",
        obj=advice,
        data={"ballot": ballot.pk, "version": version.number, "eligible": len(voters)},
    )
    ballot_opened_notify(ballot=ballot, by=by)
    return ballot


def vote_cast(*, ballot: Ballot, member: Any, choice: str) -> Vote:
    """Cast or change a vote while the ballot is open.

    The ballot row lock serialises a member's parallel posts, and the unique constraint on
    (ballot, member) keeps one row whatever happens, however many posts race (docs/rules.md,
    S15, S16).
    """
    if choice not in Vote.Choice.values:
        raise AdviceError(_("Kies voor, tegen of onthouding."), field="choice")
    for _attempt in range(3):
        try:
            return _vote_cast(ballot_id=ballot.pk, member=member, choice=choice)
        except IntegrityError:
            continue
    raise AdviceError(_("Je stem kon niet worden opgeslagen. Probeer het opnieuw."))


@transaction.atomic
def _vote_cast(*, ballot_id: int, member: Any, choice: str) -> Vote:
    ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
    if not ballot.is_open or (ballot.deadline and ballot.deadline <= timezone.now()):
        raise AdviceError(_("Deze stemming is gesloten; je kunt niet meer stemmen."))
    if not rules.may_vote_in_app(tally=ballot.tally):
        raise AdviceError(
            _(
                "Bij deze stemming telt de secretaris de handen in de vergadering; je stemt niet in de app."
            )
        )
    if not BallotVoter.objects.filter(ballot=ballot, member_id=member.pk).exists():
        raise AdviceError(_("Je bent niet stemgerechtigd bij deze stemming."))
    vote, created = Vote.objects.update_or_create(
        ballot=ballot, member_id=member.pk, defaults={"choice": choice}
    )
    audit_record(
        actor=member,
        action="vote.cast" if created else "vote.changed",
        data={"ballot": ballot.pk},
    )
    return vote


@transaction.atomic
def ballot_close(*, ballot: Ballot, by: Any = None, expected_outcome: str | None = None) -> Ballot:
    """Close by hand (chair or secretary) or at the deadline (``by=None``, periodic task).

    Carried → *vastgesteld* on this version (the secretary is told); not carried → back to
    *concept*, result kept. A show of hands recorded as counts closes only once the counts are
    in (``rules.ballot_may_close``). ``expected_outcome``: what the person confirmed
    (``rules.OUTCOME_*``); when the votes have changed it since, nothing is closed.
    """
    if by is not None:
        require(by, "adviezen.manage_ballot")
    advice = Advice.objects.select_for_update().get(pk=ballot.advice_id)
    ballot = locked(ballot)
    if not ballot.is_open:
        raise AdviceError(_("Deze stemming is al gesloten."))
    if by is None and (ballot.deadline is None or ballot.deadline > timezone.now()):
        raise AdviceError(_("De sluitingsdatum van deze stemming is nog niet bereikt."))
    if not rules.ballot_may_close(
        tally=ballot.tally, counts_recorded=ballot.counts_recorded_at is not None
    ):
        raise AdviceError(_("Leg eerst de aantallen van de handopsteking vast."))
    tally = ballot_tally(ballot)
    outcome = rules.ballot_outcome(
        yes=tally.yes,
        against=tally.against,
        abstain=tally.abstain,
        eligible=ballot.eligible_count,
        threshold=ballot.threshold_percent,
        basis=ballot.basis,
        quorum=ballot.quorum_percent,
    )
    if expected_outcome is not None and outcome != expected_outcome:
        raise AdviceError(
            _("De uitslag is veranderd sinds je de stemming wilde sluiten. Kijk opnieuw.")
        )
    carried = outcome == rules.OUTCOME_CARRIED
    counts = {"yes": tally.yes, "against": tally.against, "abstain": tally.abstain}
    ballot.yes_count, ballot.against_count, ballot.abstain_count = (
        tally.yes,
        tally.against,
        tally.abstain,
    )
    ballot.outcome = Ballot.Outcome.CARRIED if carried else Ballot.Outcome.NOT_CARRIED
    ballot.status = Ballot.Status.CLOSED
    ballot.closed_at = timezone.now()
    ballot.closed_by = by
    ballot.save()
    note = _("Stemming: %(voor)s voor, %(tegen)s tegen, %(ont)s onthouding van %(n)s") % {
        "voor": ballot.yes_count,
        "tegen": ballot.against_count,
        "ont": ballot.abstain_count,
        "n": ballot.eligible_count,
    }
    if carried:
        transition(advice, to=Advice.Status.APPROVED, by=by, note=note, error=AdviceError)
        _approve(advice, ballot.version)
    else:
        transition(advice, to=Advice.Status.DRAFT, by=by, note=note, error=AdviceError)
    advice.save()
    audit_record(
        actor=by or "systeem",
        action="ballot.closed",
        obj=advice,
        data={"ballot": ballot.pk, "outcome": ballot.outcome, **counts},
    )
    if carried:
        advice_approved_notify(advice=advice, by=by)
    return ballot


def ballots_close_expired(*, now: datetime.datetime | None = None) -> int:
    """Close every open ballot past its deadline (periodic task); each in its own transaction."""
    now = now or timezone.now()
    closed = 0
    for pk in Ballot.objects.filter(status="open", deadline__lte=now).values_list("pk", flat=True):
        try:
            ballot_close(ballot=Ballot.objects.get(pk=pk))
            closed += 1
        except AdviceError:
            continue
    return closed


def _approve(advice: Advice, version: AdviceVersion) -> None:
    """The approved version's text becomes the advice's final text."""
    advice.approved_version = version
    advice.final_text = version.text
    advice.approved_at = timezone.now()


@transaction.atomic
def advice_chair_approve(*, advice: Advice, by: Any, reason: str) -> Advice:
    """The chair approves the current draft on their own authority, with a reason (recorded).

    An open ballot on the advice lapses (*vervallen*)."""
    require(by, "adviezen.approve_advice")
    reason = (reason or "").strip()
    if not reason:
        raise AdviceError(_("Geef de reden voor vaststelling op eigen gezag."), field="reason")
    advice = locked(advice)
    version = advice.versions.order_by("-number").first()
    if version is None:
        raise AdviceError(_("Er is nog geen conceptversie om vast te stellen."))
    transition(advice, to=Advice.Status.APPROVED, by=by, note=reason, error=AdviceError)
    for ballot in Ballot.objects.select_for_update().filter(advice=advice, status="open"):
        ballot.status = Ballot.Status.CLOSED
        ballot.outcome = Ballot.Outcome.SUPERSEDED
        ballot.closed_at, ballot.closed_by = timezone.now(), by
        ballot.save()
    _approve(advice, version)
    advice.chair_approved_by = by
    advice.chair_approval_reason = reason
    advice.save()
    audit_record(actor=by, action="advice.chair_approved", obj=advice, data={"reason": reason})
    advice_approved_notify(advice=advice, by=by)
    return advice
