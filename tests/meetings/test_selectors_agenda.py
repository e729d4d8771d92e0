"""The agenda as the selectors build it: order, numbers, start times, sections and documents."""

import datetime

import pytest
from django.utils import timezone

from meetings import selectors
from meetings.models import AgendaItem, AgendaPackSending, Document, Minutes
from tests.factories.adviezen import AdviceFactory, DossierFactory, SignalFactory
from tests.factories.meetings import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

S = AgendaItem.Section


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


def item(meeting, title, section=S.OTHER, position=0, minutes=10, is_public=True):
    return AgendaItemFactory(
        meeting=meeting,
        title=title,
        section=section,
        position=position,
        duration_minutes=minutes,
        is_public=is_public,
    )


def titles(items):
    return [i.title for i in items]


# --- order, numbers and times ------------------------------------------------------------


def test_items_come_by_section_then_position_then_creation():
    m = MeetingFactory()
    item(m, "rest", S.OTHER, position=0)
    item(m, "advies 2", S.ADVICES, position=2)
    item(m, "advies 1b", S.ADVICES, position=1)
    item(m, "advies 1a later", S.ADVICES, position=1)
    item(m, "opening", S.OPENING, position=5)
    item(m, "signaal", S.SIGNALS, position=0)
    assert titles(selectors.agenda_items_ordered(m)) == [
        "opening",
        "advies 1b",
        "advies 1a later",
        "advies 2",
        "signaal",
        "rest",
    ]


def test_an_item_of_an_unknown_section_comes_after_every_known_section():
    m = MeetingFactory()
    item(m, "oud", "legacy", position=0)
    item(m, "sluiting", S.CLOSING, position=9)
    item(m, "opening", S.OPENING, position=9)
    assert titles(selectors.agenda_items_ordered(m)) == ["opening", "sluiting", "oud"]


def test_items_are_numbered_from_one_and_start_when_the_ones_before_end():
    m = MeetingFactory()
    item(m, "a", S.OPENING, minutes=5)
    item(m, "b", S.ADVICES, minutes=20)
    item(m, "c", S.OTHER, minutes=15)
    got = selectors.agenda_items_ordered(m)
    minute = datetime.timedelta(minutes=1)
    assert [(i.number, i.starts_at) for i in got] == [
        (1, m.start),
        (2, m.start + 5 * minute),
        (3, m.start + 25 * minute),
    ]


def test_the_public_agenda_keeps_the_full_agendas_numbers_and_times_with_gaps():
    m = MeetingFactory()
    item(m, "open 1", S.OPENING, minutes=5)
    item(m, "dicht", S.ADVICES, minutes=30, is_public=False)
    item(m, "open 2", S.OTHER, minutes=10)
    got = selectors.agenda_items_ordered(m, public_only=True)
    assert [(i.title, i.number, i.starts_at) for i in got] == [
        ("open 1", 1, m.start),
        ("open 2", 3, m.start + datetime.timedelta(minutes=35)),
    ]
    assert titles(selectors.agenda_items_ordered(m)) == ["open 1", "dicht", "open 2"]


def test_the_full_agenda_brings_advice_dossier_and_signal_in_one_query(
    django_assert_num_queries,
):
    m = MeetingFactory()
    AgendaItemFactory(
        meeting=m, advice=AdviceFactory(), dossier=DossierFactory(), signal=SignalFactory()
    )
    AgendaItemFactory(meeting=m)
    with django_assert_num_queries(1):
        got = [
            (
                i.advice and i.advice.title,
                i.dossier and i.dossier.title,
                i.signal and i.signal.title,
            )
            for i in selectors.agenda_items_ordered(m)
        ]
    assert got[0][0].startswith("Advies") and got[1] == (None, None, None)


def test_only_the_meetings_own_items_are_on_its_agenda():
    m, other = MeetingFactory(), MeetingFactory()
    item(m, "eigen")
    item(other, "ander")
    assert titles(selectors.agenda_items_ordered(m)) == ["eigen"]
    assert titles(selectors.agenda_items_ordered(m, public_only=True)) == ["eigen"]


# --- sections ------------------------------------------------------------------------------


def test_sections_list_every_section_in_order_with_its_label_and_items():
    m = MeetingFactory()
    item(m, "advies", S.ADVICES)
    item(m, "oud", "legacy")
    got = selectors.sections(selectors.agenda_items_ordered(m))
    assert [(s["key"], s["label"], titles(s["items"])) for s in got] == [
        (S.OPENING.value, S.OPENING.label, []),
        (S.UPDATES.value, S.UPDATES.label, []),
        (S.KNOWLEDGE.value, S.KNOWLEDGE.label, []),
        (S.ADVICES.value, S.ADVICES.label, ["advies"]),
        (S.SIGNALS.value, S.SIGNALS.label, []),
        (S.OTHER.value, S.OTHER.label, []),
        (S.CLOSING.value, S.CLOSING.label, []),
    ]


def test_sections_without_the_empty_ones_list_only_sections_with_items():
    m = MeetingFactory()
    item(m, "advies", S.ADVICES)
    item(m, "rest", S.OTHER)
    got = selectors.sections(selectors.agenda_items_ordered(m), include_empty=False)
    assert [(s["key"], titles(s["items"])) for s in got] == [
        (S.ADVICES.value, ["advies"]),
        (S.OTHER.value, ["rest"]),
    ]


# --- the agenda with its documents -----------------------------------------------------------


def _agenda():
    m = MeetingFactory()
    public = item(m, "open", S.OPENING, minutes=15)
    closed = item(m, "dicht", S.ADVICES, minutes=30, is_public=False)
    docs = {
        "open_public": doc(m, agenda_item=public, title="open_public"),
        "open_conf": doc(m, agenda_item=public, title="open_conf", is_public=False),
        "closed_public": doc(m, agenda_item=closed, title="closed_public"),
        "loose_public": doc(m, title="loose_public"),
        "loose_conf": doc(m, title="loose_conf", is_public=False),
    }
    return m, public, closed, docs


def names(docs):
    return [d.title for d in docs]


def test_the_internal_agenda_has_every_item_and_document_in_its_place():
    m, public, closed, _ = _agenda()
    ctx = selectors.agenda_context(m)
    assert titles(ctx["items"]) == ["open", "dicht"]
    assert [names(i.docs) for i in ctx["items"]] == [
        ["open_public", "open_conf"],
        ["closed_public"],
    ]
    assert names(ctx["meeting_documents"]) == ["loose_public", "loose_conf"]
    assert names(ctx["all_documents"]) == [
        "open_public",
        "open_conf",
        "closed_public",
        "loose_public",
        "loose_conf",
    ]
    assert len(ctx["sections"]) == len(AgendaItem.SECTION_ORDER)
    assert ctx["agenda_end"] == m.start + datetime.timedelta(minutes=45)


def test_the_public_agenda_has_public_items_and_only_documents_that_reveal_nothing():
    m, public, closed, _ = _agenda()
    ctx = selectors.agenda_context(m, public_only=True)
    assert titles(ctx["items"]) == ["open"]
    assert [names(i.docs) for i in ctx["items"]] == [["open_public"]]
    assert names(ctx["meeting_documents"]) == ["loose_public"]
    assert names(ctx["all_documents"]) == ["open_public", "loose_public"]
    assert [s["key"] for s in ctx["sections"]] == [S.OPENING.value]
    assert ctx["agenda_end"] == m.start + datetime.timedelta(minutes=15)


def test_an_item_without_documents_gets_an_empty_list():
    m = MeetingFactory()
    item(m, "leeg")
    for public_only in (False, True):
        ctx = selectors.agenda_context(m, public_only=public_only)
        assert [i.docs for i in ctx["items"]] == [[]]
        assert ctx["meeting_documents"] == []


def test_an_agenda_without_items_has_no_end():
    m = MeetingFactory()
    assert selectors.agenda_context(m)["agenda_end"] is None


def test_each_documents_item_is_the_agenda_item_already_loaded(django_assert_num_queries):
    m, public, closed, _ = _agenda()
    ctx = selectors.agenda_context(m)
    with django_assert_num_queries(0):
        pairs = [(d.title, d.agenda_item.number) for i in ctx["items"] for d in i.docs]
    assert pairs == [("open_public", 1), ("open_conf", 1), ("closed_public", 2)]


# --- the last sending and the minutes ---------------------------------------------------------


def test_the_last_sending_is_the_latest_created_then_the_highest_id():
    m = MeetingFactory()
    assert selectors.last_sending(m) is None
    first = AgendaPackSending.objects.create(meeting=m, snapshot={"a": 1})
    second = AgendaPackSending.objects.create(meeting=m)
    AgendaPackSending.objects.create(meeting=MeetingFactory())
    now = timezone.now()
    AgendaPackSending.objects.filter(pk__in=[first.pk, second.pk]).update(created_at=now)
    assert selectors.last_sending(m) == second
    AgendaPackSending.objects.filter(pk=first.pk).update(
        created_at=now + datetime.timedelta(seconds=1)
    )
    assert selectors.last_sending(m) == first


def test_the_last_sending_leaves_out_its_snapshot_and_delivery_list(django_assert_num_queries):
    m = MeetingFactory()
    AgendaPackSending.objects.create(meeting=m, snapshot={"a": 1}, delivered=["x"])
    with django_assert_num_queries(1):
        got = selectors.last_sending(m)
    assert got.get_deferred_fields() == {"snapshot", "delivered"}


def test_minutes_get_gives_the_minutes_or_none():
    m = MeetingFactory()
    assert selectors.minutes_get(m) is None
    minutes = Minutes.objects.create(meeting=m)
    m.refresh_from_db()
    assert selectors.minutes_get(m) == minutes
