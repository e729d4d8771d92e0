"""The members selectors behind the directory, the working groups, the seat plan, the voters'
list and the annual report: what each returns, in which order, and in how many queries."""

import datetime

import pytest

from members import roles, selectors
from members.models import CouncilSettings, Term
from tests.factories.members import (
    MembershipFactory,
    TermFactory,
    UserFactory,
    WorkingGroupFactory,
    role_user,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.django_db


# --- council_settings_get -------------------------------------------------------------------


def test_the_council_settings_are_one_row_however_often_they_are_read():
    first = selectors.council_settings_get()
    second = selectors.council_settings_get()
    assert first.pk == second.pk == 1
    assert CouncilSettings.objects.count() == 1


# --- member_list ----------------------------------------------------------------------------


def test_the_directory_is_in_order_of_last_name_then_first_name():
    anna = UserFactory(last_name="Bakker", first_name="Anna")
    zoe = UserFactory(last_name="Aalders", first_name="Zoë")
    aad = UserFactory(last_name="Bakker", first_name="Aad")
    people = [p for p in selectors.member_list(user=anna) if p in (anna, zoe, aad)]
    assert people == [zoe, aad, anna]


def test_the_directory_reads_roles_terms_and_groups_in_four_queries(django_assert_num_queries):
    today = D(2026, 6, 1)
    for _n in range(3):
        person = role_user(roles.MEMBER)
        TermFactory(member=person, start=D(2022, 1, 1), end=D(2025, 12, 31), sequence=1)
        TermFactory(member=person, start=D(2026, 1, 1), end=D(2029, 12, 31), sequence=2)
        MembershipFactory(member=person, start=D(2026, 1, 1), end=None)
    viewer = UserFactory()
    with django_assert_num_queries(4):  # people, groups, terms, memberships with their group
        shown = [
            (p.role_names(), [t.sequence for t in p.terms.all()])
            + tuple(m.group.name for m in p.current_memberships)
            for p in selectors.member_list(user=viewer, today=today)
        ]
    assert sum(1 for row in shown if row[1] == [1, 2]) == 3


# --- working_group_list ---------------------------------------------------------------------


def test_the_working_groups_read_contact_and_members_in_two_queries(django_assert_num_queries):
    for _n in range(3):
        group = WorkingGroupFactory(contact_person=UserFactory())
        MembershipFactory(group=group, start=D(2026, 1, 1))
        MembershipFactory(group=group, start=D(2026, 1, 1))
    viewer = UserFactory()
    with django_assert_num_queries(2):  # groups with their contact, memberships with the member
        names = [
            (g.contact_person.email, [m.member.email for m in g.current_memberships])
            for g in selectors.working_group_list(user=viewer, today=D(2026, 6, 1))
        ]
    assert len(names) == 3 and all(len(members) == 2 for _contact, members in names)


# --- membership_label -----------------------------------------------------------------------


def test_a_temporary_membership_is_labelled_temporary():
    group = WorkingGroupFactory(name="Werk")
    temporary = MembershipFactory(group=group, start=D(2026, 1, 1), end=D(2026, 3, 31))
    permanent = MembershipFactory(group=group, start=D(2026, 1, 1), end=None)
    assert selectors.membership_label(temporary) == "Werk (tijdelijk)"
    assert selectors.membership_label(permanent) == "Werk"


# --- term_spans -----------------------------------------------------------------------------


def test_term_spans_carry_every_field_the_rules_read():
    term = TermFactory(
        role=Term.Role.CHAIR, start=D(2024, 1, 1), end=D(2026, 5, 1), sequence=2, ended_early=True
    )
    (span,) = selectors.term_spans(Term.objects.filter(pk=term.pk))
    assert span == selectors.rules.Span(
        member_id=term.member_id,
        role="chair",
        start=D(2024, 1, 1),
        end=D(2026, 5, 1),
        sequence=2,
        ended_early=True,
    )


# --- seat_planning_get ----------------------------------------------------------------------


def test_the_seat_plan_covers_24_months_unless_asked_otherwise():
    today = D(2026, 1, 15)
    assert len(selectors.seat_planning_get(today=today)["rows"]) == 24
    assert len(selectors.seat_planning_get(today=today, months=3)["rows"]) == 3


def test_the_seat_plan_hands_the_page_the_settings_rows_and_steps():
    today = D(2026, 1, 15)
    cs = selectors.council_settings_get()
    TermFactory(start=D(2024, 1, 1), end=D(2026, 3, 31))
    plan = selectors.seat_planning_get(today=today, months=6)
    assert plan["settings"] == cs
    assert plan["seat_maximum"] == cs.seat_maximum
    assert [row.month for row in plan["rows"]][:2] == [D(2026, 1, 1), D(2026, 2, 1)]
    assert plan["rows"][2].ending == 1  # the term ends in March
    assert plan["steps"] and plan["steps"][0].count >= 1


@pytest.mark.parametrize(("ended", "renewable"), [(1, 1), (2, 0)])
def test_a_term_that_ended_yesterday_is_renewable_one_ended_the_day_before_is_not(ended, renewable):
    """The seat plan reads terms ending from yesterday on (rules.seat_plan: a member whose term
    ended yesterday and may be reappointed is shown apart, not as an empty seat)."""
    today = D(2026, 1, 15)
    TermFactory(start=D(2022, 1, 1), end=today - ended * DAY, sequence=1)
    plan = selectors.seat_planning_get(today=today, months=1)
    assert plan["rows"][0].renewable == renewable


def test_the_seat_plan_leaves_out_a_deactivated_account():
    today = D(2026, 1, 15)
    TermFactory(member=UserFactory(is_active=False), start=D(2024, 1, 1), end=D(2027, 1, 1))
    TermFactory(start=D(2024, 1, 1), end=D(2027, 1, 1))
    assert selectors.seat_planning_get(today=today, months=1)["filled_today"] == 1


# --- voters_on ------------------------------------------------------------------------------


def test_the_voters_are_the_members_and_chair_with_a_term_that_day_by_email():
    day = D(2026, 6, 1)

    def with_term(email, *role_names, start=None):
        person = role_user(*role_names, email=email)
        TermFactory(member=person, start=start or D(2026, 1, 1), end=D(2029, 12, 31))
        return person

    zed = with_term("zed@test.example", roles.MEMBER)
    chair = with_term("chair@test.example", roles.CHAIR)
    with_term("secretary@test.example", roles.SECRETARY, roles.MEMBER)
    with_term("advisor@test.example", roles.ADVISOR)
    with_term("later@test.example", roles.MEMBER, start=day + DAY)
    amy = with_term("amy@test.example", roles.MEMBER)
    assert selectors.voters_on(day) == [amy, chair, zed]
    assert selectors.voters_on(day - datetime.timedelta(days=365)) == []


def test_the_voters_list_reads_the_roles_in_one_query(django_assert_num_queries):
    day = D(2026, 6, 1)
    for _n in range(4):
        TermFactory(member=role_user(roles.MEMBER), start=D(2026, 1, 1), end=D(2029, 12, 31))
    with django_assert_num_queries(2):  # people, their groups
        assert len(selectors.voters_on(day)) == 4


# --- members_joined_and_left ----------------------------------------------------------------


@pytest.fixture
def council_year():
    """Joined in 2026, left by a recorded leaving day, left at a term's end, renewed, left in
    2025, and a chair joining in 2026."""
    joined = UserFactory(email="joined@test.example")
    TermFactory(member=joined, start=D(2026, 3, 1), end=D(2030, 2, 28))
    walked_out = UserFactory(email="walked@test.example", left_on=D(2026, 5, 1))
    TermFactory(member=walked_out, start=D(2024, 1, 1), end=D(2027, 12, 31))
    finished = UserFactory(email="finished@test.example")
    TermFactory(member=finished, start=D(2022, 7, 1), end=D(2026, 6, 30))
    renewed = UserFactory(email="renewed@test.example")
    TermFactory(member=renewed, start=D(2022, 7, 1), end=D(2026, 6, 30), sequence=1)
    TermFactory(member=renewed, start=D(2026, 7, 1), end=D(2030, 6, 30), sequence=2)
    earlier = UserFactory(email="earlier@test.example", left_on=D(2025, 5, 1))
    TermFactory(member=earlier, start=D(2021, 1, 1), end=D(2025, 12, 31))
    chair = UserFactory(email="chair@test.example")
    TermFactory(member=chair, role=Term.Role.CHAIR, start=D(2026, 9, 1), end=D(2030, 8, 31))
    return {
        "joined": joined,
        "walked_out": walked_out,
        "finished": finished,
        "chair": chair,
    }


def test_the_annual_report_lists_who_joined_and_who_left_with_day_and_role(council_year):
    moves = selectors.members_joined_and_left(year=2026, today=D(2027, 1, 15))
    assert moves["joined"] == [
        {"member": council_year["joined"], "on": D(2026, 3, 1), "role": "lid"},
        {"member": council_year["chair"], "on": D(2026, 9, 1), "role": "voorzitter"},
    ]
    assert moves["left"] == [
        {"member": council_year["walked_out"], "on": D(2026, 5, 1), "role": "lid"},
        {"member": council_year["finished"], "on": D(2026, 6, 30), "role": "lid"},
    ]


def test_the_annual_report_counts_only_what_has_happened_by_today(council_year):
    moves = selectors.members_joined_and_left(year=2026, today=D(2026, 6, 1))
    assert [m["member"] for m in moves["joined"]] == [council_year["joined"]]
    assert [m["member"] for m in moves["left"]] == [council_year["walked_out"]]


def test_the_annual_report_of_a_past_year_needs_no_today(council_year):
    moves = selectors.members_joined_and_left(year=2025)
    assert moves["joined"] == []
    assert [m["member"].email for m in moves["left"]] == ["earlier@test.example"]


def test_the_annual_report_takes_three_queries(council_year, django_assert_num_queries):
    with django_assert_num_queries(3):  # terms, leaving days, people
        moves = selectors.members_joined_and_left(year=2026, today=D(2027, 1, 15))
        assert len(moves["joined"]) + len(moves["left"]) == 4
