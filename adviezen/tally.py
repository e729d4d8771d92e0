"""Counting a ballot: the votes members cast in the app (or the secretary recorded for them
from a show of hands), or the counts the secretary recorded for a show of hands
(``Ballot.tally``, docs/rules.md, D16, D17). The closing service, the confirmation page and the
voting page count the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import Ballot, BallotVoter, Vote


@dataclass(frozen=True)
class Tally:
    yes: int
    against: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.yes + self.against + self.abstain


def ballot_tally(ballot: Ballot) -> Tally:
    """The votes of ``ballot`` so far: the recorded counts of a show of hands counted as
    numbers (no query), otherwise its ``Vote`` rows (one query)."""
    if ballot.tally == Ballot.Tally.COUNTS:
        return Tally(ballot.yes_count, ballot.against_count, ballot.abstain_count)
    counts = {c: 0 for c in Vote.Choice.values}
    for choice in Vote.objects.filter(ballot=ballot).values_list("choice", flat=True):
        counts[choice] += 1
    return Tally(counts["yes"], counts["against"], counts["abstain"])


def ballot_hands(ballot: Ballot) -> list[tuple[Any, str]]:
    """The eligible voters of ``ballot`` with their vote so far (``""`` for none), by name:
    the secretary's form for recording a show of hands per member (two queries)."""
    votes = dict(Vote.objects.filter(ballot=ballot).values_list("member_id", "choice"))
    voters = (
        BallotVoter.objects.filter(ballot=ballot)
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "member_id")
    )
    return [(v.member, votes.get(v.member_id, "")) for v in voters]
