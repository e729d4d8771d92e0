"""The pure rules on roles and log-in (issue 14): incompatible roles, a required second factor."""

import pytest

from members import rules

PAIRS = [("Secretariaat", "Penningmeester")]


@pytest.mark.parametrize(
    ("held", "conflicts"),
    [
        ([], []),
        (["Secretariaat"], []),
        (["Penningmeester", "Leden"], []),
        (["Secretariaat", "Voorzitter", "Leden"], []),
        (["Penningmeester", "Secretariaat"], [("Secretariaat", "Penningmeester")]),
        (["Leden", "Secretariaat", "Penningmeester"], [("Secretariaat", "Penningmeester")]),
    ],
)
def test_role_conflicts(held, conflicts):
    assert rules.role_conflicts(held, incompatible=PAIRS) == conflicts


@pytest.mark.parametrize(
    ("held", "council_requires", "required"),
    [
        (["Secretariaat"], True, True),
        (["Voorzitter", "Leden"], True, True),
        (["Penningmeester"], True, True),
        (["Leden"], True, False),
        (["Bestuursadviseurs"], True, False),
        ([], True, False),
        (["Secretariaat"], False, False),
    ],
)
def test_second_factor_required(held, council_requires, required):
    need = {"Secretariaat", "Voorzitter", "Penningmeester"}
    assert (
        rules.second_factor_required(
            role_names=held, council_requires=council_requires, roles_that_need_it=need
        )
        is required
    )
