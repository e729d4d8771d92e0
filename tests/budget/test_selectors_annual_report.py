"""The annual report's figures (``budget.selectors.annual_report``): what counts in the year,
what does not, and the rows as the report shows them."""

import datetime

import pytest
from django.utils import timezone

from adviezen.models import Advice, Signal
from budget.models import AnnualReport
from budget.selectors import annual_report, annual_report_data
from meetings.models import Attendance, Meeting
from tests.factories.adviezen import AdviceFactory, SignalFactory, college_response
from tests.factories.members import TermFactory, UserFactory

pytestmark = pytest.mark.django_db


def _meeting(day, *, kind=Meeting.Kind.PLENARY, status=Meeting.Status.HELD):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    return Meeting.objects.create(
        kind=kind,
        title="Vergadering",
        start=start,
        end=start + datetime.timedelta(hours=2),
        status=status,
    )


def _attend(meeting, status):
    return Attendance.objects.create(meeting=meeting, member=UserFactory(), status=status)


# --- attendance --------------------------------------------------------------------------


def test_attendance_without_records_has_no_percentage(budget_year):
    assert annual_report._attendance(budget_year.year) == {
        "present": 0,
        "excused": 0,
        "absent": 0,
        "recorded": 0,
        "percent": None,
    }


def test_attendance_with_only_excused_members_is_zero_percent_present(budget_year):
    _attend(_meeting(datetime.date(budget_year.year, 3, 1)), Attendance.Status.EXCUSED)
    assert annual_report._attendance(budget_year.year) == {
        "present": 0,
        "excused": 1,
        "absent": 0,
        "recorded": 1,
        "percent": 0,
    }


def test_attendance_counts_each_status_at_the_years_held_plenaries(budget_year):
    y = budget_year.year
    held = _meeting(datetime.date(y, 1, 1))
    _attend(held, Attendance.Status.PRESENT)
    _attend(_meeting(datetime.date(y, 12, 31), status=Meeting.Status.MINUTES_APPROVED), "absent")
    _attend(held, Attendance.Status.EXCUSED)
    assert annual_report._attendance(y) == {
        "present": 1,
        "excused": 1,
        "absent": 1,
        "recorded": 3,
        "percent": 33,
    }


def test_attendance_leaves_out_other_years_unheld_meetings_and_other_kinds(budget_year):
    y = budget_year.year
    _attend(_meeting(datetime.date(y - 1, 12, 31)), Attendance.Status.PRESENT)
    _attend(_meeting(datetime.date(y + 1, 1, 1)), Attendance.Status.PRESENT)
    _attend(_meeting(datetime.date(y, 6, 1), status=Meeting.Status.CANCELLED), "present")
    _attend(_meeting(datetime.date(y, 6, 1), status=Meeting.Status.AGENDA_SENT), "present")
    _attend(_meeting(datetime.date(y, 6, 1), kind=Meeting.Kind.ALDERMAN), "present")
    assert annual_report._attendance(y)["recorded"] == 0


# --- advices and signals -----------------------------------------------------------------


def test_advices_per_origin_and_outcome_with_the_colleges_response_time(budget_year):
    y = budget_year.year
    sent = AdviceFactory(
        origin=Advice.Origin.REQUESTED,
        request_date=datetime.date(y, 1, 1),
        status=Advice.Status.SENT,
        sent_at=timezone.make_aware(datetime.datetime(y, 2, 1, 12, 0)),
    )
    college_response(sent, received_on=datetime.date(y, 2, 11))
    AdviceFactory(origin=Advice.Origin.UNSOLICITED, status=Advice.Status.DRAFT)
    data = annual_report._advices(y)
    zero = {"sent": 0, "shared": 0, "withdrawn": 0, "open": 0}
    assert data == {
        "rows": [
            {"label": "Gevraagd", **zero, "total": 1, "sent": 1},
            {"label": "Ongevraagd", **zero, "total": 1, "open": 1},
        ],
        "total": 2,
        "responses": 1,
        "average_response_days": 10,
    }


def test_advices_of_another_year_are_not_in_the_report(budget_year):
    AdviceFactory(
        origin=Advice.Origin.REQUESTED, request_date=datetime.date(budget_year.year - 1, 12, 31)
    )
    data = annual_report._advices(budget_year.year)
    assert data["total"] == 0 and [r["total"] for r in data["rows"]] == [0, 0]
    assert data["average_response_days"] is None


def test_signals_with_the_names_of_their_status_and_source(budget_year):
    SignalFactory(source=Signal.Source.RESIDENT)
    SignalFactory(source=Signal.Source.MEMBER, status=Signal.Status.CLOSED)
    data = annual_report._signals(timezone.localdate().year)
    assert data == {
        "received": 2,
        "per_status": [
            ("nieuw", 1),
            ("in onderzoek", 0),
            ("geagendeerd", 0),
            ("gekoppeld aan dossier", 0),
            ("doorverwezen naar wijkteam", 0),
            ("afgesloten", 1),
        ],
        "per_source": [("inwoner", 1), ("lid van de raad", 1), ("organisatie", 0)],
    }


# --- people ------------------------------------------------------------------------------


def _person(name, **fields):
    return UserFactory(first_name=name, last_name="Persoon", **fields)


def test_joined_counts_a_first_term_or_joining_date_within_the_year_only(budget_year):
    y = budget_year.year
    TermFactory(member=_person("Eerstejan"), start=datetime.date(y, 1, 1))
    TermFactory(member=_person("Laatstedec"), start=datetime.date(y, 12, 31))
    TermFactory(member=_person("Vorigjaar"), start=datetime.date(y - 1, 12, 31))
    TermFactory(member=_person("Volgendjaar"), start=datetime.date(y + 1, 1, 1))
    again = _person("Herbenoemd")
    TermFactory(member=again, start=datetime.date(y - 4, 1, 1), end=datetime.date(y - 1, 12, 31))
    TermFactory(member=again, start=datetime.date(y, 1, 1), sequence=2)
    _person("Lidsinds", joined_on=datetime.date(y, 5, 1))
    _person("Lidvroeger", joined_on=datetime.date(y - 1, 5, 1))
    assert annual_report._people(y)["joined"] == [
        "Eerstejan Persoon",
        "Laatstedec Persoon",
        "Lidsinds Persoon",
    ]


def test_a_term_ended_early_in_an_earlier_year_is_no_leaving_this_year(budget_year):
    y = budget_year.year
    back = _person("Terug")
    TermFactory(
        member=back,
        start=datetime.date(y - 3, 1, 1),
        end=datetime.date(y - 1, 6, 1),
        ended_early=True,
    )
    TermFactory(member=back, start=datetime.date(y - 1, 9, 1), sequence=2)
    assert annual_report._people(y)["left"] == []
    assert annual_report._people(y - 1)["left"] == ["Terug Persoon"]


# --- the whole report --------------------------------------------------------------------


def test_meeting_rows_against_the_plans_targets_then_the_other_kinds(budget_year):
    y = budget_year.year
    budget_year.target_alderman = 1
    budget_year.target_management = 1
    budget_year.save()
    _meeting(datetime.date(y, 3, 1), kind=Meeting.Kind.ALDERMAN)
    _meeting(datetime.date(y, 3, 2), kind=Meeting.Kind.WORKING_GROUP)
    rows = annual_report_data(budget_year=budget_year)["meetings"]
    assert rows == [
        {"label": "Plenaire vergadering", "target": 12, "held": 0, "met": False},
        {"label": "Overleg met de wethouder", "target": 1, "held": 1, "met": True},
        {"label": "Overleg met het management", "target": 1, "held": 0, "met": False},
        {"label": "Werkbezoek", "target": 4, "held": 0, "met": False},
        {"label": "Training", "target": 1, "held": 0, "met": False},
        {"label": "Kwartaaloverleg werkgroep", "target": None, "held": 1, "met": True},
        {"label": "Informeel overleg", "target": None, "held": 0, "met": True},
        {"label": "Selectiegesprek", "target": None, "held": 0, "met": True},
    ]


def test_report_data_carries_the_year_its_introduction_and_each_section(budget_year):
    y = budget_year.year
    data = annual_report_data(budget_year=budget_year)
    assert data["budget_year"] == budget_year and data["report"] is None
    AdviceFactory(origin=Advice.Origin.REQUESTED, request_date=datetime.date(y, 1, 1))
    SignalFactory()
    report = AnnualReport.objects.create(budget_year=budget_year, introduction="Een goed jaar.")
    data = annual_report_data(budget_year=budget_year)
    assert data["report"] == report
    assert data["advices"] == annual_report._advices(y) and data["advices"]["total"] == 1
    assert data["signals"] == annual_report._signals(y) and data["signals"]["received"] == 1
    assert data["attendance"] == annual_report._attendance(y)
    assert data["people"] == annual_report._people(y)
