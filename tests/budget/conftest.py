import datetime

import pytest
from django.utils import timezone

from tests.factories.budget import VALID_IBAN, BudgetYearFactory


@pytest.fixture
def budget_year(db):
    return BudgetYearFactory()


@pytest.fixture
def claimant(member):
    member.iban = VALID_IBAN
    member.save()
    return member


@pytest.fixture
def today():
    return timezone.localdate()


def attended(member, *, day=None, status="present", title="Plenaire vergadering"):
    """A held meeting on ``day`` with the member's attendance."""
    from meetings.models import Attendance, Meeting

    day = day or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.PLENARY,
        title=title,
        start=start,
        end=start + datetime.timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    return Attendance.objects.create(meeting=meeting, member=member, status=status)
