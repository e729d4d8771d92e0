"""Recruitment selectors: who sees which vacancies and applicants, their counts and order,
the openings of the seat planning, the committee and its candidates, pinned query counts."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from members.models import Term
from members.recruitment import selectors
from members.recruitment.models import (
    Application,
    ApplicationStatusChange,
    Assessment,
    Interview,
    Vacancy,
)
from members.selectors import council_settings_get
from tests.factories.meetings import MeetingFactory
from tests.factories.members import TermFactory, role_user
from tests.factories.recruitment import ApplicationFactory, VacancyFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2025, 1, 15)


def _pks(items):
    return [x.pk for x in items]


# Ties are tested on rows written in the opposite of the order expected: without the id as
# tie-breaker the database would return them in the order they were written.
OLDER, NEWER = 900_001, 900_002


# --- committee_vacancies ---------------------------------------------------------------------


def test_an_inactive_account_named_on_a_committee_sees_no_applicants():
    gone = role_user("Leden", is_active=False)
    vacancy = VacancyFactory(committee=[gone])
    assert list(selectors.committee_vacancies(gone)) == []
    assert not selectors.is_on_committee(gone, vacancy)


def test_without_any_user_no_vacancy_shows_its_applicants():
    vacancy = VacancyFactory()
    assert list(selectors.committee_vacancies(None)) == []
    assert not selectors.is_on_committee(None, vacancy)


# --- vacancy_list ----------------------------------------------------------------------------


def test_the_internal_list_shows_the_latest_closing_date_first(secretary):
    soon = VacancyFactory(closes_on=D(2025, 2, 1))
    later = VacancyFactory(closes_on=D(2025, 3, 1))
    earliest = VacancyFactory(closes_on=D(2025, 1, 20))
    assert _pks(selectors.vacancy_list(user=secretary)) == [later.pk, soon.pk, earliest.pk]


def test_on_one_closing_date_the_internal_list_shows_the_newest_vacancy_first(secretary):
    older = VacancyFactory(closes_on=D(2025, 2, 1), id=OLDER)
    newer = VacancyFactory(closes_on=D(2025, 2, 1), id=NEWER)
    assert _pks(selectors.vacancy_list(user=secretary)) == [newer.pk, older.pk]


def test_each_vacancy_counts_its_applications_and_those_still_in_selection(secretary):
    busy = VacancyFactory()
    for status in ("received", "invited", "appointed", "withdrawn", "not_selected"):
        ApplicationFactory(vacancy=busy, status=status)
    quiet = VacancyFactory()
    counts = {v.pk: (v.n_applications, v.n_open) for v in selectors.vacancy_list(user=secretary)}
    assert counts == {busy.pk: (5, 2), quiet.pk: (0, 0)}


def test_a_vacancy_page_reads_its_author_and_committee_once(
    secretary, member, django_assert_num_queries
):
    vacancy = VacancyFactory(created_by=secretary, committee=[member, secretary])
    secretary.has_perm(selectors.MANAGE)  # the permissions are read once per request
    with django_assert_num_queries(2):
        found = selectors.vacancy_get_for_user(user=secretary, pk=vacancy.pk)
        assert found.created_by.email == "secretaris@test.example"
        assert {p.pk for p in found.committee.all()} == {member.pk, secretary.pk}
        assert len(found.committee.all()) == 2  # shown again: read once
    assert found.on_committee


def test_a_vacancy_is_found_by_its_own_id_and_a_draft_only_by_whoever_manages(secretary, member):
    VacancyFactory()
    wanted = VacancyFactory()
    draft = VacancyFactory(status=Vacancy.Status.DRAFT)
    assert selectors.vacancy_get_for_user(user=member, pk=wanted.pk).pk == wanted.pk
    assert selectors.vacancy_get_for_user(user=secretary, pk=draft.pk).pk == draft.pk
    with pytest.raises(Http404):
        selectors.vacancy_get_for_user(user=member, pk=draft.pk)


def test_the_dashboard_lists_the_published_and_closed_vacancies_only(secretary):
    published = VacancyFactory(status=Vacancy.Status.PUBLISHED, closes_on=D(2025, 3, 1))
    closed = VacancyFactory(status=Vacancy.Status.CLOSED, closes_on=D(2025, 2, 1))
    for status in ("draft", "filled", "cancelled"):
        VacancyFactory(status=status)
    assert _pks(selectors.open_vacancies(user=secretary)) == [published.pk, closed.pk]


def test_the_dashboard_leaves_drafts_out_for_a_member(member):
    published = VacancyFactory(status=Vacancy.Status.PUBLISHED)
    VacancyFactory(status=Vacancy.Status.DRAFT)
    found = selectors.open_vacancies(user=member)
    assert _pks(found) == [published.pk]
    assert found[0].on_committee is False


# --- vacancy_openings ------------------------------------------------------------------------


@pytest.fixture
def small_council(db):
    cs = council_settings_get()
    cs.max_members, cs.max_chairs, cs.max_terms = 2, 1, 2
    cs.save()
    return cs


def _seated(role, start, end, sequence, **kwargs):
    return TermFactory(role=role, start=start, end=end, sequence=sequence, **kwargs)


def _openings(**kwargs):
    return [
        (o["opening"].role, o["opening"].by, o["opening"].count, o["role_label"])
        for o in selectors.vacancy_openings(today=TODAY, **kwargs)
    ]


def test_openings_come_from_the_council_settings_and_the_final_terms(small_council):
    _seated(Term.Role.CHAIR, D(2021, 3, 1), D(2025, 2, 28), 2)
    _seated(Term.Role.MEMBER, D(2021, 3, 1), D(2025, 2, 28), 2)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), 1)
    assert _openings(months=3) == [
        ("chair", D(2025, 3, 1), 1, "voorzitter"),
        ("member", D(2025, 3, 1), 1, "lid"),
    ]
    small_council.max_members = 3
    small_council.save()
    assert _openings(months=3) == [
        ("member", TODAY, 1, "lid"),
        ("chair", D(2025, 3, 1), 1, "voorzitter"),
        ("member", D(2025, 3, 1), 1, "lid"),
    ]


def test_openings_look_24_months_ahead_unless_asked_otherwise(small_council):
    _seated(Term.Role.CHAIR, D(2022, 1, 1), D(2026, 12, 31), 2)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2029, 12, 31), 1)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2029, 12, 31), 1)
    assert _openings() == []
    assert _openings(months=25) == [("chair", D(2027, 1, 1), 1, "voorzitter")]


def test_the_chair_counts_against_the_councils_number_of_chairs(small_council):
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), 1)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), 1)
    assert _openings(months=1) == [("chair", TODAY, 1, "voorzitter")]
    small_council.max_chairs = 2
    small_council.save()
    assert _openings(months=1) == [("chair", TODAY, 2, "voorzitter")]


def test_a_final_term_is_reopened_only_within_the_councils_number_of_terms(small_council):
    _seated(Term.Role.CHAIR, D(2024, 1, 1), D(2027, 12, 31), 1)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), 1)
    _seated(Term.Role.MEMBER, D(2021, 3, 1), D(2025, 2, 28), 2)
    assert _openings(months=3) == [("member", D(2025, 3, 1), 1, "lid")]
    small_council.max_terms = 3
    small_council.save()
    assert _openings(months=3) == []


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (TODAY, []),  # seated today: no opening
        (TODAY - datetime.timedelta(days=1), []),  # ended yesterday: may be reappointed
        (TODAY - datetime.timedelta(days=2), [("member", TODAY, 1, "lid")]),
    ],
)
def test_a_member_whose_term_ended_yesterday_is_no_opening_and_the_day_before_is(
    small_council, end, expected
):
    _seated(Term.Role.CHAIR, D(2024, 1, 1), D(2027, 12, 31), 1)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), 1)
    _seated(Term.Role.MEMBER, D(2021, 1, 1), end, 1)
    assert _openings(months=1) == expected


def test_the_seat_of_an_inactive_account_is_an_opening_today(small_council):
    _seated(Term.Role.CHAIR, D(2024, 1, 1), D(2027, 12, 31), 1)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), 1)
    gone = role_user("Leden", is_active=False)
    _seated(Term.Role.MEMBER, D(2024, 1, 1), D(2027, 12, 31), 1, member=gone)
    assert _openings(months=1) == [("member", TODAY, 1, "lid")]


@pytest.fixture
def two_member_seats_open(small_council):
    """Two member seats and the chair's seat open on 1 March 2025."""
    for role in (Term.Role.CHAIR, Term.Role.MEMBER, Term.Role.MEMBER):
        _seated(role, D(2021, 3, 1), D(2025, 2, 28), 2)


def _made(**kwargs):
    return [
        (o["opening"].role, o["made"], o["remaining"])
        for o in selectors.vacancy_openings(today=TODAY, months=3)
    ]


def test_an_opening_says_how_many_seats_its_vacancies_already_recruit_for(two_member_seats_open):
    march = D(2025, 3, 1)
    VacancyFactory(role="member", starts_on=march, seats=1, status="draft")
    assert _made() == [("chair", 0, 1), ("member", 1, 1)]
    VacancyFactory(role="member", starts_on=march, seats=1, status="filled")
    assert _made() == [("chair", 0, 1), ("member", 2, 0)]


def test_vacancies_of_another_role_or_day_or_cancelled_are_not_counted(two_member_seats_open):
    march = D(2025, 3, 1)
    VacancyFactory(role="chair", starts_on=march, seats=1)
    VacancyFactory(role="member", starts_on=march + datetime.timedelta(days=1), seats=1)
    VacancyFactory(role="member", starts_on=march - datetime.timedelta(days=1), seats=1)
    VacancyFactory(role="member", starts_on=march, seats=1, status="cancelled")
    assert _made() == [("chair", 1, 0), ("member", 0, 2)]


def test_more_seats_in_vacancies_than_open_leave_none_remaining(two_member_seats_open):
    VacancyFactory(role="member", starts_on=D(2025, 3, 1), seats=3)
    assert _made() == [("chair", 0, 1), ("member", 3, 0)]


# --- applications ----------------------------------------------------------------------------


@pytest.fixture
def committee_member(db):
    return role_user("Leden", email="commissie@test.example")


@pytest.fixture
def vacancy(committee_member):
    return VacancyFactory(committee=[committee_member])


def _received(application, when):
    Application.objects.filter(pk=application.pk).update(received_at=when)


def test_applications_are_listed_in_the_order_they_came_in(vacancy, committee_member):
    first, second, third = (ApplicationFactory(vacancy=vacancy) for _ in range(3))
    noon = timezone.make_aware(datetime.datetime(2025, 1, 10, 12))
    _received(first, noon + datetime.timedelta(hours=2))
    _received(second, noon)
    _received(third, noon + datetime.timedelta(hours=1))
    found = selectors.application_list(user=committee_member, vacancy=vacancy)
    assert _pks(found) == [second.pk, third.pk, first.pk]


def test_applications_that_came_in_at_one_moment_are_listed_oldest_first(vacancy, committee_member):
    second = ApplicationFactory(vacancy=vacancy, id=NEWER)
    first = ApplicationFactory(vacancy=vacancy, id=OLDER)
    noon = timezone.make_aware(datetime.datetime(2025, 1, 10, 12))
    _received(first, noon)
    _received(second, noon)
    found = selectors.application_list(user=committee_member, vacancy=vacancy)
    assert _pks(found) == [first.pk, second.pk]


def test_the_application_list_holds_only_this_vacancy_and_only_for_its_committee(
    vacancy, committee_member, member
):
    mine = ApplicationFactory(vacancy=vacancy)
    ApplicationFactory(vacancy=VacancyFactory(committee=[committee_member]))
    assert _pks(selectors.application_list(user=committee_member, vacancy=vacancy)) == [mine.pk]
    assert list(selectors.application_list(user=member, vacancy=vacancy)) == []


def test_each_application_counts_its_assessments(vacancy, committee_member, secretary):
    judged, unjudged = ApplicationFactory(vacancy=vacancy), ApplicationFactory(vacancy=vacancy)
    for author in (committee_member, secretary):
        Assessment.objects.create(application=judged, author=author, judgement="suitable")
    found = selectors.application_list(user=committee_member, vacancy=vacancy)
    assert {a.pk: a.n_assessments for a in found} == {judged.pk: 2, unjudged.pk: 0}


def test_the_proposed_candidates_are_those_the_committee_proposed(vacancy, committee_member):
    proposed = [ApplicationFactory(vacancy=vacancy, status="proposed") for _ in range(2)]
    ApplicationFactory(vacancy=vacancy, status="interviewed")
    ApplicationFactory(vacancy=VacancyFactory(committee=[committee_member]), status="proposed")
    found = selectors.proposed_candidates(user=committee_member, vacancy=vacancy)
    assert _pks(found) == _pks(proposed)


def test_the_proposed_candidates_are_hidden_from_anyone_off_the_committee(vacancy, member):
    ApplicationFactory(vacancy=vacancy, status="proposed")
    assert selectors.proposed_candidates(user=member, vacancy=vacancy) == []


def test_an_application_is_found_by_its_own_id(vacancy, committee_member):
    ApplicationFactory(vacancy=vacancy)
    wanted = ApplicationFactory(vacancy=vacancy)
    found = selectors.application_get_for_user(user=committee_member, pk=wanted.pk)
    assert found.pk == wanted.pk
    with pytest.raises(Http404):
        selectors.application_get_for_user(user=committee_member, pk=wanted.pk + 100)


def test_an_application_page_reads_everything_it_shows_in_five_queries(
    vacancy, committee_member, secretary, django_assert_num_queries
):
    application = ApplicationFactory(vacancy=vacancy, member=role_user("Leden"))
    Assessment.objects.create(application=application, author=secretary, judgement="doubt")
    for _ in range(2):
        Interview.objects.create(application=application, meeting=MeetingFactory())
        ApplicationStatusChange.objects.create(
            application=application, from_status="received", to_status="invited", by=secretary
        )
    committee_member.has_perm(selectors.EVERY_COMMITTEE)  # the permissions are read once
    with django_assert_num_queries(4):
        found = selectors.application_get_for_user(user=committee_member, pk=application.pk)
        assert found.vacancy.pk == vacancy.pk and found.member.is_active
        assert [a.author.pk for a in found.assessments.all()] == [secretary.pk]
        assert all(i.meeting.location.name for i in found.interviews.all())
        assert [t.by.pk for t in found.transitions.all()] == [secretary.pk, secretary.pk]


# --- committee_members -----------------------------------------------------------------------


def test_the_committee_is_the_secretaries_and_chairs_by_name_then_the_named_members():
    zeger = role_user("Secretariaat", first_name="Zeger", last_name="Bakker")
    anna = role_user("Secretariaat", first_name="Anna", last_name="Bakker")
    chair = role_user("Voorzitter", "Leden", first_name="Bea", last_name="Aalders")
    role_user("Secretariaat", first_name="Oud", last_name="Aap", is_active=False)
    role_user("Leden", first_name="Niet", last_name="Aangewezen")
    named = role_user("Leden", first_name="Cor", last_name="Aaa")
    named_gone = role_user("Leden", first_name="Weg", last_name="Aaa", is_active=False)
    vacancy = VacancyFactory(committee=[named, named_gone, anna, chair])
    found = selectors.committee_members(vacancy)
    assert _pks(found) == [chair.pk, anna.pk, zeger.pk, named.pk]


def test_without_named_members_the_committee_is_the_secretary_and_the_chair(secretary, chair):
    assert _pks(selectors.committee_members(VacancyFactory())) == [secretary.pk, chair.pk]


# --- public ----------------------------------------------------------------------------------


def test_the_public_list_shows_the_first_closing_date_first():
    later = VacancyFactory(closes_on=D(2025, 3, 1))
    sooner = VacancyFactory(closes_on=D(2025, 2, 1))
    assert _pks(selectors.vacancy_public_list(today=TODAY)) == [sooner.pk, later.pk]


def test_on_one_closing_date_the_public_list_shows_the_oldest_vacancy_first():
    newer = VacancyFactory(closes_on=D(2025, 2, 1), id=NEWER)
    older = VacancyFactory(closes_on=D(2025, 2, 1), id=OLDER)
    assert _pks(selectors.vacancy_public_list(today=TODAY)) == [older.pk, newer.pk]
