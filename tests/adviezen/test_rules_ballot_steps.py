"""The rules behind a show of hands and the confirmation pages (docs/rules.md, D16-D18)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adviezen.rules import (
    OUTCOME_CARRIED,
    OUTCOME_NOT_CARRIED,
    TALLY_COUNTS,
    TALLY_MEMBERS,
    ballot_is_carried,
    ballot_may_close,
    ballot_outcome,
    counts_fit,
    hands_may_be_recorded,
    letter_may_be_sent,
    may_vote_in_app,
    yes_needed,
)


@pytest.mark.parametrize(
    ("eligible", "threshold", "needed"),
    [
        (0, 50, 0),  # nobody eligible: nothing carries
        (1, 50, 1),
        (9, 50, 5),  # 2 × 5 ≥ 9, 2 × 4 < 9
        (10, 50, 5),  # exactly half carries
        (9, 67, 7),  # 6.03 rounds up
        (3, 1, 1),
        (5, 0, 1),  # a threshold of 0 still needs one yes: no yes vote never carries
        (10, 100, 10),
    ],
)
def test_yes_needed_on_its_boundaries(eligible, threshold, needed):
    assert yes_needed(eligible=eligible, threshold=threshold) == needed


@given(eligible=st.integers(1, 40), threshold=st.integers(1, 100))
def test_yes_needed_is_the_fewest_yes_votes_that_carry(eligible, threshold):
    needed = yes_needed(eligible=eligible, threshold=threshold)

    def carried(yes):
        return ballot_is_carried(
            yes=yes, against=0, abstain=0, eligible=eligible, threshold=threshold, basis="eligible"
        )

    assert carried(needed)
    assert needed == 1 or not carried(needed - 1)


@pytest.mark.parametrize(
    ("yes", "against", "abstain", "eligible", "outcome"),
    [
        (5, 4, 0, 10, OUTCOME_CARRIED),  # exactly half
        (4, 0, 6, 10, OUTCOME_NOT_CARRIED),  # one short; abstaining is not yes
        (0, 0, 0, 3, OUTCOME_NOT_CARRIED),
    ],
)
def test_ballot_outcome_is_the_ballot_rule(yes, against, abstain, eligible, outcome):
    assert (
        ballot_outcome(
            yes=yes,
            against=against,
            abstain=abstain,
            eligible=eligible,
            threshold=50,
            basis="eligible",
            quorum=50,
        )
        == outcome
    )


def test_ballot_outcome_follows_the_basis_and_quorum():
    # 3 for, 1 against of 10: carried on votes cast with a 40 % quorum, not with 50 %
    kw = {"yes": 3, "against": 1, "abstain": 0, "eligible": 10, "threshold": 50, "basis": "cast"}
    assert ballot_outcome(**kw, quorum=40) == OUTCOME_CARRIED
    assert ballot_outcome(**kw, quorum=50) == OUTCOME_NOT_CARRIED


def test_members_vote_in_the_app_unless_the_hands_are_counted():
    assert may_vote_in_app(tally=TALLY_MEMBERS) is True
    assert may_vote_in_app(tally=TALLY_COUNTS) is False


@pytest.mark.parametrize(
    ("in_meeting", "is_open", "allowed"),
    [(True, True, True), (False, True, False), (True, False, False), (False, False, False)],
)
def test_a_show_of_hands_is_recorded_only_in_an_open_meeting_ballot(in_meeting, is_open, allowed):
    assert hands_may_be_recorded(in_meeting=in_meeting, is_open=is_open) is allowed


@pytest.mark.parametrize(
    ("yes", "against", "abstain", "eligible", "fits"),
    [
        (3, 3, 3, 9, True),  # everyone
        (4, 3, 3, 9, False),  # one hand too many
        (0, 0, 0, 9, True),
        (-1, 0, 0, 9, False),
        (2, -1, 0, 9, False),  # each count on its own: against
        (2, 0, -1, 9, False),  # and abstain
        (0, 0, 0, 0, True),
    ],
)
def test_recorded_counts_fit_the_eligible_voters(yes, against, abstain, eligible, fits):
    assert counts_fit(yes=yes, against=against, abstain=abstain, eligible=eligible) is fits


def test_a_counted_show_of_hands_closes_only_once_the_counts_are_in():
    assert ballot_may_close(tally=TALLY_COUNTS, counts_recorded=False) is False
    assert ballot_may_close(tally=TALLY_COUNTS, counts_recorded=True) is True
    assert ballot_may_close(tally=TALLY_MEMBERS, counts_recorded=False) is True


def test_only_a_signed_letter_is_sent():
    assert letter_may_be_sent(signed=True) is True
    assert letter_may_be_sent(signed=False) is False
