"""The dashboard and annual report selectors of the advices: a member's open ballots, the
advices due (both ends of the deadline window), the signals waiting for triage, the college
responses overdue, and the year's counts of advices and signals."""

import datetime

import pytest
from django.utils import timezone

from adviezen import selectors
from adviezen.models import Advice, Ballot, BallotVoter, Vote
from members.models import CouncilSettings
from tests.factories.adviezen import AdviceFactory, SignalFactory, VersionFactory, college_response
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = datetime.timedelta(days=1)


def _at(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def _ballot(*, voters=(), status="open", deadline=None) -> Ballot:
    advice = AdviceFactory(status="voting")
    ballot = Ballot.objects.create(
        advice=advice,
        version=VersionFactory(advice=advice, number=1),
        status=status,
        deadline=deadline,
        opened_on=timezone.localdate(),
        threshold_percent=50,
        basis="cast",
        quorum_percent=50,
        eligible_count=len(voters),
    )
    BallotVoter.objects.bulk_create([BallotVoter(ballot=ballot, member=m) for m in voters])
    return ballot


# --- my_open_ballots ----------------------------------------------------------------------


def test_a_member_sees_the_open_ballots_they_vote_in_soonest_deadline_first(member, other_member):
    later = _ballot(voters=[member, other_member], deadline=_at(2030, 2, 1, 12, 0))
    sooner = _ballot(voters=[member], deadline=_at(2030, 1, 1, 12, 0))
    _ballot(voters=[member], status="closed", deadline=_at(2029, 1, 1, 12, 0))
    _ballot(voters=[other_member], deadline=_at(2029, 6, 1, 12, 0))
    assert selectors.my_open_ballots(user=member) == [sooner, later]
    assert selectors.my_open_ballots(user=other_member)[1] == later


def test_each_open_ballot_says_whether_the_member_voted(member, other_member):
    voted = _ballot(voters=[member, other_member], deadline=_at(2030, 1, 1, 12, 0))
    others_voted = _ballot(voters=[member, other_member], deadline=_at(2030, 2, 1, 12, 0))
    Vote.objects.create(ballot=voted, member=member, choice="yes")
    Vote.objects.create(ballot=voted, member=other_member, choice="yes")
    Vote.objects.create(ballot=others_voted, member=other_member, choice="against")
    assert [b.my_votes for b in selectors.my_open_ballots(user=member)] == [1, 0]


def test_the_open_ballots_are_read_with_their_advice_and_version_in_one_query(
    member, django_assert_num_queries
):
    for month in (1, 2, 3):
        _ballot(voters=[member], deadline=_at(2030, month, 1, 12, 0))
    with django_assert_num_queries(1):
        rows = [(b.advice.title, b.version.number) for b in selectors.my_open_ballots(user=member)]
    assert len(rows) == 3


# --- advices_due --------------------------------------------------------------------------


def test_an_advice_is_due_from_its_deadline_day_to_four_weeks_before_it(member):
    today = D(2026, 3, 10)
    by_day = {
        offset: AdviceFactory(status="draft", deadline=today + offset * DAY)
        for offset in (-1, 0, 1, 27, 28, 29)
    }
    due = selectors.advices_due(user=member, today=today)
    assert due == [by_day[0], by_day[1], by_day[27], by_day[28]]


def test_the_window_of_due_advices_may_be_shorter(member):
    today = D(2026, 3, 10)
    seventh = AdviceFactory(status="draft", deadline=today + 7 * DAY)
    AdviceFactory(status="draft", deadline=today + 8 * DAY)
    assert selectors.advices_due(user=member, today=today, weeks=1) == [seventh]


def test_an_advice_already_sent_or_withdrawn_is_never_due(member):
    today = D(2026, 3, 10)
    waiting = [
        AdviceFactory(status=status, deadline=today + (n + 1) * DAY)
        for n, status in enumerate(Advice.NOT_YET_SENT)
    ]
    for status in ("sent", "published", "withdrawn"):
        AdviceFactory(status=status, deadline=today + 2 * DAY)
    assert selectors.advices_due(user=member, today=today) == waiting


def test_an_advisor_sees_only_the_due_advices_in_consultation(advisor):
    today = D(2026, 3, 10)
    AdviceFactory(status="draft", deadline=today + DAY)
    consulted = AdviceFactory(status="consultation", deadline=today + 2 * DAY)
    assert selectors.advices_due(user=advisor, today=today) == [consulted]
    assert selectors.advices_due(user=UserFactory(), today=today) == []


# --- signals_waiting ----------------------------------------------------------------------


def test_the_triage_board_sees_the_new_and_investigated_signals_oldest_first(secretary, chair):
    newer = SignalFactory(status="new", received_at=_at(2026, 2, 1, 9, 0))
    older = SignalFactory(status="investigating", received_at=_at(2026, 1, 1, 9, 0))
    for status in ("on_agenda", "linked", "referred", "closed"):
        SignalFactory(status=status, received_at=_at(2025, 1, 1, 9, 0))
    assert selectors.signals_waiting(user=secretary) == [older, newer]
    assert selectors.signals_waiting(user=chair) == [older, newer]


def test_a_member_has_no_signals_waiting(member):
    SignalFactory(status="new", recorded_by=member)
    assert selectors.signals_waiting(user=member) == []


# --- responses_overdue --------------------------------------------------------------------


def _weeks(n: int):
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.response_deadline_weeks = n
    cs.save()


def test_sent_and_published_formal_advices_without_a_response_are_overdue_oldest_first():
    _weeks(1)
    sent_on = _at(2025, 1, 6, 10, 0)
    second = AdviceFactory(status="published", sent_at=sent_on + DAY)
    first = AdviceFactory(status="sent", sent_at=sent_on)
    same_moment = AdviceFactory(status="sent", sent_at=sent_on + DAY)
    AdviceFactory(status="withdrawn", sent_at=sent_on)
    AdviceFactory(status="approved", sent_at=sent_on)
    college_response(AdviceFactory(status="published", sent_at=sent_on))
    AdviceFactory(status="sent", kind="informal", sent_at=sent_on)
    # rewrite the second so that its row comes after the third's in the table
    Advice.objects.filter(pk=second.pk).update(summary="Herschreven.")
    overdue = list(selectors.responses_overdue(today=D(2025, 3, 1)))
    assert overdue == [first, second, same_moment]


def test_a_response_is_overdue_by_the_local_date_of_sending():
    _weeks(1)
    # 00:30 on 7 January in Amsterdam is 6 January in UTC
    advice = AdviceFactory(status="sent", sent_at=_at(2025, 1, 7, 0, 30))
    assert list(selectors.responses_overdue(today=D(2025, 1, 14))) == []
    assert list(selectors.responses_overdue(today=D(2025, 1, 15))) == [advice]


# --- advice_year_summary ------------------------------------------------------------------


def test_the_year_counts_requested_advices_by_their_request_date_and_outcome():
    year = 2024
    for status, kind in [
        ("sent", "formal"),
        ("published", "formal"),
        ("published", "informal"),
        ("withdrawn", "formal"),
        ("draft", "formal"),
        ("approved", "informal"),
    ]:
        AdviceFactory(origin="requested", status=status, kind=kind, request_date=D(year, 6, 1))
    AdviceFactory(origin="requested", status="sent", request_date=D(year, 1, 1))
    AdviceFactory(origin="requested", status="sent", request_date=D(year, 12, 31))
    AdviceFactory(origin="requested", status="sent", request_date=D(year - 1, 12, 31))
    AdviceFactory(origin="requested", status="sent", request_date=D(year + 1, 1, 1))
    summary = selectors.advice_year_summary(year=year)
    assert summary["year"] == year
    assert summary["requested"] == {
        "total": 8,
        "sent": 4,
        "shared": 1,
        "withdrawn": 1,
        "open": 2,
    }
    assert summary["unsolicited"] == {
        "total": 0,
        "sent": 0,
        "shared": 0,
        "withdrawn": 0,
        "open": 0,
    }
    assert summary["total"] == 8


def test_the_year_counts_unsolicited_advices_by_the_day_they_were_created():
    year = 2024
    inside = [
        AdviceFactory(origin="unsolicited", status=status, kind=kind, request_date=None)
        for status, kind in [("published", "informal"), ("preparation", "formal")]
    ]
    Advice.objects.filter(pk=inside[0].pk).update(created_at=_at(year, 1, 1, 0, 30))
    Advice.objects.filter(pk=inside[1].pk).update(created_at=_at(year, 12, 31, 23, 30))
    outside = AdviceFactory(origin="unsolicited", status="sent", request_date=D(year, 5, 1))
    Advice.objects.filter(pk=outside.pk).update(created_at=_at(year + 1, 1, 1, 0, 30))
    # a requested advice created this year but requested the year before is last year's
    requested = AdviceFactory(origin="requested", status="sent", request_date=D(year - 1, 12, 1))
    Advice.objects.filter(pk=requested.pk).update(created_at=_at(year, 2, 1, 9, 0))
    summary = selectors.advice_year_summary(year=year)
    assert summary["unsolicited"] == {
        "total": 2,
        "sent": 0,
        "shared": 1,
        "withdrawn": 0,
        "open": 1,
    }
    assert summary["requested"]["total"] == 0
    assert summary["total"] == 2


def test_the_year_total_adds_requested_and_unsolicited():
    AdviceFactory(origin="requested", status="sent", request_date=D(2024, 3, 1))
    for _ in range(2):
        advice = AdviceFactory(origin="unsolicited", status="sent")
        Advice.objects.filter(pk=advice.pk).update(created_at=_at(2024, 3, 1, 9, 0))
    assert selectors.advice_year_summary(year=2024)["total"] == 3


def test_one_response_of_eleven_days_averages_eleven():
    advice = AdviceFactory(status="sent", sent_at=_at(2024, 3, 1, 10, 0))
    college_response(advice, received_on=D(2024, 3, 12))
    summary = selectors.advice_year_summary(year=2024)
    assert (summary["responses"], summary["average_response_days"]) == (1, 11)


def test_the_year_summary_reads_the_responses_with_their_advices_in_two_queries(
    django_assert_num_queries,
):
    for day in (1, 2, 3):
        advice = AdviceFactory(status="sent", sent_at=_at(2024, 3, day, 10, 0))
        college_response(advice, received_on=D(2024, 3, 20))
    with django_assert_num_queries(2):  # the advices of the year, the responses
        summary = selectors.advice_year_summary(year=2024)
    assert (summary["responses"], summary["average_response_days"]) == (3, 18)


# --- signal_year_summary ------------------------------------------------------------------


def test_the_year_counts_signals_received_in_it_per_status_and_source():
    year = 2024
    SignalFactory(source="resident", status="new", received_at=_at(year, 1, 1, 0, 30))
    SignalFactory(source="resident", status="closed", received_at=_at(year, 6, 1, 9, 0))
    SignalFactory(source="member", status="closed", received_at=_at(year, 12, 31, 23, 30))
    SignalFactory(source="organisation", status="new", received_at=_at(year - 1, 12, 31, 23, 30))
    SignalFactory(source="organisation", status="new", received_at=_at(year + 1, 1, 1, 0, 30))
    summary = selectors.signal_year_summary(year=year)
    assert summary == {
        "year": year,
        "received": 3,
        "per_status": {
            "new": 1,
            "investigating": 0,
            "on_agenda": 0,
            "linked": 0,
            "referred": 0,
            "closed": 2,
        },
        "per_source": {"resident": 2, "member": 1, "organisation": 0},
    }


def test_a_year_without_signals_counts_zero_everywhere():
    summary = selectors.signal_year_summary(year=2024)
    assert summary["received"] == 0
    assert set(summary["per_status"].values()) == {0} and len(summary["per_status"]) == 6
    assert summary["per_source"] == {"resident": 0, "member": 0, "organisation": 0}
