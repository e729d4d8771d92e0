"""Meeting rules outside the agenda: apologies until the start, cancelling a planned meeting,
a location's label and deleting an unused location (meetings/rules.py), both sides each."""

from __future__ import annotations

import datetime

from meetings import rules

START = datetime.datetime(2026, 3, 10, 19, 30, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


def test_apology_may_change_until_the_start_of_a_planned_meeting():
    for status in ("draft", "agenda_sent"):
        assert rules.apology_may_change(status=status, start=START, now=START - SECOND)
        # at the start itself it is too late
        assert not rules.apology_may_change(status=status, start=START, now=START)
    for status in ("held", "minutes_approved", "cancelled"):
        assert not rules.apology_may_change(status=status, start=START, now=START - SECOND)
    # a planned meeting that has started: no
    assert not rules.apology_may_change(status="draft", start=START, now=START + SECOND)


def test_meeting_may_be_cancelled_only_while_planned():
    assert rules.meeting_may_be_cancelled(status="draft")
    assert rules.meeting_may_be_cancelled(status="agenda_sent")
    for status in ("held", "minutes_approved", "cancelled"):
        assert not rules.meeting_may_be_cancelled(status=status)


def test_location_label_name_comma_address_or_either_alone():
    assert rules.location_label(name="De Brug", address="Brugstraat 12") == (
        "De Brug, Brugstraat 12"
    )
    assert rules.location_label(name="  De Brug ", address=" Brugstraat 12 ") == (
        "De Brug, Brugstraat 12"
    )
    assert rules.location_label(name="De Brug") == "De Brug"
    assert rules.location_label(name="De Brug", address="  ") == "De Brug"
    assert rules.location_label(name="", address="Brugstraat 12") == "Brugstraat 12"
    assert rules.location_label(name=None, address=None) == ""
    assert rules.location_label(name="", address="") == ""


def test_location_may_be_deleted_only_when_no_meeting_uses_it():
    assert rules.location_may_be_deleted(meetings_using=0)
    assert not rules.location_may_be_deleted(meetings_using=1)
    assert not rules.location_may_be_deleted(meetings_using=2)
