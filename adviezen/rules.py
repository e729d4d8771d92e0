"""Pure rules for advices and signals: numbers, dates, statuses and permissions in,
decisions out (docs/rules.md, D13-D18). No database and no models: selectors, services,
reminders and views gather the inputs as plain values and call these, so each rule is written
once.

The council's rule: a ballot is carried when ``2 × yes ≥ eligible`` (threshold
0.5 of the eligible members, inclusive; abstentions are not yes), with the threshold and its basis
(eligible members, or votes cast with a quorum) as council settings.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

# The advice statuses these rules name: the values of ``adviezen.models.Advice.Status``
# (tests/adviezen/test_rules.py checks they match).
REQUESTED = "requested"
INITIATED = "initiated"
PREPARATION = "preparation"
DRAFT = "draft"
CONSULTATION = "consultation"
VOTING = "voting"
APPROVED = "approved"
SENT = "sent"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
#: the advice is being written: members comment
DRAFTING = (PREPARATION, DRAFT, CONSULTATION, VOTING)

BASIS_ELIGIBLE = "eligible"
BASIS_CAST = "cast"


def _fraction(value: int | Fraction) -> Fraction:
    """A threshold given as an int percentage (50) or as a Fraction (Fraction(1, 2))."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("threshold must be an int percentage or a Fraction")
    return Fraction(value, 100)


def ballot_is_carried(
    *,
    yes: int,
    against: int,
    abstain: int,
    eligible: int,
    threshold: int | Fraction,
    basis: str,
    quorum: int | Fraction | None = None,
) -> bool:
    """Whether a ballot is carried, in integer arithmetic (no floats).

    ``basis="eligible"``: carried when ``yes ≥ threshold × eligible`` (at 50 %: ``2·yes ≥
    eligible``). ``basis="cast"``: the votes cast (for, against and abstain) must reach the
    ``quorum`` share of the eligible members, and ``yes ≥ threshold × (yes + against)``.
    Nobody eligible, or no yes vote at all, never carries.
    """
    if min(yes, against, abstain, eligible) < 0:
        raise ValueError("counts cannot be negative")
    if yes + against + abstain > eligible:
        raise ValueError("more votes than eligible voters")
    t = _fraction(threshold)
    if eligible == 0 or yes == 0:
        return False
    if basis == BASIS_ELIGIBLE:
        return yes * t.denominator >= t.numerator * eligible
    if basis == BASIS_CAST:
        if quorum is not None:
            q = _fraction(quorum)
            if (yes + against + abstain) * q.denominator < q.numerator * eligible:
                return False
        return yes * t.denominator >= t.numerator * (yes + against)
    raise ValueError(f"unknown basis {basis!r}")


# --- dates --------------------------------------------------------------------------------


def response_due_on(*, sent_on: datetime.date, weeks: int) -> datetime.date:
    """The date by which the college should have responded: ``weeks`` weeks (a council
    setting) after the letter was sent. The response is late from the day after
    (docs/rules.md, D18)."""
    return sent_on + datetime.timedelta(weeks=weeks)


def response_is_overdue(
    *, sent_on: datetime.date | None, answered: bool, today: datetime.date, weeks: int
) -> bool:
    """A sent advice without a registered response is overdue after its due date."""
    if sent_on is None or answered:
        return False
    return today > response_due_on(sent_on=sent_on, weeks=weeks)


def response_overdue_if_sent_before(*, today: datetime.date, weeks: int) -> datetime.date:
    """:func:`response_is_overdue` for a query: on ``today`` an unanswered advice is overdue
    exactly when it was sent (its local date) before the returned day."""
    # today > sent_on + weeks  ⇔  sent_on < today - weeks
    return today - datetime.timedelta(weeks=weeks)


def contact_erase_if_received_before(*, today: datetime.date, retention_days: int) -> datetime.date:
    """A resident's contact details are kept ``retention_days`` days (a council setting) after
    the signal was received, no longer (docs/rules.md, D14, S22): on ``today`` the details of every
    signal received (its local date) before the returned day are erased."""
    return today - datetime.timedelta(days=retention_days)


def deadline_window(*, today: datetime.date, weeks: int) -> tuple[datetime.date, datetime.date]:
    """A deadline is near when it falls from ``today`` to ``weeks`` weeks later, both
    included: the first and the last day of that window."""
    return today, today + datetime.timedelta(weeks=weeks)


# --- what a user may do with an advice -------------------------------------------------------

MANAGE = "adviezen.manage_advice"
APPROVE = "adviezen.approve_advice"
WRITE = "adviezen.write_advice"
BALLOT = "adviezen.manage_ballot"
COMMENT = "adviezen.comment_advice"
VIEW_INTERNAL = "adviezen.view_internal"
CONSULT = "adviezen.consult_advice"
#: every permission the rules below read
ADVICE_PERMISSIONS = (MANAGE, APPROVE, WRITE, BALLOT, COMMENT, VIEW_INTERNAL, CONSULT)

#: the steps with a plain button (the others have their own page or service)
MANUAL_STEPS = (PREPARATION, CONSULTATION, DRAFT, WITHDRAWN)
#: a new version may be written
TEXT_OPEN = (PREPARATION, DRAFT, CONSULTATION)


def text_may_change(status: str) -> bool:
    """A new version can be written in preparation, as a draft and in consultation; never
    during a vote or once the advice is approved."""
    return status in TEXT_OPEN


def may_comment(*, status: str, perms: Collection[str]) -> bool:
    """Members comment on a draft while it is being written (preparation to voting); policy
    advisors only while it is in consultation (docs/rules.md, D1)."""
    if COMMENT not in perms:
        return False
    if VIEW_INTERNAL in perms:
        return status in DRAFTING
    return CONSULT in perms and status == CONSULTATION


@dataclass(frozen=True)
class AdviceFacts:
    """What the actions on an advice depend on, as plain values."""

    status: str
    formal: bool
    has_versions: bool
    signed: bool
    #: the letter went out (``sent_at`` is set), not only asked to
    sent: bool
    #: the college's response is registered
    answered: bool
    #: the statuses the advice's ``TRANSITIONS`` table allows from here
    next_statuses: frozenset[str]


@dataclass(frozen=True)
class AdviceActions:
    """The buttons a user gets on an advice."""

    write: bool = False
    open_ballot: bool = False
    steps: tuple[str, ...] = ()
    approve: bool = False
    sign: bool = False
    send: bool = False
    publish: bool = False
    respond: bool = False


def advice_actions(*, facts: AdviceFacts, perms: Collection[str]) -> AdviceActions:
    """What a user with ``perms`` may do with an advice in the state ``facts``
    (docs/rules.md, D1, D15-D18).

    - write a new version: writers, while :func:`text_may_change`;
    - open a ballot: the chair and secretary, on a draft or in consultation with a version;
    - the plain steps (preparation, consultation, back to draft, withdraw) the table allows:
      the secretary and the chair, never while a vote is open;
    - approve on the chair's own authority: the chair, when the table allows approval and
      there is a version;
    - sign: the chair, an approved formal advice, once;
    - send to the college: the secretary, an approved formal advice (the service asks for the
      signature);
    - publish: the secretary, a formal advice once its letter went out, or an approved
      informal recommendation;
    - register the college's response: the secretary, a sent or published formal advice
      without one.
    """
    manage, chair = MANAGE in perms, APPROVE in perms
    status = facts.status
    return AdviceActions(
        write=WRITE in perms and text_may_change(status),
        open_ballot=BALLOT in perms and status in (DRAFT, CONSULTATION) and facts.has_versions,
        steps=tuple(s for s in MANUAL_STEPS if s in facts.next_statuses)
        if (manage or chair) and status != VOTING
        else (),
        approve=chair and APPROVED in facts.next_statuses and facts.has_versions,
        sign=chair and status == APPROVED and facts.formal and not facts.signed,
        send=manage and status == APPROVED and facts.formal,
        publish=manage
        and ((status == SENT and facts.sent) or (status == APPROVED and not facts.formal)),
        respond=manage and facts.formal and status in (SENT, PUBLISHED) and not facts.answered,
    )


# --- how a ballot's votes are recorded ---------------------------------------------------------

#: every eligible member votes in the app; in a meeting the secretary may record a member's
#: show of hands for them
TALLY_MEMBERS = "members"
#: a show of hands in a meeting of which the secretary records only the counts
TALLY_COUNTS = "counts"


def may_vote_in_app(*, tally: str) -> bool:
    """Members vote in the app unless the secretary records only the counts of a show of hands
    (then a vote in the app could not be told apart from a raised hand, and would count twice)."""
    return tally != TALLY_COUNTS


def hands_may_be_recorded(*, in_meeting: bool, is_open: bool) -> bool:
    """The secretary records a show of hands (per member or the counts) only for a ballot held
    in a meeting, while it is open."""
    return in_meeting and is_open


def counts_fit(*, yes: int, against: int, abstain: int, eligible: int) -> bool:
    """Recorded counts are whole, not negative, and together no more than the eligible voters."""
    return min(yes, against, abstain) >= 0 and yes + against + abstain <= eligible


def yes_needed(*, eligible: int, threshold: int | Fraction) -> int:
    """On the basis *eligible members*: the fewest yes votes that carry (at least one; zero when
    nobody is eligible, as nothing then carries). The same rule as :func:`ballot_is_carried`."""
    if eligible <= 0:
        return 0
    t = _fraction(threshold)
    return max(1, -(-t.numerator * eligible // t.denominator))


# --- closing a ballot, and what the confirmations say ---------------------------------------

OUTCOME_CARRIED = "carried"
OUTCOME_NOT_CARRIED = "not_carried"


def ballot_may_close(*, tally: str, counts_recorded: bool) -> bool:
    """A ballot whose show of hands is recorded as counts closes only once the counts are in;
    any other open ballot may close at any time (docs/rules.md, D17)."""
    return tally != TALLY_COUNTS or counts_recorded


def ballot_outcome(
    *,
    yes: int,
    against: int,
    abstain: int,
    eligible: int,
    threshold: int,
    basis: str,
    quorum: int,
) -> str:
    """What closing with these votes decides: :func:`ballot_is_carried` with the rule as it
    stood at opening, as ``OUTCOME_CARRIED`` (the advice becomes *vastgesteld*) or
    ``OUTCOME_NOT_CARRIED`` (back to *concept*)."""
    carried = ballot_is_carried(
        yes=yes,
        against=against,
        abstain=abstain,
        eligible=eligible,
        threshold=threshold,
        basis=basis,
        quorum=quorum,
    )
    return OUTCOME_CARRIED if carried else OUTCOME_NOT_CARRIED


def letter_may_be_sent(*, signed: bool) -> bool:
    """Only a letter the chair signed goes to the college (docs/rules.md, D18)."""
    return signed
