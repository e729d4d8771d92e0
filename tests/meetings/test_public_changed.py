"""Every meetings service that changes what the anonymous public sees calls
``adviesraad.pagecache.public_changed()`` in its transaction; internal changes do not.

The end-to-end tests (the next anonymous request shows the change) are in the page-cache
tests; these pin which service calls it, so a new service or a refactoring cannot forget.
"""

import datetime
from functools import partial

import pytest
from django.contrib import admin
from django.test import RequestFactory

from adviesraad import pagecache
from meetings import services
from meetings.admin import LocationAdmin, MeetingAdmin
from meetings.models import AgendaItem, Meeting
from tests.factories.meetings import (
    AgendaItemFactory,
    LocationFactory,
    MeetingFactory,
    at,
    document,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(monkeypatch):
    calls = []
    monkeypatch.setattr(pagecache, "public_changed", lambda: calls.append(True))
    return calls


# --- what the cases start from ----------------------------------------------------------------

public = partial(MeetingFactory, is_public=True)
closed = partial(MeetingFactory, is_public=False)


def nothing():
    return None


def held(*, is_public=True):
    return MeetingFactory(
        start=at(-7), end=at(-7, 22), status=Meeting.Status.HELD, is_public=is_public
    )


def with_items(*publics, meeting_public=True):
    meeting = MeetingFactory(is_public=meeting_public)
    for is_public in publics:
        AgendaItemFactory(meeting=meeting, is_public=is_public)
    return meeting


def with_public_document():
    meeting = public()
    document(meeting, is_public=True)
    return meeting


# --- what the cases do ------------------------------------------------------------------------


def create(*, is_public, kind="plenary"):
    return lambda by, _: services.meeting_create(
        by=by, kind=kind, title="P", start=at(7), end=at(7, 22), is_public=is_public
    )


def plan_year(by, _):
    return services.meeting_plan_year(
        by=by,
        year=2031,
        kind="plenary",
        title="P",
        weekday=1,
        n=2,
        start_time=datetime.time(19, 30),
        duration_minutes=120,
        is_public=True,
        months=[3],
    )


def update(**data):
    return lambda by, m: services.meeting_update(meeting=m, by=by, data=data)


def mark_held(by, m):
    return services.meeting_transition(meeting=m, by=by, to_status="held")


def add_item(**kwargs):
    return lambda by, m: services.agenda_item_add(
        meeting=m, by=by, title="X", section="other", **kwargs
    )


def edit_item(**data):
    return lambda by, m: services.agenda_item_update(item=m.items.get(), by=by, data=data)


def remove_item(by, m):
    return services.agenda_item_remove(item=m.items.get(), by=by)


def reverse_order(by, m):
    ids = list(m.items.order_by("-position").values_list("pk", flat=True))
    return services.agenda_reorder(meeting=m, by=by, section="other", ids=ids)


def move_last_up(by, m):
    return services.agenda_item_move(item=m.items.last(), by=by, direction="up")


def add_document(*, is_public, on_item=False):
    return lambda by, m: document(
        m, is_public=is_public, agenda_item=m.items.get() if on_item else None
    )


def remove_document(by, m):
    return services.document_remove(document=m.documents.get(), by=by)


def save_minutes(by, m):
    return services.minutes_save(meeting=m, by=by, notes="Goed overleg")


def approve_minutes(by, m):
    later = MeetingFactory(start=at(-1), end=at(-1, 22), is_public=False)
    return services.minutes_approve(meeting=m, by=by, at_meeting=later)


def schedule_on_public_meeting(by, m):
    return services.minutes_schedule_approval(meeting=m, by=by, at_meeting=public())


def send_pack(by, m):
    return services.agenda_pack_send(meeting=m, by=by)


def invite_guest(by, m):
    return services.guest_add(meeting=m, by=by, name="Gast")


def post_update(by, m):
    return services.update_post(meeting=m, author=by, text="- punt")


def record_attendance(by, m):
    return services.attendance_record(meeting=m, by=by, statuses={by.pk: "present"})


def add_action(by, m):
    return services.action_item_add(by=by, meeting=m, description="Bellen", owner=by)


# (start, change, does the public see it?)
CASES = {
    "create a public meeting": (nothing, create(is_public=True), True),
    "create a closed meeting": (nothing, create(is_public=False, kind="alderman"), False),
    "plan a public year": (nothing, plan_year, True),
    "edit a public meeting": (public, update(title="Nieuw"), True),
    "move a public meeting": (public, update(location=None), True),
    "make a closed meeting public": (closed, update(is_public=True), True),
    "make a public meeting closed": (public, update(is_public=False), True),
    "edit a closed meeting": (closed, update(title="Nieuw"), False),
    "save a public meeting unchanged": (
        partial(public, title="Zelfde"),
        update(title="Zelfde"),
        False,
    ),
    "mark a public meeting held": (public, mark_held, True),
    "mark a closed meeting held": (closed, mark_held, False),
    "add a public item": (public, add_item(), True),
    "add a confidential item": (public, add_item(is_public=False), False),
    "add an item to a closed meeting": (closed, add_item(), False),
    "edit a public item": (partial(with_items, True), edit_item(title="Nieuw"), True),
    "make a confidential item public": (
        partial(with_items, False),
        edit_item(is_public=True),
        True,
    ),
    "make a public item confidential": (
        partial(with_items, True),
        edit_item(is_public=False),
        True,
    ),
    "edit a confidential item": (partial(with_items, False), edit_item(title="Nieuw"), False),
    "remove an item of a public meeting": (partial(with_items, True), remove_item, True),
    "reorder a public agenda": (partial(with_items, True, False), reverse_order, True),
    "move an item of a public agenda": (partial(with_items, True, True), move_last_up, True),
    "reorder a closed agenda": (
        partial(with_items, True, True, meeting_public=False),
        reverse_order,
        False,
    ),
    "add a public document": (public, add_document(is_public=True), True),
    "add a confidential document": (public, add_document(is_public=False), False),
    "add a public document to a confidential item": (
        partial(with_items, False),
        add_document(is_public=True, on_item=True),
        False,
    ),
    "remove a public document": (with_public_document, remove_document, True),
    "save the minutes of a public meeting": (held, save_minutes, True),
    "approve the minutes of a public meeting": (held, approve_minutes, True),
    "approve the minutes of a closed meeting": (
        partial(held, is_public=False),
        approve_minutes,
        False,
    ),
    "schedule the approval on a public meeting": (
        partial(held, is_public=False),
        schedule_on_public_meeting,
        True,
    ),
    "send the first agenda of a public meeting": (partial(with_items, True), send_pack, True),
    "invite a guest": (public, invite_guest, False),
    "post an update": (public, post_update, False),
    "record attendance": (held, record_attendance, False),
    "add an action item": (public, add_action, False),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_public_changed_is_called_exactly_when_the_public_sees_the_change(case, secretary, changed):
    start, change, seen = CASES[case]
    meeting = start()
    changed.clear()
    change(secretary, meeting)
    assert bool(changed) is seen


def test_moving_a_meeting_to_another_location_changes_the_public_site(secretary, changed):
    meeting = public()
    changed.clear()
    services.meeting_update(
        meeting=meeting, by=secretary, data={"location": LocationFactory(name="Bibliotheek")}
    )
    assert changed == [True]


def test_a_refused_change_calls_nothing(secretary, changed):
    meeting = MeetingFactory(is_public=True, status=Meeting.Status.HELD)
    changed.clear()
    with pytest.raises(services.MeetingError):
        services.agenda_item_add(meeting=meeting, by=secretary, title="X", section="other")
    assert changed == []
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("model_admin", [MeetingAdmin, LocationAdmin])
def test_admin_changes_to_public_rows_call_it_too(model_admin, secretary, changed):
    meeting = public()
    obj = meeting if model_admin is MeetingAdmin else meeting.location
    request = RequestFactory().post("/admin/")
    request.user = secretary
    model_admin = model_admin(type(obj), admin.site)
    model_admin.save_model(request, obj, form=None, change=True)
    assert changed == [True]
    if obj is not meeting:
        meeting.delete()  # a location in use is protected
    changed.clear()
    model_admin.delete_model(request, obj)
    assert changed == [True]
    assert not type(obj).objects.filter(pk=obj.pk).exists()
