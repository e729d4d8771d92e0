"""Locations managed in the app by the secretary (issue 13.15): list, add, edit, delete one
that no meeting uses, and choose one when planning a meeting."""

import pytest
from django.urls import reverse

from adviesraad.models import AuditEntry
from meetings import rules
from meetings.models import Location, Meeting
from meetings.services import MeetingError
from meetings.services.locations import location_create, location_delete, location_update
from tests.factories.meetings import LocationFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Wijkcentrum De Brug",
    "address": "Brugstraat 12",
    "accessibility": "Drempelvrij, lift naar de zaal, ringleiding",
    "notes": "",
    "is_active": "on",
}


def test_a_location_may_be_deleted_only_when_no_meeting_uses_it():
    assert rules.location_may_be_deleted(meetings_using=0)
    assert not rules.location_may_be_deleted(meetings_using=1)


def test_secretary_adds_edits_and_lists_a_location(client, secretary):
    client.force_login(secretary)
    resp = client.post(reverse("meetings:location_create"), NEW)
    assert resp.status_code == 302
    loc = Location.objects.get(name="Wijkcentrum De Brug")
    assert loc.accessibility.startswith("Drempelvrij") and loc.label == (
        "Wijkcentrum De Brug, Brugstraat 12"
    )
    resp = client.post(
        reverse("meetings:location_update", args=[loc.pk]), {**NEW, "address": "Brugstraat 14"}
    )
    assert resp.status_code == 302
    loc.refresh_from_db()
    assert loc.address == "Brugstraat 14"
    page = client.get(reverse("meetings:location_list")).content.decode()
    assert "Wijkcentrum De Brug" in page and "Brugstraat 14" in page and "ringleiding" in page
    assert AuditEntry.objects.filter(action__startswith="location.").count() == 2


def test_a_duplicate_name_is_refused_next_to_the_field_and_keeps_the_input(client, secretary):
    LocationFactory(name="Wijkcentrum De Brug")
    client.force_login(secretary)
    resp = client.post(reverse("meetings:location_create"), {**NEW, "name": "wijkcentrum de brug"})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Er is al een locatie met deze naam." in body
    assert "Drempelvrij, lift naar de zaal, ringleiding" in body
    assert Location.objects.count() == 1


def test_a_location_in_use_cannot_be_deleted_with_a_clear_message(client, secretary):
    used = LocationFactory(name="Gemeentehuis")
    MeetingFactory(location=used)
    MeetingFactory(location=used)
    client.force_login(secretary)
    page = client.get(reverse("meetings:location_delete", args=[used.pk])).content.decode()
    assert "in gebruik bij 2 vergaderingen" in page and "Locatie verwijderen</button>" not in page
    resp = client.post(reverse("meetings:location_delete", args=[used.pk]))
    assert resp.status_code == 422
    assert "Gemeentehuis is in gebruik bij 2 vergaderingen" in resp.content.decode()
    assert Location.objects.filter(pk=used.pk).exists()


def test_an_unused_location_is_deleted_after_confirming(client, secretary):
    unused = LocationFactory(name="Buurthuis")
    client.force_login(secretary)
    page = client.get(reverse("meetings:location_delete", args=[unused.pk])).content.decode()
    assert "Locatie verwijderen</button>" in page
    assert Location.objects.filter(pk=unused.pk).exists()  # the GET deletes nothing
    resp = client.post(reverse("meetings:location_delete", args=[unused.pk]))
    assert resp.status_code == 302 and not Location.objects.filter(pk=unused.pk).exists()


def test_services_refuse_an_empty_name_and_a_used_location():
    with pytest.raises(MeetingError, match="naam"):
        location_create(by=None, data={"name": "  "})
    loc = location_create(by=None, data={"name": "De Brug"})
    with pytest.raises(MeetingError, match="naam"):
        location_update(location=loc, by=None, data={"name": ""})
    MeetingFactory(location=loc)
    with pytest.raises(MeetingError, match="in gebruik bij 1 vergadering "):
        location_delete(location=loc, by=None)


def test_members_cannot_manage_locations(client, member):
    client.force_login(member)
    assert client.get(reverse("meetings:location_list")).status_code == 403
    assert client.post(reverse("meetings:location_create"), NEW).status_code == 403
    assert not Location.objects.exists()


def test_planning_offers_active_locations_and_stores_the_choice(client, secretary):
    brug = LocationFactory(name="De Brug")
    old = LocationFactory(name="Oud buurthuis", is_active=False)
    client.force_login(secretary)
    page = client.get(reverse("meetings:create")).content.decode()
    assert "De Brug" in page and "Oud buurthuis" not in page
    resp = client.post(
        reverse("meetings:create"),
        {
            "kind": "plenary",
            "title": "Plenaire vergadering juni",
            "start": "2030-06-11T19:30",
            "end": "2030-06-11T22:00",
            "location": brug.pk,
            "is_public": "on",
        },
    )
    assert resp.status_code == 302
    assert Meeting.objects.get().location == brug
    resp = client.post(
        reverse("meetings:create"),
        {
            "kind": "plenary",
            "title": "Niet hier",
            "start": "2030-07-09T19:30",
            "end": "2030-07-09T22:00",
            "location": old.pk,
        },
    )
    assert resp.status_code == 200 and Meeting.objects.count() == 1


def test_renaming_a_used_location_changes_the_public_page(
    client, secretary, django_capture_on_commit_callbacks
):
    loc = LocationFactory(name="De Brug", address="Brugstraat 12")
    m = MeetingFactory(location=loc, is_public=True)
    url = reverse("meetings_public:detail", args=[m.pk])
    assert "De Brug, Brugstraat 12" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        location_update(location=loc, by=secretary, data={"name": "Wijkcentrum De Brug"})
    assert "Wijkcentrum De Brug, Brugstraat 12" in client.get(url).content.decode()
