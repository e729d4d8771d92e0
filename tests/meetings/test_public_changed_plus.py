"""Which of the issue-13 services (apologies, locations, cancelling) call ``public_changed()``:
only what an anonymous visitor can see. Rows in the style of ``test_public_changed.py``."""

import pytest

from adviesraad import pagecache
from meetings.services.attendance import apology_send, apology_withdraw
from meetings.services.cancel import meeting_cancel
from meetings.services.locations import location_create, location_delete, location_update
from tests.factories.meetings import LocationFactory, MeetingFactory
from tests.factories.members import TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(monkeypatch):
    calls = []
    monkeypatch.setattr(pagecache, "public_changed", lambda: calls.append(True))
    return calls


def public():
    return MeetingFactory(is_public=True)


def closed():
    return MeetingFactory(is_public=False)


def unused_location():
    return LocationFactory(name="Leeg")


def cancel(by, m):
    return meeting_cancel(meeting=m, by=by)


def apologise(by, m):
    TermFactory(member=by)
    return apology_send(meeting=m, member=by)


def apologise_and_withdraw(by, m):
    apologise(by, m)
    return apology_withdraw(meeting=m, member=by)


def rename_location(by, m):
    return location_update(location=m.location, by=by, data={"name": "Nieuwe naam"})


def rename_unused(by, loc):
    return location_update(location=loc, by=by, data={"name": "Nieuwe naam"})


def add_location(by, _):
    return location_create(by=by, data={"name": "Buurthuis"})


def delete_unused(by, loc):
    return location_delete(location=loc, by=by)


CASES = {
    "cancel a public meeting": (public, cancel, True),
    "cancel a closed meeting": (closed, cancel, False),
    "send apologies": (public, apologise, False),
    "withdraw apologies": (public, apologise_and_withdraw, False),
    "rename the location of a public meeting": (public, rename_location, True),
    "rename the location of a closed meeting": (closed, rename_location, False),
    "rename an unused location": (unused_location, rename_unused, False),
    "add a location": (lambda: None, add_location, False),
    "delete an unused location": (unused_location, delete_unused, False),
}


@pytest.mark.parametrize("case", CASES)
def test_public_changed_exactly_when_the_public_sees_it(case, changed, member):
    start, change, public_sees = CASES[case]
    obj = start()
    changed.clear()
    change(member, obj)
    assert bool(changed) is public_sees, case
