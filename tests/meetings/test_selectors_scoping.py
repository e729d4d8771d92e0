"""Who sees which meetings, documents and actions: the scoping of meetings/selectors.py.

Internal users are the roles with ``meetings.view_internal_meetings`` (members, chair,
treasurer, secretary); the secretary also manages. Anyone else (anonymous, an account without
a role, an advisor) gets the public selection or nothing (docs/rules.md, S3).
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from meetings import selectors
from meetings.models import AgendaItem, Document, Guest, Meeting, Minutes, Update
from tests.factories.meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    MeetingFactory,
    at,
)
from tests.factories.members import UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def doc(meeting, *, is_public=True, agenda_item=None, title="Stuk") -> Document:
    """A document row without a file on disk: the selectors never open the file."""
    return Document.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        file=f"{title}.pdf",
        original_name=f"{title}.pdf",
        content_type="application/pdf",
        size=1,
        is_public=is_public,
    )


def outsiders():
    """Everyone who is not an internal user: nobody, anonymous, an account without a role."""
    return [None, AnonymousUser(), UserFactory()]


# --- the internal list -----------------------------------------------------------------


def test_an_internal_user_lists_every_meeting_public_or_not(member, treasurer):
    public = MeetingFactory(is_public=True)
    closed = MeetingFactory(is_public=False, start=at(20))
    for user in (member, treasurer):
        assert list(selectors.meeting_list(user=user)) == [public, closed]


def test_the_internal_list_is_empty_for_anyone_without_the_internal_permission(advisor):
    MeetingFactory(is_public=True)
    for user in [*outsiders(), advisor]:
        assert list(selectors.meeting_list(user=user)) == []


def test_the_internal_list_counts_each_meetings_items_in_one_query(
    member, django_assert_num_queries
):
    m = MeetingFactory()
    AgendaItemFactory.create_batch(3, meeting=m)
    empty = MeetingFactory(start=at(21))
    selectors.can_view_internal(member)  # the permission cache, not the selector's queries
    with django_assert_num_queries(1):
        rows = {x.pk: (x.item_count, x.location.name) for x in selectors.meeting_list(user=member)}
    assert rows == {m.pk: (3, m.location.name), empty.pk: (0, empty.location.name)}


# --- one meeting for the agenda builder ----------------------------------------------------


def test_an_internal_user_gets_a_confidential_meeting(member):
    m = MeetingFactory(is_public=False)
    assert selectors.meeting_get_for_user(user=member, pk=m.pk) == m


@pytest.mark.parametrize("who", ["none", "anonymous", "no role"])
def test_an_outsider_gets_a_404_for_a_meeting_even_a_public_one(who):
    user = dict(zip(["none", "anonymous", "no role"], outsiders(), strict=True))[who]
    m = MeetingFactory(is_public=True)
    with pytest.raises(Http404):
        selectors.meeting_get_for_user(user=user, pk=m.pk)


def test_a_meeting_that_does_not_exist_is_a_404_for_an_internal_user(member):
    with pytest.raises(Http404):
        selectors.meeting_get_for_user(user=member, pk=987654)


def test_the_agenda_builders_meeting_is_six_queries_and_reading_it_none_more(
    member, secretary, django_assert_num_queries
):
    group = WorkingGroupFactory()
    approval = MeetingFactory(start=at(30))
    m = MeetingFactory(working_group=group)
    Minutes.objects.create(meeting=m, approval_meeting=approval)
    earlier = MeetingFactory(start=at(-30), end=at(-30, 22))
    Minutes.objects.create(meeting=earlier, approval_meeting=m)
    item = AgendaItemFactory(meeting=m)
    second = doc(m, title="Tweede", agenda_item=item)
    first = doc(m, title="Eerste")
    Document.objects.filter(pk=second.pk).update(
        uploaded_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    Guest.objects.create(meeting=m, name="Gast")
    Update.objects.create(meeting=m, author=member, working_group=group, text="- punt")
    ActionItemFactory(meeting=m, owner=secretary)
    selectors.can_view_internal(member)  # the permission cache, not the selector's queries
    with django_assert_num_queries(6):
        got = selectors.meeting_get_for_user(user=member, pk=m.pk)
    with django_assert_num_queries(0):  # everything the builder reads is loaded
        seen = (
            got.location.name,
            got.working_group.name,
            got.minutes.approval_meeting.pk,
            [x.meeting.pk for x in got.minutes_to_approve.all()],
            [d.title for d in got.documents.all()],
            [g.name for g in got.guests.all()],
            [(u.author.pk, u.working_group.name) for u in got.updates.all()],
            [a.owner.pk for a in got.action_items.all()],
        )
    assert seen == (
        m.location.name,
        group.name,
        approval.pk,
        [earlier.pk],
        [first.title, second.title],
        ["Gast"],
        [(member.pk, group.name)],
        [secretary.pk],
    )


def test_the_builders_documents_come_in_upload_order_then_by_id(member):
    m = MeetingFactory()
    a, b, c = doc(m, title="a"), doc(m, title="b"), doc(m, title="c")
    same = timezone.now()
    Document.objects.filter(pk__in=[b.pk, c.pk]).update(uploaded_at=same)
    Document.objects.filter(pk=a.pk).update(uploaded_at=same + datetime.timedelta(seconds=1))
    # b is put on an item last (stored again after c) and still comes before c: by id
    Document.objects.filter(pk=b.pk).update(agenda_item=AgendaItemFactory(meeting=m))
    got = selectors.meeting_get_for_user(user=member, pk=m.pk)
    assert [d.title for d in got.documents.all()] == ["b", "c", "a"]


# --- downloading a document ----------------------------------------------------------------


def test_an_internal_user_may_download_a_confidential_document_of_a_confidential_meeting(
    member,
):
    m = MeetingFactory(is_public=False)
    item = AgendaItemFactory(meeting=m, is_public=False)
    d = doc(m, is_public=False, agenda_item=item)
    assert selectors.document_get_for_user(user=member, pk=d.pk) == d


@pytest.mark.parametrize("who", [0, 1, 2])
def test_an_outsider_may_download_a_public_document_of_a_public_meeting(who):
    user = outsiders()[who]
    m = MeetingFactory(is_public=True)
    loose = doc(m)
    on_item = doc(m, agenda_item=AgendaItemFactory(meeting=m, is_public=True))
    assert selectors.document_get_for_user(user=user, pk=loose.pk) == loose
    assert selectors.document_get_for_user(user=user, pk=on_item.pk) == on_item


@pytest.mark.parametrize(
    ("meeting_public", "document_public", "item_public"),
    [
        (True, False, None),  # a confidential document
        (True, False, True),  # a confidential document on a public item
        (True, True, False),  # a public document on a confidential item
        (False, True, None),  # a public document of a confidential meeting
        (False, True, True),  # ... on a public item
    ],
)
def test_an_outsider_gets_a_404_for_anything_not_public_all_the_way(
    meeting_public, document_public, item_public
):
    m = MeetingFactory(is_public=meeting_public)
    item = None if item_public is None else AgendaItemFactory(meeting=m, is_public=item_public)
    d = doc(m, is_public=document_public, agenda_item=item)
    for user in outsiders():
        with pytest.raises(Http404):
            selectors.document_get_for_user(user=user, pk=d.pk)


def test_a_document_that_does_not_exist_is_a_404_even_for_an_internal_user(member):
    with pytest.raises(Http404):
        selectors.document_get_for_user(user=member, pk=987654)


def test_a_public_download_is_one_query_with_its_meeting_and_item(django_assert_num_queries):
    m = MeetingFactory(is_public=True)
    d = doc(m, agenda_item=AgendaItemFactory(meeting=m))
    with django_assert_num_queries(1):
        got = selectors.document_get_for_user(user=AnonymousUser(), pk=d.pk)
        assert (got.meeting.title, got.agenda_item.title) == (m.title, d.agenda_item.title)


# --- actions ---------------------------------------------------------------------------


def test_the_secretary_lists_every_action_and_a_member_only_their_own(
    secretary, member, other_member
):
    mine = ActionItemFactory(owner=member)
    theirs = ActionItemFactory(owner=other_member)
    assert set(selectors.action_item_list(user=secretary)) == {mine, theirs}
    assert list(selectors.action_item_list(user=member)) == [mine]


def test_the_action_list_is_empty_for_anyone_without_the_internal_permission(advisor):
    ActionItemFactory(owner=advisor)
    for user in [*outsiders(), advisor]:
        assert list(selectors.action_item_list(user=user)) == []


def test_the_action_list_brings_owner_and_meeting_in_one_query(
    secretary, member, django_assert_num_queries
):
    ActionItemFactory(owner=member)
    ActionItemFactory(owner=secretary)
    selectors.can_manage(secretary)  # the permission cache, not the selector's queries
    with django_assert_num_queries(1):
        rows = [
            (a.owner.email, a.meeting.title) for a in selectors.action_item_list(user=secretary)
        ]
    assert len(rows) == 2


# --- the personal calendar feed ------------------------------------------------------------


def _since(days: float, **kw) -> Meeting:
    start = timezone.now() - datetime.timedelta(days=days)
    return MeetingFactory(start=start, end=start + datetime.timedelta(hours=2), **kw)


def test_the_calendar_feed_reaches_back_a_year_and_no_further(member):
    too_old = _since(365, is_public=False)  # a moment past the year by the time it is asked
    Meeting.objects.filter(pk=too_old.pk).update(
        start=too_old.start - datetime.timedelta(hours=1),
        end=too_old.end - datetime.timedelta(hours=1),
    )
    just_in = _since(364.9, is_public=False)
    future = MeetingFactory(is_public=False)
    got = list(selectors.meetings_for_calendar(user=member))
    assert got == [just_in, future]


def test_the_calendar_feed_of_an_outsider_has_public_meetings_of_the_past_year_only():
    old = _since(365.1, is_public=True)
    recent = _since(364.9, is_public=True)
    _since(10, is_public=False)
    future = MeetingFactory(is_public=True)
    assert old not in selectors.meetings_for_calendar(user=None)
    for user in outsiders():
        assert list(selectors.meetings_for_calendar(user=user)) == [recent, future]


def test_the_calendar_feed_brings_the_locations_in_one_query(member, django_assert_num_queries):
    MeetingFactory()
    MeetingFactory(start=at(20))
    selectors.can_view_internal(member)
    with django_assert_num_queries(1):
        assert len({m.location.name for m in selectors.meetings_for_calendar(user=member)}) == 2


# --- the dashboard's next meetings ------------------------------------------------------------


def test_the_upcoming_meetings_include_one_under_way_and_not_one_that_ended(member):
    now = timezone.now()
    ended = MeetingFactory(
        start=now - datetime.timedelta(hours=3), end=now - datetime.timedelta(minutes=1)
    )
    under_way = MeetingFactory(
        start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(minutes=5)
    )
    later = MeetingFactory(start=at(3), is_public=False)
    got = list(selectors.upcoming_for_user(user=member))
    assert got == [under_way, later]
    assert ended not in got


def test_the_upcoming_meetings_are_the_first_five_by_start(member):
    made = [MeetingFactory(start=at(days)) for days in (9, 3, 7, 1, 5, 2)]
    by_start = sorted(made, key=lambda m: m.start)
    assert list(selectors.upcoming_for_user(user=member)) == by_start[:5]
    assert list(selectors.upcoming_for_user(user=member, limit=2)) == by_start[:2]


def test_the_upcoming_meetings_are_none_for_an_outsider(advisor):
    MeetingFactory(is_public=True)
    for user in [*outsiders(), advisor]:
        assert list(selectors.upcoming_for_user(user=user)) == []


def test_the_upcoming_meetings_bring_their_locations_in_one_query(
    member, django_assert_num_queries
):
    MeetingFactory()
    MeetingFactory(start=at(20))
    selectors.can_view_internal(member)
    with django_assert_num_queries(1):
        assert len({m.location.name for m in selectors.upcoming_for_user(user=member)}) == 2


# --- the public site ---------------------------------------------------------------------


def test_the_public_list_has_public_meetings_only():
    public = MeetingFactory(is_public=True)
    MeetingFactory(is_public=False)
    assert list(selectors.public_meeting_list()) == [public]


def test_the_public_list_brings_the_locations_in_one_query(django_assert_num_queries):
    MeetingFactory()
    MeetingFactory(start=at(20))
    with django_assert_num_queries(1):
        assert len({m.location.name for m in selectors.public_meeting_list()}) == 2


def test_a_confidential_or_missing_meeting_is_a_404_on_the_public_site():
    closed = MeetingFactory(is_public=False)
    for get in (selectors.public_meeting_get, selectors.public_meeting_page_get):
        for pk in (closed.pk, 987654):
            with pytest.raises(Http404):
                get(pk=pk)


def _public_with_documents():
    m = MeetingFactory(is_public=True)
    Minutes.objects.create(meeting=m, notes="Kort")
    item = AgendaItemFactory(meeting=m)
    doc(m, title="Openbaar", agenda_item=item)
    doc(m, title="Vertrouwelijk", is_public=False, agenda_item=item)
    doc(m, title="Los", is_public=True)
    return m


def test_the_public_meeting_has_only_its_public_documents_with_minutes_and_items_in_two_queries(
    django_assert_num_queries,
):
    m = _public_with_documents()
    with django_assert_num_queries(2):
        got = selectors.public_meeting_get(pk=m.pk)
        seen = (
            got.location.name,
            got.minutes.notes,
            [
                (d.title, d.agenda_item.title if d.agenda_item else None)
                for d in got.documents.all()
            ],
        )
    item = AgendaItem.objects.get(meeting=m)
    assert seen == (m.location.name, "Kort", [("Openbaar", item.title), ("Los", None)])


def test_the_public_agenda_page_has_only_its_public_documents_in_two_queries(
    django_assert_num_queries,
):
    m = _public_with_documents()
    with django_assert_num_queries(2):
        got = selectors.public_meeting_page_get(pk=m.pk)
        seen = (
            got.location.name,
            got.minutes.notes,
            [(d.pk, d.title, d.agenda_item_id, d.is_public) for d in got.documents.all()],
        )
    expected = [
        (d.pk, d.title, d.agenda_item_id, True)
        for d in Document.objects.filter(meeting=m, is_public=True)
    ]
    assert seen == (m.location.name, "Kort", expected)


def test_the_public_agenda_page_loads_no_file_details_of_its_documents():
    m = _public_with_documents()
    got = selectors.public_meeting_page_get(pk=m.pk)
    for d in got.documents.all():
        assert {"file", "original_name", "content_type", "size"} <= d.get_deferred_fields()


def test_the_public_upcoming_meetings_are_the_first_three_public_ones_not_yet_ended():
    now = timezone.now()
    MeetingFactory(start=now - datetime.timedelta(hours=3), end=now - datetime.timedelta(minutes=1))
    under_way = MeetingFactory(
        start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(minutes=5)
    )
    MeetingFactory(start=at(1), is_public=False)
    later = [MeetingFactory(start=at(days)) for days in (8, 2, 6, 4)]
    by_start = sorted(later, key=lambda m: m.start)
    assert list(selectors.public_upcoming()) == [under_way, *by_start[:2]]
    assert list(selectors.public_upcoming(limit=4)) == [under_way, *by_start[:3]]
