"""Agenda rules on both sides of each boundary (docs/rules.md, D9, D10)."""

import datetime

import pytest

from meetings import rules


def _item(pk, title="Punt", duration=15):
    return {"id": pk, "title": title, "section": "advices", "duration": duration, "is_public": True}


def _snapshot(*items, start="2025-03-11T19:30", location="Stadhuis"):
    return {"start": start, "location": location, "items": list(items)}


def test_sending_the_agenda_again_says_what_changed():
    old = _snapshot(_item(1, "Wmo"), _item(2, "Jeugd"), _item(3, "Rondvraag"))
    new = _snapshot(
        _item(2, "Jeugdzorg"),
        _item(1, "Wmo", duration=30),
        _item(4, "Armoede"),
        start="2025-03-11T20:00",
        location="",
    )
    assert rules.agenda_changes(old, new) == [
        "De aanvangstijd is gewijzigd.",
        "De locatie is gewijzigd in nog onbekend.",
        "Agendapunt 'Jeugd' heet nu 'Jeugdzorg'.",
        "De duur van 'Wmo' is gewijzigd.",
        "Nieuw agendapunt: Armoede.",
        "Vervallen agendapunt: Rondvraag.",
        "De volgorde van de agendapunten is gewijzigd.",
    ]


def test_a_new_location_is_named():
    old = _snapshot(location="Stadhuis")
    new = _snapshot(location="Bibliotheek")
    assert rules.agenda_changes(old, new) == ["De locatie is gewijzigd in Bibliotheek."]


def test_snapshots_without_items_compare_as_empty_agendas():
    assert rules.agenda_changes({"start": "a"}, {"start": "a"}) == []
    assert rules.agenda_changes({"start": "a"}, {"start": "a", "items": [_item(1)]}) == [
        "Nieuw agendapunt: Punt."
    ]
    assert rules.agenda_changes({"start": "a", "items": [_item(1)]}, {"start": "a"}) == [
        "Vervallen agendapunt: Punt."
    ]


def test_moving_an_item_down_swaps_it_with_the_next_one_only():
    assert rules.move([1, 2, 3, 4], 1, "down") == [2, 1, 3, 4]
    assert rules.move([1, 2, 3, 4], 3, "up") == [1, 3, 2, 4]
    assert rules.move([1, 2, 3], 3, "down") == [1, 2, 3]


@pytest.mark.parametrize(("n", "expected"), [(1, 4), (2, 11), (5, None), (0, None), (-1, 25)])
def test_the_nth_weekday_of_a_month(n, expected):
    # March 2025: Tuesdays 4, 11, 18, 25
    day = rules.nth_weekday(2025, 3, weekday=1, n=n)
    assert day == (datetime.date(2025, 3, expected) if expected else None)
