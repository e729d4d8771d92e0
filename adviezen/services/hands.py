"""A show of hands in a meeting, recorded by the secretary (issue 13, defect 9; docs/rules.md,
D16, D17).

A ballot held in a meeting is counted by hand in one of two ways, chosen when it opens
(``Ballot.tally``):

- *per lid*: the secretary records each member's raised hand as that member's vote (a member
  may also vote in the app; the last one counts, one vote per member as always);
- *alleen de aantallen*: the secretary records the numbers for, against and abstain; nobody
  votes in the app (``rules.may_vote_in_app``).

Either way the ballot closes with the same rule (``rules.ballot_is_carried`` with the
council's threshold, basis and quorum as they stood at opening), and every recording is in the
audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked

from .. import rules
from ..models import Ballot, BallotVoter, Vote
from .common import AdviceError, require


def _open_meeting_ballot(ballot: Ballot, by: Any) -> Ballot:
    require(by, "adviezen.manage_ballot")
    ballot = locked(ballot)
    if not rules.hands_may_be_recorded(
        in_meeting=ballot.meeting_id is not None, is_open=ballot.is_open
    ):
        if not ballot.is_open:
            raise AdviceError(_("Deze stemming is gesloten; er valt niets meer vast te leggen."))
        raise AdviceError(_("Een handopsteking hoort bij een stemming in een vergadering."))
    return ballot


@transaction.atomic
def ballot_counts_record(
    *, ballot: Ballot, by: Any, yes: int, against: int, abstain: int
) -> Ballot:
    """The secretary records the counts of a show of hands (a ballot counted as numbers). They
    may be corrected until the ballot closes; together they are at most the eligible voters
    (``rules.counts_fit``)."""
    ballot = _open_meeting_ballot(ballot, by)
    if ballot.tally != Ballot.Tally.COUNTS:
        raise AdviceError(_("Bij deze stemming leg je per lid de stem vast, geen aantallen."))
    if not rules.counts_fit(
        yes=yes, against=against, abstain=abstain, eligible=ballot.eligible_count
    ):
        raise AdviceError(
            _(
                "Samen zijn dat meer stemmen dan er stemgerechtigden zijn (%(n)s). Tel de handen "
                "opnieuw."
            )
            % {"n": ballot.eligible_count},
            field="yes",
        )
    ballot.yes_count, ballot.against_count, ballot.abstain_count = yes, against, abstain
    ballot.counts_recorded_at = timezone.now()
    ballot.save()
    audit_record(
        actor=by,
        action="ballot.counts_recorded",
        obj=ballot.advice,
        data={"ballot": ballot.pk, "yes": yes, "against": against, "abstain": abstain},
    )
    return ballot


@transaction.atomic
def ballot_hands_record(*, ballot: Ballot, by: Any, choices: Mapping[int, str]) -> int:
    """The secretary records the raised hands per member: ``{member id: choice}`` for the
    members who voted (others are left as they are). Only eligible voters of this ballot, only
    for, against or abstain; one vote per member (a recorded hand replaces an earlier vote).
    Returns how many votes were recorded or changed."""
    ballot = _open_meeting_ballot(ballot, by)
    if ballot.tally != Ballot.Tally.MEMBERS:
        raise AdviceError(_("Bij deze stemming leg je alleen de aantallen vast."))
    if any(choice not in Vote.Choice.values for choice in choices.values()):
        raise AdviceError(_("Kies voor, tegen of onthouding."))
    eligible = set(
        BallotVoter.objects.filter(ballot=ballot, member_id__in=list(choices)).values_list(
            "member_id", flat=True
        )
    )
    if eligible != set(choices):
        raise AdviceError(_("Alleen de stemgerechtigden van deze stemming kunnen stemmen."))
    current = dict(
        Vote.objects.filter(ballot=ballot, member_id__in=list(choices)).values_list(
            "member_id", "choice"
        )
    )
    changed = 0
    for member_id, choice in sorted(choices.items()):
        if current.get(member_id) == choice:
            continue
        Vote.objects.update_or_create(
            ballot=ballot, member_id=member_id, defaults={"choice": choice}
        )
        audit_record(
            actor=by,
            action="vote.recorded",
            obj=ballot.advice,
            data={"ballot": ballot.pk, "member": member_id},
        )
        changed += 1
    return changed
