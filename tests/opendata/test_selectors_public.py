"""What the open-data selectors hand to the API and the sitemaps (``opendata.selectors``): each
public document with its fields, and only public items and documents of public meetings."""

import datetime

import pytest
from django.utils import timezone

from adviezen.models import Dossier
from budget.models import Publication
from meetings.models import Document, Minutes
from opendata import selectors
from opendata.rules import Category, Handling
from tests.factories.adviezen import DossierFactory, published_advice
from tests.factories.meetings import AgendaItemFactory, MeetingFactory, at, document

pytestmark = pytest.mark.django_db


def _fields(doc):
    return (
        doc.id,
        doc.title,
        doc.description,
        doc.kind,
        doc.category,
        doc.handling,
        doc.path,
        doc.created,
        doc.identifier,
        doc.media_type,
        doc.meeting_id,
        doc.agenda_item_id,
        doc.minutes_of,
    )


@pytest.fixture
def meeting():
    """A public meeting with a public and a closed item, and documents of every kind."""
    m = MeetingFactory(title="Plenair", start=at(-10))
    m.public_item = AgendaItemFactory(meeting=m, title="Open punt")
    m.closed_item = AgendaItemFactory(meeting=m, title="Besloten punt", is_public=False)
    m.loose = document(m, title="Los stuk")
    m.on_item = document(m, agenda_item=m.public_item, title="Stuk bij punt")
    document(m, agenda_item=m.closed_item, title="Stuk bij besloten punt")
    document(m, is_public=False, title="Vertrouwelijk stuk")
    return m


def test_a_meetings_agenda_approved_minutes_and_public_documents_with_their_fields(meeting):
    day = timezone.localdate() - datetime.timedelta(days=10)
    approved = timezone.now() - datetime.timedelta(days=2)
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.APPROVED, approved_at=approved)
    Document.objects.filter(pk=meeting.loose.pk).update(content_type="")
    MeetingFactory(title="Besloten", is_public=False)
    pk, V = meeting.pk, Category.VERGADERSTUKKEN
    docs = {d.id: _fields(d) for d in selectors.meeting_documents()}
    assert docs == {
        f"agenda-{pk}": (
            f"agenda-{pk}",
            f"Agenda Plenair, {day:%d-%m-%Y}",
            "",
            "agenda",
            V,
            Handling.VASTSTELLING,
            f"/vergaderingen/{pk}/agenda.pdf",
            day,
            f"vergadering-{pk}-agenda",
            "application/pdf",
            pk,
            None,
            None,
        ),
        f"notulen-{pk}": (
            f"notulen-{pk}",
            f"Notulen Plenair, {day:%d-%m-%Y}",
            "",
            "notulen",
            V,
            Handling.VASTSTELLING,
            f"/vergaderingen/{pk}/notulen.pdf",
            timezone.localtime(approved).date(),
            f"vergadering-{pk}-notulen",
            "application/pdf",
            pk,
            None,
            pk,
        ),
        f"stuk-{meeting.loose.pk}": (
            f"stuk-{meeting.loose.pk}",
            "Los stuk",
            "",
            "vergaderstuk",
            V,
            Handling.ONTVANGST,
            f"/vergaderingen/documenten/{meeting.loose.pk}/",
            day_of(meeting.loose),
            f"vergaderstuk-{meeting.loose.pk}",
            "application/octet-stream",
            pk,
            None,
            None,
        ),
        f"stuk-{meeting.on_item.pk}": (
            f"stuk-{meeting.on_item.pk}",
            "Stuk bij punt",
            "",
            "vergaderstuk",
            V,
            Handling.ONTVANGST,
            f"/vergaderingen/documenten/{meeting.on_item.pk}/",
            day_of(meeting.on_item),
            f"vergaderstuk-{meeting.on_item.pk}",
            "application/pdf",
            pk,
            meeting.public_item.pk,
            None,
        ),
    }


def day_of(doc):
    return timezone.localtime(Document.objects.get(pk=doc.pk).uploaded_at).date()


def test_minutes_without_an_approval_date_date_from_the_meeting_and_drafts_are_left_out():
    dated = MeetingFactory(start=at(-20))
    Minutes.objects.create(meeting=dated, status=Minutes.Status.APPROVED)
    draft = MeetingFactory(start=at(-5))
    Minutes.objects.create(meeting=draft, status=Minutes.Status.DRAFT)
    minutes = [d for d in selectors.meeting_documents() if d.kind == "notulen"]
    assert [(d.id, d.created) for d in minutes] == [
        (f"notulen-{dated.pk}", timezone.localdate() - datetime.timedelta(days=20))
    ]


def test_publications_are_annual_documents_or_research_by_their_kind():
    for kind in ("annual_plan", "annual_report", "research"):
        Publication.objects.create(
            kind=kind,
            year=2025,
            title=kind,
            summary=f"Over {kind}",
            file="p.pdf",
            published_at=timezone.now(),
        )
    docs = sorted(
        (d.title, d.kind, d.category, d.description) for d in selectors.publication_documents()
    )
    assert docs == [
        ("annual_plan", "jaarplan", Category.JAARSTUKKEN, "Over annual_plan"),
        ("annual_report", "jaarverslag", Category.JAARSTUKKEN, "Over annual_report"),
        ("research", "onderzoeksrapport", Category.ONDERZOEK, "Over research"),
    ]


def test_a_file_of_unknown_type_is_an_octet_stream():
    assert selectors.media_type("brief.pdf") == "application/pdf"
    assert selectors.media_type("stuk.onbekend") == "application/octet-stream"


# --- the API's meetings and agenda items -------------------------------------------------


def test_api_meetings_carry_only_their_public_items_and_documents(meeting):
    [got] = selectors.api_meetings()
    assert [i.pk for i in got.public_items] == [meeting.public_item.pk]
    assert {d.pk for d in got.public_documents} == {meeting.loose.pk, meeting.on_item.pk}


def test_api_meetings_newest_first_a_tie_by_the_higher_id():
    start = at(-3)
    first = MeetingFactory(start=start)
    second = MeetingFactory(start=start)
    older = MeetingFactory(start=at(-30))
    newer = MeetingFactory(start=at(-1))
    assert list(selectors.api_meetings()) == [newer, second, first, older]


def test_api_agenda_items_carry_only_their_public_documents(meeting):
    document(meeting, agenda_item=meeting.public_item, is_public=False, title="Geheim bij punt")
    [item] = selectors.api_agenda_items()
    assert item == meeting.public_item
    assert [d.pk for d in item.public_documents] == [meeting.on_item.pk]


def test_api_agenda_items_of_one_meeting_by_position_newest_meeting_first():
    old = MeetingFactory(start=at(-30))
    new = MeetingFactory(start=at(-2))
    second = AgendaItemFactory(meeting=new, position=2)
    first = AgendaItemFactory(meeting=new, position=1)
    tie = AgendaItemFactory(meeting=new, position=2)
    earlier = AgendaItemFactory(meeting=old, position=1)
    assert list(selectors.api_agenda_items()) == [first, second, tie, earlier]
    assert list(selectors.api_agenda_items(meeting_id=old.pk)) == [earlier]
    assert list(selectors.api_agenda_items(meeting_id=new.pk)) == [first, second, tie]


def test_api_agenda_items_of_meetings_starting_together_go_by_meeting():
    start = at(-2)
    a, b = MeetingFactory(start=start), MeetingFactory(start=start)
    of_b = AgendaItemFactory(meeting=b, position=1)
    of_a = AgendaItemFactory(meeting=a, position=2)
    assert list(selectors.api_agenda_items()) == [of_a, of_b]


# --- "Waar we aan werken" ----------------------------------------------------------------


def test_public_dossiers_by_title_with_their_published_advices_newest_first_in_two_queries(
    django_assert_num_queries,
):
    b = DossierFactory(title="Bijstand", is_public=True)
    a = DossierFactory(title="Armoede", is_public=True)
    a_too = DossierFactory(title="Armoede", is_public=True)
    DossierFactory(title="Intern", is_public=False)
    DossierFactory(title="Voorstel", is_public=True, status=Dossier.Status.PROPOSED)
    now = timezone.now()
    new = published_advice(dossier=a, published_at=now - datetime.timedelta(days=1))
    tie = published_advice(dossier=a, published_at=now - datetime.timedelta(days=1))
    old = published_advice(dossier=a, published_at=now - datetime.timedelta(days=9))
    published_advice(dossier=a, is_public=False)
    Dossier.objects.filter(pk=a.pk).update(description="Bijgewerkt")  # now stored after a_too
    with django_assert_num_queries(2):
        dossiers = selectors.public_dossiers()
        shown = [
            (
                d.title,
                d.description,
                d.domain,
                [(x.title, x.slug, x.reference, x.published_at) for x in d.public_advices],
            )
            for d in dossiers
        ]
    assert dossiers == [a, a_too, b]
    assert [x[0] for x in shown[0][3]] == [tie.title, new.title, old.title]
    assert shown[1][3] == [] and shown[2][3] == []


# --- advices -----------------------------------------------------------------------------


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_an_advices_letter_request_and_response_with_their_fields():
    from adviezen.models import Advice, CollegeResponse

    letter_day = timezone.localdate() - datetime.timedelta(days=30)
    advice = published_advice(
        title="Minima",
        summary="Verruim de regeling.",
        letter_date=letter_day,
        request_date=letter_day - datetime.timedelta(days=60),
        request_document="adviezen/aanvragen/aanvraag.docx",
        published_at=_ago(5),
    )
    Advice.objects.filter(pk=advice.pk).update(updated_at=_ago(4))
    response = CollegeResponse.objects.create(
        advice=advice,
        received_on=letter_day + datetime.timedelta(days=20),
        summary="Overgenomen.",
        document="adviezen/reacties/reactie.odt",
    )
    CollegeResponse.objects.filter(pk=response.pk).update(registered_at=_ago(1))
    docs = {d.id: d for d in selectors.advice_documents(publish_requests=True)}
    pk, ref, A = advice.pk, advice.reference, Category.ADVIEZEN
    letter, request, reply = docs[f"advies-{pk}"], docs[f"aanvraag-{pk}"], docs[f"reactie-{pk}"]
    assert _fields(letter) == (
        f"advies-{pk}",
        "Minima",
        "Verruim de regeling.",
        "advies",
        A,
        Handling.VASTSTELLING,
        f"/adviezen/{advice.slug}/pdf/",
        letter_day,
        ref,
        "application/pdf",
        None,
        None,
        None,
    )
    assert _fields(request)[2:4] == ("", "adviesaanvraag")
    assert request.created == letter_day - datetime.timedelta(days=60)
    assert request.identifier == f"{ref}-aanvraag" and request.handling == Handling.ONTVANGST
    assert request.media_type.endswith("wordprocessingml.document")
    assert _fields(reply)[1:4] == ("Reactie van het college: Minima", "", "reactie")
    assert reply.created == letter_day + datetime.timedelta(days=20)
    assert reply.media_type == "application/vnd.oasis.opendocument.text"
    advice.refresh_from_db()
    assert letter.changed == request.changed == advice.updated_at
    assert reply.changed == CollegeResponse.objects.get().registered_at


def test_an_advice_changed_last_when_published_after_its_last_edit_and_a_response_before():
    from adviezen.models import Advice, CollegeResponse

    advice = published_advice(published_at=_ago(1), sent_at=_ago(10))
    Advice.objects.filter(pk=advice.pk).update(updated_at=_ago(3))
    CollegeResponse.objects.filter(pk=college_reply(advice).pk).update(registered_at=_ago(2))
    advice.refresh_from_db()
    docs = {d.kind: d for d in selectors.advice_documents(publish_requests=False)}
    assert docs["advies"].changed == advice.published_at
    assert docs["reactie"].changed == advice.published_at


def college_reply(advice):
    from tests.factories.adviezen import college_response

    return college_response(advice, document="adviezen/reacties/reactie.pdf")


def test_an_advice_letter_dates_from_its_letter_else_sending_else_publishing():
    sent = published_advice(sent_at=_ago(10), published_at=_ago(2))
    unsent = published_advice(sent_at=None, published_at=_ago(2), request_document="a.pdf")
    docs = {d.id: d for d in selectors.advice_documents(publish_requests=True)}
    day = timezone.localdate()
    assert docs[f"advies-{sent.pk}"].created == day - datetime.timedelta(days=10)
    assert docs[f"advies-{unsent.pk}"].created == day - datetime.timedelta(days=2)
    unsent.request_date = None
    unsent.save()
    docs = {d.id: d for d in selectors.advice_documents(publish_requests=True)}
    assert docs[f"aanvraag-{unsent.pk}"].created == day - datetime.timedelta(days=2)


# --- all documents, and what changed -----------------------------------------------------


def test_public_documents_newest_change_first_and_only_the_sources_asked_for(
    meeting, django_assert_num_queries
):
    published_advice()
    Publication.objects.create(
        kind="research", year=2025, title="Rapport", file="p.pdf", published_at=_ago(400)
    )
    docs = selectors.public_documents(publish_requests=False)
    keys = [(d.changed, d.id) for d in docs]
    assert keys == sorted(keys, reverse=True) and len(keys) == 5
    assert docs[-1].title == "Rapport"
    with django_assert_num_queries(1):
        advices = selectors.public_documents(
            publish_requests=False, categories=frozenset({Category.ADVIEZEN})
        )
    assert [d.kind for d in advices] == ["advies"]


def _stamp(model, obj, **stamps):
    model.objects.filter(pk=obj.pk).update(**stamps)


def _changed(meeting):
    return selectors.meetings_with_changes().get(pk=meeting.pk).changed


def test_a_meeting_changed_at_its_latest_public_change_never_a_confidential_one(meeting):
    from meetings.models import AgendaItem, Meeting

    t = [timezone.now() - datetime.timedelta(hours=h) for h in (10, 8, 6, 4, 2, 1)]
    _stamp(Meeting, meeting, updated_at=t[0])
    _stamp(AgendaItem, meeting.public_item, updated_at=t[0])
    _stamp(AgendaItem, meeting.closed_item, updated_at=t[5])
    Document.objects.filter(meeting=meeting).update(uploaded_at=t[0])
    Document.objects.filter(meeting=meeting, is_public=False).update(uploaded_at=t[5])
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.DRAFT)
    _stamp(Minutes, minutes, updated_at=t[5])
    assert _changed(meeting) == t[0]
    _stamp(AgendaItem, meeting.public_item, updated_at=t[1])
    assert _changed(meeting) == t[1]
    _stamp(Document, meeting.loose, uploaded_at=t[2])
    assert _changed(meeting) == t[2]
    _stamp(Minutes, minutes, status=Minutes.Status.APPROVED, updated_at=t[3])
    assert _changed(meeting) == t[3]
    _stamp(Minutes, minutes, updated_at=t[1])
    assert _changed(meeting) == t[2]


def test_a_meeting_edited_after_its_items_documents_and_minutes_changed_then(meeting):
    from meetings.models import AgendaItem, Meeting

    old, new = _ago(3), _ago(1)
    AgendaItem.objects.filter(meeting=meeting).update(updated_at=old)
    Document.objects.filter(meeting=meeting).update(uploaded_at=old)
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.APPROVED)
    _stamp(Minutes, minutes, updated_at=old)
    _stamp(Meeting, meeting, updated_at=new)
    assert _changed(meeting) == new


def test_a_meeting_without_items_documents_or_minutes_changed_when_it_was_edited():
    from meetings.models import Meeting

    bare = MeetingFactory()
    _stamp(Meeting, bare, updated_at=_ago(5))
    assert _changed(bare) == Meeting.objects.get(pk=bare.pk).updated_at


def test_api_agenda_items_of_a_meeting_in_agenda_order_as_the_public_agenda_numbers_them():
    from meetings.models import AgendaItem

    m = MeetingFactory(start=at(-2))
    S = AgendaItem.Section
    closing = AgendaItemFactory(meeting=m, section=S.CLOSING, position=1)
    advices = AgendaItemFactory(meeting=m, section=S.ADVICES, position=1)
    opening = AgendaItemFactory(meeting=m, section=S.OPENING, position=9)
    updates = AgendaItemFactory(meeting=m, section=S.UPDATES, position=1)
    assert list(selectors.api_agenda_items()) == [opening, updates, advices, closing]
