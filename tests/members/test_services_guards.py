"""The members services' guards, each on both sides: who may be deactivated, whose address
may be taken, which dates a membership and a term accept, and the chair's own seats."""

import datetime

import pytest

from members import services
from members.models import Term
from members.selectors import council_settings_get
from members.services import MemberError
from tests.factories.members import (
    MembershipFactory,
    TermFactory,
    UserFactory,
    WorkingGroupFactory,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.django_db


def test_nobody_deactivates_their_own_account(secretary):
    with pytest.raises(MemberError, match="jezelf"):
        services.member_deactivate(member=secretary, by=secretary)
    secretary.refresh_from_db()
    assert secretary.is_active


def test_the_system_may_deactivate_an_account(member):
    services.member_deactivate(member=member, by=None)
    member.refresh_from_db()
    assert not member.is_active


def test_an_address_another_person_has_is_refused_whatever_its_case(secretary, member):
    other = UserFactory(email="bezet@test.example")
    with pytest.raises(MemberError) as refused:
        services.member_update(
            member=member, by=secretary, data={"email": " BEZET@test.example "}, role_names=[]
        )
    assert refused.value.field == "email"
    member.refresh_from_db()
    assert member.email != other.email


def test_a_person_keeps_their_own_address_in_another_case(secretary, member):
    services.member_update(
        member=member,
        by=secretary,
        data={"email": member.email.upper()},
        role_names=member.role_names(),
    )
    member.refresh_from_db()
    assert member.email == member.email.lower()


@pytest.mark.parametrize(("end", "accepted"), [(-1, False), (0, True), (1, True)])
def test_a_membership_may_end_on_its_first_day_but_not_before(member, end, accepted):
    group, start = WorkingGroupFactory(), D(2026, 3, 1)
    if not accepted:
        with pytest.raises(MemberError):
            services.membership_add(
                group=group, member=member, by=None, start=start, end=start + end * DAY
            )
        return
    m = services.membership_add(
        group=group, member=member, by=None, start=start, end=start + end * DAY
    )
    assert m.end == start + end * DAY


@pytest.mark.parametrize(("end", "accepted"), [(-1, False), (0, True), (1, True)])
def test_ending_a_membership_on_its_first_day_is_allowed_the_day_before_is_not(end, accepted):
    membership = MembershipFactory(start=D(2026, 3, 1), end=None)
    day = membership.start + end * DAY
    if accepted:
        services.membership_end(membership=membership, by=None, end=day)
        membership.refresh_from_db()
        assert membership.end == day
    else:
        with pytest.raises(MemberError):
            services.membership_end(membership=membership, by=None, end=day)
        membership.refresh_from_db()
        assert membership.end is None


@pytest.mark.parametrize(("end", "accepted"), [(-1, False), (0, True)])
def test_a_term_may_end_on_its_first_day_but_not_before(member, end, accepted):
    start = D(2026, 3, 1)
    if accepted:
        term = services.term_create(member=member, by=None, start=start, end=start + end * DAY)
        assert term.end == start
    else:
        with pytest.raises(MemberError, match="vóór het begin"):
            services.term_create(member=member, by=None, start=start, end=start + end * DAY)
        assert not Term.objects.filter(member=member).exists()


def test_a_second_chair_is_refused_while_member_seats_are_free():
    cs = council_settings_get()
    cs.max_chairs, cs.max_members = 1, 9
    cs.save()
    TermFactory(role=Term.Role.CHAIR, start=D(2026, 1, 1), end=D(2029, 12, 31))
    newcomer = UserFactory()
    with pytest.raises(MemberError, match="zetels"):
        services.term_create(member=newcomer, by=None, start=D(2026, 6, 1), role=Term.Role.CHAIR)
    assert services.term_create(member=newcomer, by=None, start=D(2026, 6, 1)).role == "member"


def test_a_term_fits_beside_one_that_starts_during_it_while_a_seat_is_free():
    cs = council_settings_get()
    cs.max_members = 2
    cs.save()
    TermFactory(start=D(2027, 1, 1), end=D(2030, 12, 31))  # starts inside the new term
    term = services.term_create(member=UserFactory(), by=None, start=D(2026, 1, 1))
    assert term.start == D(2026, 1, 1)
