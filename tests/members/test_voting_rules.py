"""Who may vote on an advice (docs/rules.md, D16): ``members.rules.may_vote``."""

import pytest

from members import rules


@pytest.mark.parametrize(
    ("role_names", "votes"),
    [
        (["Leden"], True),
        (["Voorzitter", "Leden"], True),
        (["Voorzitter"], True),  # the chair votes
        (["Penningmeester", "Leden"], True),  # a treasurer votes as a member
        (["Penningmeester"], False),  # treasurer-only
        (["Secretariaat"], False),
        (["Secretariaat", "Leden"], False),  # the secretary never votes
        (["Bestuursadviseurs"], False),
        (["Bestuursadviseurs", "Leden"], False),  # nor a policy advisor
        ([], False),
    ],
)
def test_who_may_vote(role_names, votes):
    assert rules.may_vote(term_covers_day=True, role_names=role_names) is votes
    assert rules.may_vote(term_covers_day=False, role_names=role_names) is False
