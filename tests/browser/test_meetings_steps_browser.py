"""The secretary's meeting steps in Chromium, by clicking and typing (issue 13, defects 1, 2, 4,
8 and 16): build an agenda and see it run over, upload a public document (its label ticks its
own box), send the agenda pack after the confirmation page counts the recipients, approve the
minutes in a later meeting after confirming, see overdue actions; and the public agenda with
the members' numbers. Every page on the way passes axe-core, has no duplicate id and does not
scroll sideways at 375 px; screenshots go to /tmp/shots-meetfix-*.png."""

import re

import pytest
from playwright.sync_api import expect

from meetings import services
from meetings.models import Document, Meeting
from tests.browser.checks import check_page as shared_check_page
from tests.conftest import browser_login
from tests.factories.meetings import (
    PDF_BYTES,
    ActionItemFactory,
    AgendaItemFactory,
    MeetingFactory,
    at,
)
from tests.factories.members import TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots-meetfix"


def check_page(page, name: str) -> None:
    """The shared page checks (tests/browser/checks.py), screenshots under this file's name."""
    shared_check_page(page, name, shots=SHOTS)


@pytest.fixture
def council(secretary, member, other_member):
    from members.models import CouncilSettings

    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.second_factor_required = False
    cs.save()
    for p in (member, other_member):
        TermFactory(member=p)
    return secretary


def test_secretary_builds_the_agenda_uploads_and_sends_the_pack(page, council, tmp_path):
    m = MeetingFactory(
        title="Plenaire vergadering juni", start=at(10, 19, 30), end=at(10, 20, 30), is_public=True
    )
    AgendaItemFactory(meeting=m, title="Opening", section="opening", duration_minutes=10)
    m.guests.create(name="Wijkteam", email="wijkteam@org.example")
    browser_login(page, council)
    page.goto(f"/intern/vergaderingen/{m.pk}/")
    expect(page.get_by_text("Verwachte sluiting: 19:40")).to_be_visible()

    # add an item by typing; it makes the agenda run past 20:30
    add = page.locator("#item-add")
    add.get_by_label("Titel").fill("Signaal: lange wachttijd schuldhulp")
    add.get_by_label("Onderdeel").select_option(label="Signalen")
    add.get_by_label("Duur (minuten)").fill("60")
    add.get_by_role("button", name="Agendapunt toevoegen").click()
    expect(page.locator("#agenda-status")).to_contain_text("is toegevoegd")
    expect(page.locator("#agenda")).to_contain_text("de agenda loopt uit")
    # the next item is confidential by unticking its own box
    add.get_by_label("Titel").fill("Benoeming voorzitter")
    add.get_by_label("Openbaar agendapunt").uncheck()
    add.get_by_role("button", name="Agendapunt toevoegen").click()
    expect(page.locator("#agenda")).to_contain_text("Benoeming voorzitter")

    # upload a public document: clicking its label ticks the document's box, not the item's
    pdf = tmp_path / "notitie.pdf"
    pdf.write_bytes(PDF_BYTES)
    docs = page.locator("#documenten")
    docs.get_by_label("Titel").fill("Notitie schuldhulp")
    docs.get_by_label("Bestand").set_input_files(str(pdf))
    docs.get_by_text("Openbaar document", exact=True).click()
    expect(add.get_by_label("Openbaar agendapunt")).to_be_checked()
    docs.get_by_role("button", name="Document uploaden").click()
    expect(page.get_by_text("Het document is toegevoegd.")).to_be_visible()
    assert Document.objects.get(title="Notitie schuldhulp").is_public
    check_page(page, "builder")

    # sending asks first and says to whom it goes
    page.get_by_role("link", name="Agenda versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agendapakket versturen")
    expect(page.get_by_text("Het agendapakket gaat naar 2 leden en 1 gast.")).to_be_visible()
    check_page(page, "pack-confirm")
    page.get_by_role("button", name="Ja, agendapakket versturen").click()
    expect(page.get_by_text("Het agendapakket wordt verstuurd")).to_be_visible()
    m.refresh_from_db()
    assert m.status == Meeting.Status.AGENDA_SENT


def test_secretary_approves_the_minutes_in_the_later_meeting(page, council):
    march = MeetingFactory(
        title="Plenaire vergadering maart", start=at(-30), end=at(-30, 22), is_public=True
    )
    AgendaItemFactory(meeting=march, title="Armoedebeleid")
    Meeting.objects.filter(pk=march.pk).update(status=Meeting.Status.HELD)
    march.refresh_from_db()
    services.minutes_save(meeting=march, by=council, notes="Goed overleg")
    april = MeetingFactory(title="Plenaire vergadering april", start=at(-1), end=at(-1, 22))
    browser_login(page, council)
    page.goto(f"/intern/vergaderingen/{march.pk}/notulen/")
    page.get_by_label("Vaststellen in de vergadering van").select_option(label=str(april))
    page.get_by_role("button", name="Op de agenda zetten").click()
    expect(page.get_by_text("staat op de agenda van die vergadering")).to_be_visible()
    check_page(page, "minutes")

    page.get_by_role("link", name=re.compile("^Notulen vaststellen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notulen vaststellen")
    expect(page.locator("main")).to_contain_text(
        "worden vastgesteld in de vergadering Plenaire vergadering april"
    )
    check_page(page, "minutes-confirm")
    page.get_by_role("button", name="Ja, notulen vaststellen").click()
    expect(page.get_by_text("De notulen zijn vastgesteld.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("in de vergadering Plenaire vergadering april")

    page.goto(f"/intern/vergaderingen/{april.pk}/")
    expect(page.locator("main")).to_contain_text("zijn in deze vergadering vastgesteld")
    page.get_by_role("link", name="Plenaire vergadering maart").first.click()
    expect(page.locator("main")).to_contain_text("Vastgesteld in de vergadering")
    check_page(page, "held-meeting")


def test_the_action_list_marks_overdue_actions(page, council, member):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    ActionItemFactory(
        owner=member, description="Wethouder bellen", due_date=today - datetime.timedelta(3)
    )
    ActionItemFactory(
        owner=member, description="Notitie lezen", due_date=today + datetime.timedelta(3)
    )
    browser_login(page, council)
    page.goto("/intern/vergaderingen/")
    page.get_by_role("link", name="Actiepunten").first.click()
    late = page.get_by_role("row", name=re.compile("Wethouder bellen"))
    expect(late).to_contain_text("te laat")
    expect(page.get_by_role("row", name=re.compile("Notitie lezen"))).not_to_contain_text("te laat")
    check_page(page, "actions")


def test_the_public_agenda_keeps_the_members_numbers(page):
    m = MeetingFactory(title="Openbare vergadering mei", start=at(8, 19, 30), end=at(8, 22))
    AgendaItemFactory(meeting=m, title="Opening", section="opening", duration_minutes=10)
    AgendaItemFactory(
        meeting=m, title="Benoeming", section="advices", duration_minutes=30, is_public=False
    )
    AgendaItemFactory(meeting=m, title="Lange wachttijd", section="signals", duration_minutes=20)
    page.goto("/vergaderingen/")
    page.get_by_role("link", name="Openbare vergadering mei").click()
    expect(page.locator("main")).to_contain_text("3. Lange wachttijd")
    expect(page.locator("main")).to_contain_text("20:10")
    expect(page.locator("main")).not_to_contain_text("Benoeming")
    check_page(page, "public-agenda")
