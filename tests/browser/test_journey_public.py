"""A resident's visit in Chromium (issue 13, journey tests), without logging in: the home
page, a search of the advices, an advice with the college's response (and one whose answer is
late), the next meeting's agenda (the confidential item not shown), the iCalendar feed, and a
signal sent after one mistake (the typed text kept). Every page on the way passes
``check_page`` (axe-core, no duplicate id, no sideways scroll at 375 or 1280 px)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adviezen.models import Signal
from meetings.models import Meeting
from tests.browser.checks import check_page
from tests.browser.month import choose, open_pdf
from tests.factories.adviezen import college_response, published_advice
from tests.factories.meetings import (
    PDF_BYTES,
    AgendaItemFactory,
    LocationFactory,
    MeetingFactory,
    at,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(db):
    """What the public site shows on the day: two published advices, one answered by the
    college; the next plenary with a public agenda and one confidential item."""
    today = timezone.localdate()
    answered = published_advice(
        title="Schuldhulpverlening sneller en dichterbij",
        slug="schuldhulpverlening-sneller",
        reference="AR-2026-0007",
        domain="inkomen",
        summary="Bied inwoners met schulden binnen twee weken een eerste gesprek.",
        final_text="<p>De adviesraad adviseert het college de wachttijd te verkorten.</p>",
        sent_at=timezone.now() - datetime.timedelta(days=50),
    )
    college_response(
        answered,
        received_on=today - datetime.timedelta(days=5),
        summary="Het college neemt het advies over en kort de wachttijd in vanaf 1 maart.",
        document=SimpleUploadedFile("reactie.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    published_advice(
        title="Vervoer naar de dagbesteding",
        slug="vervoer-dagbesteding",
        reference="AR-2026-0008",
        domain="wmo",
        summary="Zorg voor vaste chauffeurs.",
        sent_at=timezone.now() - datetime.timedelta(weeks=20),
    )
    meeting = MeetingFactory(
        title="Plenaire vergadering januari",
        start=at(20, 19, 30),
        status=Meeting.Status.AGENDA_SENT,
        location=LocationFactory(name="Buurthuis Het Anker", address="Havenweg 3"),
    )
    for position, (title, public) in enumerate(
        [
            ("Opening en mededelingen", True),
            ("Benoeming nieuw lid", False),
            ("Signaal: lange wachttijd schuldhulp", True),
            ("Sluiting", True),
        ]
    ):
        AgendaItemFactory(meeting=meeting, title=title, is_public=public, position=position)
    return answered, meeting


def test_a_residents_visit(page, site):
    answered, meeting = site

    # --- home ------------------------------------------------------------------------------
    page.goto("/")
    page.get_by_role("heading", level=1).wait_for()
    check_page(page, "public-home")

    # --- search the advices and read one with its response ---------------------------------
    page.get_by_role("link", name="Onze adviezen").click()
    page.wait_for_url("**/adviezen/")
    check_page(page, "public-advices")
    page.get_by_role("searchbox", name="Zoeken").fill("schulden")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/adviezen/?*")
    results = page.locator("main")
    assert "1 advies gevonden" in results.inner_text()
    assert "Vervoer naar de dagbesteding" not in results.inner_text()
    check_page(page, "public-search")
    page.get_by_role("link", name="Schuldhulpverlening sneller en dichterbij").click()
    page.wait_for_url(f"**/adviezen/{answered.slug}/")
    text = page.inner_text("main")
    assert "Bied inwoners met schulden binnen twee weken een eerste gesprek." in text
    assert "Het college neemt het advies over" in text
    check_page(page, "public-advice")
    open_pdf(page, page.get_by_role("link", name="Reactie van het college downloaden"))
    # the other advice waits too long for its answer, and says so
    page.go_back()
    page.get_by_role("searchbox", name="Zoeken").fill("")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Vervoer naar de dagbesteding").click()
    page.get_by_text("Termijn verstreken").wait_for()
    assert "Het college heeft nog niet gereageerd." in page.inner_text("main")
    check_page(page, "public-advice-overdue")

    # --- the next meeting's agenda ---------------------------------------------------------
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    nav.get_by_role("link", name="Vergaderingen").click()
    page.wait_for_url("**/vergaderingen/")
    check_page(page, "public-meetings")
    page.get_by_role("link", name=re.compile("Plenaire vergadering januari")).first.click()
    page.wait_for_url(f"**/vergaderingen/{meeting.pk}/")
    agenda = page.inner_text("main")
    assert "Signaal: lange wachttijd schuldhulp" in agenda
    assert "Benoeming nieuw lid" not in agenda
    assert "Buurthuis Het Anker" in agenda
    check_page(page, "public-meeting")

    # --- the iCalendar feed ------------------------------------------------------------------
    page.goto("/vergaderingen/")
    link = page.get_by_role("link", name="Agenda in uw eigen kalender (iCal)")
    feed = page.request.get(link.get_attribute("href"))
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    ics = feed.text()
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Plenaire vergadering januari" in ics
    assert "Benoeming nieuw lid" not in ics

    # --- a signal: one mistake, the text kept, then sent -------------------------------------
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    nav.get_by_role("link", name="Signaal melden").click()
    page.wait_for_url("**/signaal/")
    check_page(page, "public-signal-form")
    story = "De buurtbus rijdt niet meer op zaterdag. Mijn moeder kan niet meer naar de markt."
    page.get_by_label("Wat wilt u ons laten weten?").fill(story)
    choose(page.get_by_label("Over welk onderwerp gaat het?"), "Wmo")
    page.get_by_label("Uw e-mailadres (niet verplicht)").fill("inwoner@voorbeeld.example")
    page.get_by_label(re.compile("Ik heb de privacyverklaring gelezen")).check()
    page.get_by_role("button", name="Signaal versturen").click()
    page.get_by_label("Wat wilt u ons laten weten?").wait_for()
    assert page.get_by_label("Wat wilt u ons laten weten?").input_value() == story
    assert Signal.objects.count() == 0
    check_page(page, "public-signal-error")
    page.get_by_role("textbox", name=re.compile("^Onderwerp")).fill("Buurtbus op zaterdag")
    if not page.get_by_label(re.compile("Ik heb de privacyverklaring gelezen")).is_checked():
        page.get_by_label(re.compile("Ik heb de privacyverklaring gelezen")).check()
    page.get_by_role("button", name="Signaal versturen").click()
    page.wait_for_url("**/signaal/bedankt/")
    page.get_by_role("heading", name="Bedankt voor uw signaal").wait_for()
    check_page(page, "public-signal-thanks")
    signal = Signal.objects.get()
    assert (signal.title, signal.description) == ("Buurtbus op zaterdag", story)
