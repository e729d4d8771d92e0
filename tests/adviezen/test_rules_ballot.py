"""The ballot rule on both sides of each boundary (docs/rules.md, D16, S16).

``make mutation MODULE=adviezen/rules.py`` found these cases open: a vote count that was not
checked, abstentions that did not count towards the quorum, a threshold read out of a
hundred and one.
"""

from fractions import Fraction

import pytest

from adviezen import rules


def carried(**kw):
    base = {"yes": 0, "against": 0, "abstain": 0, "threshold": 50, "basis": "eligible"}
    return rules.ballot_is_carried(**{**base, **kw})


def test_the_threshold_at_exactly_half_carries_and_one_short_does_not():
    assert carried(yes=5, against=5, eligible=10)
    assert not carried(yes=4, against=6, eligible=10)
    assert carried(yes=5, against=4, eligible=9)
    assert not carried(yes=4, against=5, eligible=9)


def test_the_threshold_is_a_percentage_of_a_hundred():
    # 50 of 101 is just short of half; read as 50/101 it would carry
    assert not carried(yes=50, against=51, eligible=101)
    assert carried(yes=51, against=50, eligible=101)
    assert carried(yes=50, against=51, eligible=101, threshold=Fraction(50, 101))


@pytest.mark.parametrize("field", ["yes", "against", "abstain", "eligible"])
def test_a_negative_count_is_refused(field):
    counts = {"yes": 1, "against": 1, "abstain": 1, "eligible": 5, field: -1}
    with pytest.raises(ValueError, match="^counts cannot be negative$"):
        rules.ballot_is_carried(**counts, threshold=50, basis="eligible")


@pytest.mark.parametrize(
    ("yes", "against", "abstain"), [(1, 1, 1), (3, 0, 0), (0, 3, 0), (0, 0, 3), (2, 0, 1)]
)
def test_more_votes_than_eligible_voters_are_refused(yes, against, abstain):
    with pytest.raises(ValueError, match="^more votes than eligible voters$"):
        carried(yes=yes, against=against, abstain=abstain, eligible=2)


def test_abstaining_is_not_voting_yes():
    assert not carried(yes=4, abstain=6, eligible=10)
    assert not carried(yes=0, abstain=3, eligible=3, basis="cast")


def test_only_abstentions_never_carry_on_the_votes_cast():
    # yes ≥ threshold × (yes + against) would hold at 0 ≥ 0: no yes vote never carries
    assert not carried(yes=0, against=0, abstain=3, eligible=5, basis="cast")
    assert not carried(yes=0, against=0, abstain=3, eligible=5, basis="cast", quorum=50)


def test_abstentions_count_towards_the_quorum():
    # 3 yes and 2 abstentions are 5 of 10 votes cast: the quorum of half is reached
    assert carried(yes=3, abstain=2, eligible=10, basis="cast", quorum=50)
    assert not carried(yes=3, abstain=1, eligible=10, basis="cast", quorum=50)


@pytest.mark.parametrize("threshold", [True, 50.0, "50"])
def test_a_threshold_must_be_a_whole_percentage_or_a_fraction(threshold):
    with pytest.raises(TypeError, match="^threshold must be an int percentage or a Fraction$"):
        carried(yes=1, eligible=1, threshold=threshold)


def test_an_unknown_basis_is_refused():
    with pytest.raises(ValueError, match="^unknown basis 'majority'$"):
        carried(yes=1, eligible=1, basis="majority")
