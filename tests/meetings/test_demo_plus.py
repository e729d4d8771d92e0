"""The meetings demo (issue 13.14 and 13.15): venues with accessibility notes, plenaries that
rotate between them, one apology and one cancelled meeting; a second run changes nothing."""

import datetime

import pytest
from django.utils import timezone

from adviesraad.notifications.models import Notification
from meetings import demo
from meetings.models import Attendance, Location, Meeting
from tests.factories.members import active_member

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    return {m.__name__: m.objects.count() for m in (Location, Meeting, Attendance, Notification)}


def test_demo_has_venues_rotation_an_apology_and_a_cancellation(secretary):
    lid = active_member(email="lid@demo.example")
    people = {"secretaris": secretary, "lid": lid}
    today = datetime.date(timezone.localdate().year + 1, 1, 5)  # every meeting still ahead
    demo.seed(lambda *a: None, today, people)

    assert Location.objects.count() == len(demo.LOCATIONS) >= 4
    assert all(loc.accessibility for loc in Location.objects.all())
    venues = list(
        Meeting.objects.filter(kind=Meeting.Kind.PLENARY)
        .order_by("start")
        .values_list("location__name", flat=True)
    )
    assert len(set(venues)) == len(demo.LOCATIONS)
    assert all(a != b for a, b in zip(venues, venues[1:], strict=False))  # a new venue each time
    apology = Attendance.objects.get(member=lid, note=demo.APOLOGY_NOTE)
    assert apology.status == Attendance.Status.EXCUSED and apology.meeting.start > timezone.now()
    cancelled = Meeting.objects.get(status=Meeting.Status.CANCELLED)
    assert cancelled.status_changes.get(to_status="cancelled").note

    before = _counts()
    demo.seed(lambda *a: None, today, people)
    assert _counts() == before
