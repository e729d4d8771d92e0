import datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adviezen.models import Advice
from adviezen.rules import (
    APPROVE,
    BALLOT,
    COMMENT,
    CONSULT,
    MANAGE,
    VIEW_INTERNAL,
    WRITE,
    AdviceActions,
    AdviceFacts,
    advice_actions,
    ballot_is_carried,
    contact_erase_if_received_before,
    deadline_window,
    may_comment,
    response_due_on,
    response_is_overdue,
    response_overdue_if_sent_before,
    text_may_change,
)


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


# --- the college's response, contact retention, deadlines ------------------------------------

D = datetime.date


@pytest.mark.parametrize(
    ("sent_on", "today", "overdue"),
    [
        (D(2025, 3, 31), D(2025, 5, 12), False),  # due today (6 weeks)
        (D(2025, 3, 31), D(2025, 5, 13), True),  # the day after
        (D(2025, 3, 30), D(2025, 5, 12), True),
        (None, D(2025, 5, 12), False),  # not sent
    ],
)
def test_response_is_overdue_from_the_day_after_it_was_due(sent_on, today, overdue):
    assert response_is_overdue(sent_on=sent_on, answered=False, today=today, weeks=6) is overdue
    assert response_is_overdue(sent_on=sent_on, answered=True, today=today, weeks=6) is False


def test_response_due_on_counts_whole_weeks():
    assert response_due_on(sent_on=D(2025, 3, 31), weeks=6) == D(2025, 5, 12)
    assert response_due_on(sent_on=D(2025, 3, 31), weeks=0) == D(2025, 3, 31)


@given(
    sent_on=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)),
    today=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)),
    weeks=st.integers(min_value=0, max_value=52),
)
def test_the_overdue_query_cutoff_agrees_with_the_rule(sent_on, today, weeks):
    """The reminders and the selector filter with the cutoff: the same advices, always."""
    before = response_overdue_if_sent_before(today=today, weeks=weeks)
    assert (sent_on < before) is response_is_overdue(
        sent_on=sent_on, answered=False, today=today, weeks=weeks
    )


@pytest.mark.parametrize(
    ("received_on", "erased"),
    [(D(2024, 5, 12), False), (D(2024, 5, 11), True), (D(2025, 5, 12), False)],
)
def test_contact_details_are_kept_exactly_the_retention_period(received_on, erased):
    before = contact_erase_if_received_before(today=D(2025, 5, 12), retention_days=365)
    assert (received_on < before) is erased


def test_deadline_window_includes_both_ends():
    assert deadline_window(today=D(2025, 5, 12), weeks=2) == (D(2025, 5, 12), D(2025, 5, 26))


# --- what a user may do with an advice -------------------------------------------------------

SECRETARY = {MANAGE, BALLOT, WRITE, COMMENT, VIEW_INTERNAL}
CHAIR = {APPROVE, BALLOT, WRITE, COMMENT, VIEW_INTERNAL}
MEMBER = {WRITE, COMMENT, VIEW_INTERNAL}
ADVISOR = {CONSULT, COMMENT}


def facts(status, *, kind="formal", versions=True, signed=False, sent=False, answered=False):
    """The facts of an advice in ``status``, with its real transitions table."""
    advice = Advice(status=status, kind=kind)
    return AdviceFacts(
        status=status,
        formal=kind == "formal",
        has_versions=versions,
        signed=signed,
        sent=sent,
        answered=answered,
        next_statuses=frozenset(s for s in Advice.Status.values if advice.can_transition_to(s)),
    )


A = AdviceActions
EVERY_STATUS = [
    # status, the secretary's actions, the chair's actions (formal advice with a version)
    ("requested", A(steps=("preparation", "withdrawn")), A(steps=("preparation", "withdrawn"))),
    ("initiated", A(steps=("preparation", "withdrawn")), A(steps=("preparation", "withdrawn"))),
    (
        "preparation",
        A(write=True, steps=("draft", "withdrawn")),
        A(write=True, steps=("draft", "withdrawn")),
    ),
    (
        "draft",
        A(write=True, open_ballot=True, steps=("consultation", "withdrawn")),
        A(write=True, open_ballot=True, steps=("consultation", "withdrawn"), approve=True),
    ),
    (
        "consultation",
        A(write=True, open_ballot=True, steps=("draft", "withdrawn")),
        A(write=True, open_ballot=True, steps=("draft", "withdrawn"), approve=True),
    ),
    ("voting", A(), A(approve=True)),
    ("approved", A(steps=("withdrawn",), send=True), A(steps=("withdrawn",), sign=True)),
    ("sent", A(respond=True), A()),
    ("published", A(respond=True), A()),
    ("withdrawn", A(), A()),
]


def test_the_rules_name_the_models_statuses():
    """The rules read plain values; their status names are the model's."""
    from adviezen import rules

    named = {
        getattr(rules, name.upper())
        for name in Advice.Status.values
        if hasattr(rules, name.upper())
    }
    assert named == set(Advice.Status.values)
    assert set(rules.DRAFTING) == set(Advice.DRAFTING)
    assert set(rules.MANUAL_STEPS) <= set(Advice.Status.values)


def test_every_status_is_in_the_table():
    assert sorted(row[0] for row in EVERY_STATUS) == sorted(Advice.Status.values)


@pytest.mark.parametrize(("status", "secretary", "chair"), EVERY_STATUS)
def test_advice_actions_on_every_status(status, secretary, chair):
    assert advice_actions(facts=facts(status), perms=SECRETARY) == secretary
    assert advice_actions(facts=facts(status), perms=CHAIR) == chair


@pytest.mark.parametrize("status", Advice.Status.values)
def test_members_only_write_and_advisors_do_nothing(status):
    member = advice_actions(facts=facts(status), perms=MEMBER)
    assert member == A(write=status in ("preparation", "draft", "consultation"))
    assert advice_actions(facts=facts(status), perms=ADVISOR) == A()


def test_without_a_version_no_ballot_and_no_approval():
    for status in ("draft", "consultation"):
        assert not advice_actions(facts=facts(status, versions=False), perms=CHAIR).open_ballot
        assert not advice_actions(facts=facts(status, versions=False), perms=CHAIR).approve


def test_a_formal_advice_is_published_only_once_its_letter_went_out():
    assert not advice_actions(facts=facts("sent", sent=False), perms=SECRETARY).publish
    assert advice_actions(facts=facts("sent", sent=True), perms=SECRETARY).publish
    assert not advice_actions(facts=facts("approved"), perms=SECRETARY).publish


def test_an_approved_informal_recommendation_is_published_not_signed_or_sent():
    informal = facts("approved", kind="informal")
    assert advice_actions(facts=informal, perms=SECRETARY) == A(steps=("withdrawn",), publish=True)
    assert advice_actions(facts=informal, perms=CHAIR) == A(steps=("withdrawn",))
    assert not advice_actions(facts=facts("sent", kind="informal"), perms=SECRETARY).respond


def test_signing_and_the_response_happen_once():
    assert not advice_actions(facts=facts("approved", signed=True), perms=CHAIR).sign
    assert not advice_actions(facts=facts("published", answered=True), perms=SECRETARY).respond


@pytest.mark.parametrize("status", Advice.Status.values)
def test_text_changes_only_while_drafting_outside_a_vote(status):
    assert text_may_change(status) is (status in ("preparation", "draft", "consultation"))


@pytest.mark.parametrize("status", Advice.Status.values)
def test_who_may_comment(status):
    drafting = status in ("preparation", "draft", "consultation", "voting")
    assert may_comment(status=status, perms=MEMBER) is drafting
    assert may_comment(status=status, perms=ADVISOR) is (status == "consultation")
    assert may_comment(status=status, perms={VIEW_INTERNAL}) is False
    assert may_comment(status=status, perms={CONSULT}) is False
