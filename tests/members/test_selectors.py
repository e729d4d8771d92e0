"""The members selectors apply the rules on their boundaries: first and last day count."""

import datetime

import pytest

from members import selectors
from tests.factories.members import MembershipFactory, TermFactory, UserFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "current"),
    [
        (D(2025, 12, 31), False),
        (D(2026, 1, 1), True),
        (D(2026, 1, 31), True),
        (D(2026, 2, 1), False),
    ],
)
def test_a_temporary_membership_is_current_from_its_first_to_its_last_day(day, current):
    m = MembershipFactory(start=D(2026, 1, 1), end=D(2026, 1, 31))
    group = selectors.working_group_list(user=m.member, today=day).get(pk=m.group_id)
    assert (m in group.current_memberships) is current
    member = selectors.member_list(user=m.member, today=day).get(pk=m.member_id)
    assert (m in member.current_memberships) is current


def test_a_membership_without_end_stays_current():
    m = MembershipFactory(start=D(2026, 1, 1), end=None)
    group = selectors.working_group_list(user=m.member, today=D(2040, 1, 1)).get(pk=m.group_id)
    assert group.current_memberships == [m]


@pytest.mark.parametrize(
    ("day", "sequence"),
    [(D(2021, 12, 31), None), (D(2022, 1, 1), 1), (D(2025, 12, 31), 1), (D(2026, 1, 1), 2)],
)
def test_the_current_term_covers_its_first_and_last_day(day, sequence):
    person = UserFactory()
    TermFactory(member=person, start=D(2022, 1, 1), end=D(2025, 12, 31), sequence=1)
    TermFactory(member=person, start=D(2026, 1, 1), end=D(2029, 12, 31), sequence=2)
    member = selectors.member_list(user=person).get(pk=person.pk)
    term = selectors.current_term(member, day)
    assert (term.sequence if term else None) == sequence


def test_seat_planning_counts_the_seats_filled_today():
    today = D(2026, 1, 15)
    TermFactory(start=D(2024, 1, 1), end=today)  # last day: still filled
    TermFactory(start=D(2024, 1, 1), end=today - datetime.timedelta(days=1))  # ended yesterday
    TermFactory(start=today + datetime.timedelta(days=1), end=D(2030, 1, 1))  # starts tomorrow
    plan = selectors.seat_planning_get(today=today, months=2)
    assert plan["filled_today"] == 1


@pytest.mark.parametrize(
    ("day", "active"),
    [
        (D(2025, 12, 31), False),
        (D(2026, 1, 1), True),
        (D(2029, 12, 31), True),
        (D(2030, 1, 1), False),
    ],
)
def test_active_members_on_counts_a_term_from_its_first_to_its_last_day(day, active):
    person = UserFactory()
    TermFactory(member=person, start=D(2026, 1, 1), end=D(2029, 12, 31), sequence=1)
    assert (person in selectors.active_members_on(day)) is active


def test_active_members_on_leaves_out_a_deactivated_account():
    person = UserFactory(is_active=False)
    TermFactory(member=person, start=D(2026, 1, 1), end=D(2029, 12, 31), sequence=1)
    assert person not in selectors.active_members_on(D(2026, 6, 1))


def test_member_editable_list_leaves_out_staff_and_superuser_accounts():
    member, staff, admin = UserFactory(), UserFactory(is_staff=True), UserFactory(is_superuser=True)
    editable = set(selectors.member_editable_list(user=member))
    assert member in editable
    assert staff not in editable
    assert admin not in editable
