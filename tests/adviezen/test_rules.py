from fractions import Fraction

import pytest

from adviezen.rules import ballot_is_carried


@pytest.mark.parametrize(
    "yes,against,abstain,eligible,expected",
    [
        (0, 0, 0, 0, False),  # nobody eligible
        (5, 5, 0, 10, True),  # exactly half carries
        (4, 5, 1, 10, False),  # one short
        (0, 0, 10, 10, False),  # all abstain
        (5, 0, 0, 9, True),  # 2*5 >= 9
        (4, 0, 5, 9, False),  # 2*4 < 9, abstentions are not yes
        (1, 0, 0, 1, True),
    ],
)
def test_ballot_is_carried_on_eligible_basis_boundaries(yes, against, abstain, eligible, expected):
    assert (
        ballot_is_carried(
            yes=yes,
            against=against,
            abstain=abstain,
            eligible=eligible,
            threshold=50,
            basis="eligible",
        )
        is expected
    )


def test_threshold_as_fraction_matches_percentage():
    for yes in range(0, 11):
        a = ballot_is_carried(
            yes=yes, against=0, abstain=0, eligible=10, threshold=50, basis="eligible"
        )
        b = ballot_is_carried(
            yes=yes, against=0, abstain=0, eligible=10, threshold=Fraction(1, 2), basis="eligible"
        )
        assert a is b


@pytest.mark.parametrize(
    "yes,against,abstain,eligible,quorum,expected",
    [
        (2, 2, 0, 10, 50, False),  # quorum not reached
        (3, 2, 0, 10, 50, True),  # quorum reached, majority of cast
        (2, 3, 0, 10, 50, False),
        (3, 3, 0, 10, 50, True),  # tie carries at an inclusive 50 %
    ],
)
def test_ballot_is_carried_on_cast_basis_with_quorum(
    yes, against, abstain, eligible, quorum, expected
):
    assert (
        ballot_is_carried(
            yes=yes,
            against=against,
            abstain=abstain,
            eligible=eligible,
            threshold=50,
            basis="cast",
            quorum=quorum,
        )
        is expected
    )


def test_float_threshold_is_refused():
    with pytest.raises(TypeError):
        ballot_is_carried(yes=1, against=0, abstain=0, eligible=2, threshold=0.5, basis="eligible")
