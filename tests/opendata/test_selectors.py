"""The open-data selectors on their own: what each public document says about itself, which
documents and items the API's meetings and agenda items carry (public ones only), what moves a
meeting's "changed" for gewijzigdSinds, the order of every list, and the queries it takes."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from adviezen.models import Advice
from budget.models import Publication
from meetings.models import AgendaItem, Document, Meeting, Minutes
from opendata import rules, selectors
from opendata.rules import Category, Handling
from tests.factories.adviezen import DossierFactory, college_response, published_advice
from tests.factories.meetings import PDF_BYTES, AgendaItemFactory, MeetingFactory, at, document

pytestmark = pytest.mark.django_db
S = AgendaItem.Section
T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))


def _hour(n: int) -> datetime.datetime:
    return T0 + datetime.timedelta(hours=n)


def _changed(meeting: Meeting) -> datetime.datetime:
    return selectors.meetings_with_changes().get(pk=meeting.pk).changed


# --- small helpers --------------------------------------------------------------------------


def test_a_moment_is_dated_by_the_local_day():
    late = timezone.make_aware(datetime.datetime(2026, 3, 2, 23, 30), datetime.UTC)
    assert selectors._day(late) == datetime.date(2026, 3, 3)  # Amsterdam is an hour ahead
    assert selectors._day(datetime.date(2026, 3, 2)) == datetime.date(2026, 3, 2)


def test_an_unknown_kind_of_file_is_served_as_octet_stream():
    assert selectors.media_type("stuk.pdf") == "application/pdf"
    assert selectors.media_type("stuk.onbekend") == "application/octet-stream"


# --- meetings_with_changes (gewijzigdSinds) -------------------------------------------------


@pytest.fixture
def meeting():
    m = MeetingFactory(is_public=True, start=at(-7))
    Meeting.objects.filter(pk=m.pk).update(updated_at=T0)
    return m


def test_a_meeting_without_items_documents_or_minutes_changed_when_it_did(meeting):
    assert _changed(meeting) == T0


def test_a_public_item_moves_the_change_a_closed_one_does_not(meeting):
    public, closed = (
        AgendaItemFactory(meeting=meeting),
        AgendaItemFactory(meeting=meeting, is_public=False),
    )
    AgendaItem.objects.filter(pk=public.pk).update(updated_at=_hour(1))
    AgendaItem.objects.filter(pk=closed.pk).update(updated_at=_hour(5))
    assert _changed(meeting) == _hour(1)


def test_a_public_document_moves_the_change_a_closed_one_does_not(meeting):
    public = document(meeting, is_public=True)
    closed = document(meeting, is_public=False)
    Document.objects.filter(pk=public.pk).update(uploaded_at=_hour(2))
    Document.objects.filter(pk=closed.pk).update(uploaded_at=_hour(6))
    assert _changed(meeting) == _hour(2)


@pytest.mark.parametrize(("status", "moves"), [("approved", True), ("draft", False)])
def test_only_approved_minutes_move_the_change(meeting, status, moves):
    minutes = Minutes.objects.create(meeting=meeting, status=status)
    Minutes.objects.filter(pk=minutes.pk).update(updated_at=_hour(3))
    assert _changed(meeting) == (_hour(3) if moves else T0)


# --- the API's meetings and agenda items ----------------------------------------------------


def test_the_api_meetings_carry_public_items_and_documents_only(meeting):
    public_item = AgendaItemFactory(meeting=meeting)
    closed_item = AgendaItemFactory(meeting=meeting, is_public=False)
    loose = document(meeting, is_public=True)
    on_public_item = document(meeting, is_public=True, agenda_item=public_item)
    document(meeting, is_public=True, agenda_item=closed_item)
    document(meeting, is_public=False)
    (found,) = selectors.api_meetings()
    assert [i.pk for i in found.public_items] == [public_item.pk]
    assert sorted(d.pk for d in found.public_documents) == sorted([loose.pk, on_public_item.pk])


def test_the_api_meetings_are_newest_first_ties_by_the_higher_id():
    same_a = MeetingFactory(start=at(-5))
    same_b = MeetingFactory(start=at(-5))
    early = MeetingFactory(start=at(-20))  # created last: the order is not the ids'
    assert [m.pk for m in selectors.api_meetings()] == [same_b.pk, same_a.pk, early.pk]


def test_the_api_meetings_since_a_moment_are_those_changed_after_it(meeting):
    assert list(selectors.api_meetings(since=T0)) == []
    assert [m.pk for m in selectors.api_meetings(since=T0 - datetime.timedelta(seconds=1))] == [
        meeting.pk
    ]


def test_the_api_agenda_items_carry_their_public_documents_only(meeting):
    item = AgendaItemFactory(meeting=meeting)
    shown = document(meeting, is_public=True, agenda_item=item)
    document(meeting, is_public=False, agenda_item=item)
    (found,) = selectors.api_agenda_items()
    assert [d.pk for d in found.public_documents] == [shown.pk]


def test_the_api_agenda_items_of_one_meeting(meeting):
    mine = AgendaItemFactory(meeting=meeting)
    AgendaItemFactory(meeting=MeetingFactory(start=at(-3)))
    assert [i.pk for i in selectors.api_agenda_items(meeting_id=meeting.pk)] == [mine.pk]


def test_the_api_agenda_items_are_by_meeting_newest_first_then_agenda_order_and_id():
    older, newer = MeetingFactory(start=at(-30)), MeetingFactory(start=at(-2))
    old_item = AgendaItemFactory(meeting=older, section=S.OPENING, position=1)
    other_2 = AgendaItemFactory(meeting=newer, section=S.OTHER, position=2)
    other_1 = AgendaItemFactory(meeting=newer, section=S.OTHER, position=1)
    closing = AgendaItemFactory(meeting=newer, section=S.CLOSING, position=0)
    opening = AgendaItemFactory(meeting=newer, section=S.OPENING, position=9)
    twin_a = AgendaItemFactory(meeting=newer, section=S.OTHER, position=5)
    twin_b = AgendaItemFactory(meeting=newer, section=S.OTHER, position=5)
    # sections in the agenda's order (whatever the position), then position, then id
    expected = [opening, other_1, other_2, twin_a, twin_b, closing, old_item]
    assert [i.pk for i in selectors.api_agenda_items()] == [i.pk for i in expected]


def test_the_api_agenda_items_of_two_meetings_at_one_moment_stay_apart():
    a, b = MeetingFactory(start=at(-4)), MeetingFactory(start=at(-4))
    b_item = AgendaItemFactory(meeting=b, section=S.OPENING, position=1)
    a_item = AgendaItemFactory(meeting=a, section=S.OTHER, position=1)
    assert [i.pk for i in selectors.api_agenda_items()] == [a_item.pk, b_item.pk]


# --- what each public document says about itself -------------------------------------------


def test_a_meetings_documents_describe_themselves(meeting):
    item = AgendaItemFactory(meeting=meeting)
    stuk = document(meeting, is_public=True, agenda_item=item, title="Notitie armoede")
    approved_at = timezone.make_aware(datetime.datetime(2026, 4, 1, 20, 0))
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.APPROVED, approved_at=approved_at)
    docs = {d.kind: d for d in selectors.meeting_documents()}
    day = timezone.localtime(meeting.start).date()
    agenda, notulen, vergaderstuk = docs["agenda"], docs["notulen"], docs["vergaderstuk"]
    assert (agenda.title, agenda.description, agenda.meeting_id, agenda.minutes_of) == (
        rules.agenda_title(meeting.title, day),
        "",
        meeting.pk,
        None,
    )
    assert (notulen.description, notulen.meeting_id, notulen.minutes_of, notulen.created) == (
        "",
        meeting.pk,
        meeting.pk,
        datetime.date(2026, 4, 1),
    )
    assert (
        vergaderstuk.title,
        vergaderstuk.description,
        vergaderstuk.meeting_id,
        vergaderstuk.agenda_item_id,
        vergaderstuk.media_type,
        vergaderstuk.id,
    ) == ("Notitie armoede", "", meeting.pk, item.pk, "application/pdf", f"stuk-{stuk.pk}")
    assert {d.category for d in docs.values()} == {Category.VERGADERSTUKKEN}


def test_minutes_without_an_approval_moment_are_dated_by_the_meeting(meeting):
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.APPROVED, approved_at=None)
    (notulen,) = [d for d in selectors.meeting_documents() if d.kind == "notulen"]
    assert notulen.created == timezone.localtime(meeting.start).date()


def test_a_stored_document_without_a_type_is_octet_stream(meeting):
    stuk = document(meeting, is_public=True)
    Document.objects.filter(pk=stuk.pk).update(content_type="")
    (found,) = [d for d in selectors.meeting_documents() if d.kind == "vergaderstuk"]
    assert found.media_type == "application/octet-stream"


def test_an_advice_is_dated_by_its_letter_then_its_sending_then_its_publication():
    published = timezone.make_aware(datetime.datetime(2026, 5, 20, 12, 0))
    sent = timezone.make_aware(datetime.datetime(2026, 5, 10, 12, 0))
    advice = published_advice(title="Advies armoede", summary="Kort gezegd")
    Advice.objects.filter(pk=advice.pk).update(
        letter_date=None, sent_at=None, published_at=published
    )
    (doc,) = [d for d in selectors.advice_documents(publish_requests=False) if d.kind == "advies"]
    assert (doc.created, doc.description) == (datetime.date(2026, 5, 20), "Kort gezegd")
    Advice.objects.filter(pk=advice.pk).update(sent_at=sent)
    (doc,) = [d for d in selectors.advice_documents(publish_requests=False) if d.kind == "advies"]
    assert doc.created == datetime.date(2026, 5, 10)
    Advice.objects.filter(pk=advice.pk).update(letter_date=datetime.date(2026, 5, 8))
    (doc,) = [d for d in selectors.advice_documents(publish_requests=False) if d.kind == "advies"]
    assert doc.created == datetime.date(2026, 5, 8)


def test_a_request_is_dated_by_its_request_day_or_else_the_publication():
    published = timezone.make_aware(datetime.datetime(2026, 5, 20, 12, 0))
    advice = published_advice(
        title="Gevraagd advies",
        origin=Advice.Origin.REQUESTED,
        request_document=ContentFile(PDF_BYTES, name="aanvraag.pdf"),
    )
    Advice.objects.filter(pk=advice.pk).update(request_date=None, published_at=published)
    (doc,) = [d for d in selectors.advice_documents(publish_requests=True) if d.kind != "advies"]
    assert (doc.kind, doc.created, doc.description) == (
        "adviesaanvraag",
        datetime.date(2026, 5, 20),
        "",
    )
    Advice.objects.filter(pk=advice.pk).update(request_date=datetime.date(2026, 4, 1))
    (doc,) = [d for d in selectors.advice_documents(publish_requests=True) if d.kind != "advies"]
    assert doc.created == datetime.date(2026, 4, 1)


def test_an_advice_changed_when_it_was_published_or_updated_whichever_is_later():
    advice = published_advice(title="Advies")
    published, updated = _hour(1), _hour(4)
    Advice.objects.filter(pk=advice.pk).update(published_at=published, updated_at=updated)
    (doc,) = selectors.advice_documents(publish_requests=False)
    assert doc.changed == updated
    Advice.objects.filter(pk=advice.pk).update(published_at=_hour(9))
    (doc,) = selectors.advice_documents(publish_requests=False)
    assert doc.changed == _hour(9)


def test_a_publication_says_whether_it_is_research_or_an_annual_document():
    research = Publication.objects.create(
        kind="research",
        year=2026,
        title="Onderzoek",
        summary="Wat wij vonden",
        file=ContentFile(PDF_BYTES, name="o.pdf"),
        published_at=_hour(1),
    )
    plan = Publication.objects.create(
        kind="annual_plan",
        year=2026,
        title="Jaarplan",
        file=ContentFile(PDF_BYTES, name="j.pdf"),
        published_at=_hour(2),
    )
    docs = {d.id: d for d in selectors.publication_documents()}
    found = docs[f"publicatie-{research.pk}"]
    assert (found.category, found.kind, found.description, found.handling) == (
        Category.ONDERZOEK,
        "onderzoeksrapport",
        "Wat wij vonden",
        Handling.VASTSTELLING,
    )
    assert (docs[f"publicatie-{plan.pk}"].category, docs[f"publicatie-{plan.pk}"].kind) == (
        Category.JAARSTUKKEN,
        "jaarplan",
    )


# --- public_documents -----------------------------------------------------------------------


def test_every_public_document_newest_change_first(meeting):
    advice = published_advice(title="Advies")
    Advice.objects.filter(pk=advice.pk).update(published_at=_hour(1), updated_at=_hour(1))
    stuk = document(meeting, is_public=True)
    Document.objects.filter(pk=stuk.pk).update(uploaded_at=_hour(3))
    ids = [d.id for d in selectors.public_documents(publish_requests=False)]
    # the agenda changed with its document (hour 3); a tie goes by the id, descending
    assert ids == [f"stuk-{stuk.pk}", f"agenda-{meeting.pk}", f"advies-{advice.pk}"]


def test_asking_for_one_category_queries_only_its_source(django_assert_num_queries):
    published_advice(title="Advies")
    with django_assert_num_queries(1):
        docs = selectors.public_documents(
            publish_requests=False, categories=frozenset({Category.ADVIEZEN})
        )
    assert {d.category for d in docs} == {Category.ADVIEZEN}


# --- "Waar we aan werken" -------------------------------------------------------------------


def test_public_dossiers_by_title_with_their_newest_advice_first(django_assert_num_queries):
    b = DossierFactory(title="B-dossier", is_public=True)
    a = DossierFactory(title="A-dossier", is_public=True)
    twin_1 = DossierFactory(title="Z-dossier", is_public=True)
    twin_2 = DossierFactory(title="Z-dossier", is_public=True)
    old = published_advice(title="Oud", dossier=a)
    new = published_advice(title="Nieuw", dossier=a)
    same_time = published_advice(title="Zelfde moment", dossier=a)
    Advice.objects.filter(pk=old.pk).update(published_at=_hour(1))
    Advice.objects.filter(pk__in=[new.pk, same_time.pk]).update(published_at=_hour(5))
    with django_assert_num_queries(2):
        dossiers = selectors.public_dossiers()
        shown = [
            (d.title, [(x.title, x.slug, x.reference, x.published_at) for x in d.public_advices])
            for d in dossiers
        ]
    assert [d.pk for d in dossiers] == [a.pk, b.pk, twin_1.pk, twin_2.pk]
    assert [t for t, *_ in shown[0][1]] == ["Zelfde moment", "Nieuw", "Oud"]


def test_the_colleges_response_describes_itself():
    advice = published_advice(title="Advies met reactie")
    Advice.objects.filter(pk=advice.pk).update(published_at=_hour(1), updated_at=_hour(1))
    response = college_response(
        advice,
        document=ContentFile(PDF_BYTES, name="reactie.docx"),
        received_on=datetime.date(2026, 6, 1),
    )
    type(response).objects.filter(pk=response.pk).update(registered_at=_hour(7))
    (doc,) = [d for d in selectors.advice_documents(publish_requests=False) if d.kind == "reactie"]
    assert (doc.description, doc.created, doc.changed, doc.media_type) == (
        "",
        datetime.date(2026, 6, 1),
        _hour(7),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    type(response).objects.filter(pk=response.pk).update(registered_at=T0)
    (doc,) = [d for d in selectors.advice_documents(publish_requests=False) if d.kind == "reactie"]
    assert doc.changed == _hour(1)  # the advice's own change is later
