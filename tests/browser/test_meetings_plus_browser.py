"""Apologies, locations and cancelling a meeting in Chromium (issue 13.14 and 13.15), through
the interface (clicks and typing). Every page on the way passes axe-core, has no duplicate id
and does not scroll sideways at 375 px; screenshots at 1280 and 375 px go to
/tmp/shots-meetplus-*.png (looked at by hand, not committed)."""

import re

import pytest
from playwright.sync_api import expect

from adviesraad.notifications.models import Notification
from meetings.models import Attendance, Location, Meeting
from tests.browser.checks import check_page as shared_check_page
from tests.conftest import axe_violations, browser_login
from tests.factories.meetings import LocationFactory, MeetingFactory, at
from tests.factories.members import active_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots-meetplus"


def check_page(page, name: str) -> None:
    """The shared page checks (tests/browser/checks.py), screenshots under this file's name."""
    shared_check_page(page, name, shots=SHOTS)


def log_in_as(page, person) -> None:
    page.context.clear_cookies()
    browser_login(page, person)


def test_member_sends_apologies_and_the_secretary_sees_them(page, secretary):
    lid = active_member(email="fatima@test.example", first_name="Fatima", last_name="Lid")
    meeting = MeetingFactory(title="Plenaire vergadering oktober", start=at(10), end=at(10, 22))

    log_in_as(page, lid)
    page.goto(f"/intern/vergaderingen/{meeting.pk}/")
    check_page(page, "lid-vergadering")
    section = page.locator("#afmelden")
    section.get_by_label("Toelichting (niet verplicht)").fill("Ik ben op vakantie")
    section.get_by_role("button", name="Afmelden voor deze vergadering").click()
    expect(page.get_by_text("Je bent afgemeld voor Plenaire vergadering oktober")).to_be_visible()
    expect(section).to_contain_text("Ik ben op vakantie")
    check_page(page, "lid-afgemeld")
    row = Attendance.objects.get(meeting=meeting, member=lid)
    assert (row.status, row.note) == ("excused", "Ik ben op vakantie")

    # the agenda e-mail's link: the apology page, where the member can withdraw
    page.goto(f"/intern/vergaderingen/{meeting.pk}/afmelden/")
    check_page(page, "lid-afmeldpagina")
    page.get_by_role("button", name="Afmelding intrekken").click()
    expect(page.get_by_text("Je afmelding is ingetrokken")).to_be_visible()
    assert not Attendance.objects.filter(meeting=meeting).exists()
    page.locator("#afmelden").get_by_role("button", name="Afmelden voor deze vergadering").click()
    expect(page.locator("#afmelden")).to_contain_text("Je bent afgemeld voor deze vergadering")

    log_in_as(page, secretary)
    page.goto(f"/intern/vergaderingen/{meeting.pk}/")
    expect(page.locator("#afmeldingen")).to_contain_text("Fatima Lid")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}-secretaris-vergadering-1280.png", full_page=True)
    page.get_by_role("link", name="Aanwezigheid", exact=True).click()
    expect(page.get_by_role("heading", name="Afmeldingen")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Fatima Lid")
    expect(page.get_by_label("Fatima Lid")).to_have_value("excused")
    check_page(page, "secretaris-aanwezigheid")


def test_secretary_adds_a_location_and_plans_a_meeting_there(page, secretary):
    used = LocationFactory(name="Gemeentehuis, raadzaal", address="Markt 1")
    MeetingFactory(location=used)
    log_in_as(page, secretary)
    page.goto("/intern/vergaderingen/")
    page.get_by_role("link", name="Locaties").click()
    check_page(page, "locaties")

    # a location in use cannot be deleted: the page says so
    page.get_by_role("link", name=re.compile(r"^Verwijderen\s*: Gemeentehuis")).click()
    expect(page.locator("main")).to_contain_text("in gebruik bij 1 vergadering")
    check_page(page, "locatie-in-gebruik")
    page.get_by_role("link", name="Terug naar de locaties").click()

    page.get_by_role("link", name="Locatie toevoegen").click()
    page.get_by_label("Naam").fill("Wijkcentrum De Brug")
    page.get_by_label("Adres").fill("Brugstraat 12")
    page.get_by_label("Toegankelijkheid").fill("Drempelvrij, lift, ringleiding in de grote zaal")
    check_page(page, "locatie-toevoegen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De locatie is toegevoegd.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("ringleiding in de grote zaal")
    brug = Location.objects.get(name="Wijkcentrum De Brug")

    page.goto("/intern/vergaderingen/nieuw/")
    page.get_by_label("Titel").fill("Plenaire vergadering in De Brug")
    page.get_by_label("Begin").fill("2030-03-12T19:30")
    page.get_by_label("Einde").fill("2030-03-12T22:00")
    page.get_by_label("Locatie").select_option(label="Wijkcentrum De Brug")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vergadering is gepland.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Wijkcentrum De Brug, Brugstraat 12")
    assert Meeting.objects.get(title="Plenaire vergadering in De Brug").location == brug


def test_secretary_cancels_a_meeting_after_confirming(page, secretary):
    lid = active_member(email="anna@test.example", first_name="Anna", last_name="Aal")
    meeting = MeetingFactory(
        title="Plenaire vergadering november", status=Meeting.Status.AGENDA_SENT, is_public=True
    )
    meeting.guests.create(name="Gerda Gast", organisation="Wijkteam", email="gast@org.example")
    log_in_as(page, secretary)
    page.goto(f"/intern/vergaderingen/{meeting.pk}/")
    page.get_by_role("link", name="Vergadering annuleren").click()
    expect(page.get_by_role("heading", name="Vergadering annuleren")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("Anna Aal")
    expect(main).to_contain_text("gast@org.example")
    check_page(page, "annuleren-bevestigen")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT  # the page alone changes nothing

    page.get_by_label("Bericht aan de genodigden (niet verplicht)").fill(
        "We schuiven de punten door naar december."
    )
    page.get_by_role("button", name="Vergadering annuleren en genodigden berichten").click()
    expect(page.get_by_text("De vergadering is geannuleerd.")).to_be_visible()
    expect(page.locator(".badge-status")).to_have_text("geannuleerd")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [lid.pk]

    page.context.clear_cookies()
    page.goto(f"/vergaderingen/{meeting.pk}/")
    expect(page.locator("main")).to_contain_text("Geannuleerd.")
    check_page(page, "openbaar-geannuleerd")
    page.goto("/vergaderingen/")
    expect(page.locator("main")).to_contain_text("Geannuleerd")
