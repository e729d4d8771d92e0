"""A member's month in Chromium (issue 13, journey tests): posts an update for the next
plenary and sends apologies for it, comments on a draft advice, votes in a written ballot and
changes the vote, and submits a declaration with a receipt, a kilometre line and the allowance for a meeting. Every
page on the way passes ``check_page`` (axe-core, no duplicate id, no sideways scroll at 375
or 1280 px)."""

import datetime
import re

import pytest
from django.utils import timezone

from adviezen import services as advice_services
from adviezen.models import Comment, Vote
from budget.models import Declaration
from meetings.models import Attendance, Meeting, Update
from tests.browser.checks import check_page
from tests.browser.month import flash, go, log_in_as, start_of_month
from tests.factories.budget import VALID_IBAN, BudgetYearFactory, pdf_bytes
from tests.factories.meetings import MeetingFactory, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def month(secretary, chair, member, other_member):
    """The month begins: last week's plenary (the member was there), the next one with its
    agenda sent, a draft advice of the member's working group with a first version, and a
    written ballot the chair opened on another advice."""
    council = start_of_month(secretary=secretary, chair=chair, member=member, others=[other_member])
    BudgetYearFactory(year=timezone.localdate().year)
    held = MeetingFactory(
        title="Plenaire vergadering november",
        start=at(-7),
        status=Meeting.Status.HELD,
    )
    Attendance.objects.create(meeting=held, member=member, status=Attendance.Status.PRESENT)
    upcoming = MeetingFactory(
        title="Plenaire vergadering december",
        start=at(10),
        status=Meeting.Status.AGENDA_SENT,
        agenda_sent_at=timezone.now() - datetime.timedelta(days=2),
    )

    def in_preparation(title, text):
        advice = advice_services.advice_create(
            by=secretary, title=title, origin="unsolicited", kind="formal", domain="werk"
        )
        advice_services.advice_transition(advice=advice, by=secretary, to="preparation")
        advice_services.advice_version_add(advice=advice, by=chair, text=text)
        return advice

    draft = in_preparation("Beschut werk", "<p>Wij adviseren meer plekken voor beschut werk.</p>")
    voted = in_preparation("Minimaregeling 2027", "<p>Wij adviseren de regeling te verruimen.</p>")
    ballot = advice_services.ballot_open(
        advice=voted,
        by=chair,
        deadline=timezone.now() + datetime.timedelta(days=5),
    )
    return council, held, upcoming, draft, ballot


def test_the_members_month(page, month, tmp_path):
    council, held, upcoming, draft, ballot = month
    member = council.member
    log_in_as(page, member)
    check_page(page, "member-dashboard")

    # --- an update for the next plenary, on behalf of the working group -------------------
    go(page, "Vergaderingen")
    check_page(page, "member-meetings")
    page.get_by_role("link", name="Plenaire vergadering december").first.click()
    page.wait_for_url(f"**/intern/vergaderingen/{upcoming.pk}/")
    check_page(page, "member-meeting")
    page.get_by_role("link", name="Update plaatsen").click()
    page.get_by_label("Je update").fill(
        "Gesprek gehad met het Werkplein over beschut werk\nVolgende stap: werkbezoek in januari"
    )
    page.get_by_label("Namens werkgroep").select_option(label=str(council.group))
    check_page(page, "member-update-form")
    page.get_by_role("button", name="Update plaatsen").click()
    assert "Je update is geplaatst." in flash(page)
    updates = page.locator("#updates")
    assert "Volgende stap: werkbezoek in januari" in updates.inner_text()
    assert Update.objects.get().working_group == council.group

    # --- apologies: the member cannot come to that plenary --------------------------------
    apologies = page.locator("#afmelden")
    apologies.get_by_label("Toelichting (niet verplicht)").fill("Ik ben die week op vakantie.")
    apologies.get_by_role("button", name="Afmelden voor deze vergadering").click()
    assert "Je bent afgemeld voor" in flash(page)
    page.locator("#afmelden").get_by_text("Je bent afgemeld voor deze vergadering.").wait_for()
    absent = Attendance.objects.get(meeting=upcoming, member=member)
    assert (absent.status, absent.note) == ("excused", "Ik ben die week op vakantie.")
    check_page(page, "member-meeting-apologies")

    # --- a comment on the draft -----------------------------------------------------------
    go(page, "Adviezen")
    page.get_by_role("link", name="Beschut werk").click()
    page.get_by_role("link", name="Versie 1").click()
    check_page(page, "member-version")
    page.get_by_label("Je reactie").fill("Noem ook het vervoer naar de werkplek.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.get_by_text("Noem ook het vervoer naar de werkplek.").first.wait_for()
    assert Comment.objects.get().author == member
    check_page(page, "member-version-commented")

    # --- vote, then change the vote --------------------------------------------------------
    page.goto("/dashboard/")
    page.get_by_role("link", name="Minimaregeling 2027").click()
    page.wait_for_url(f"**/stemming/{ballot.pk}/")
    check_page(page, "member-ballot")
    page.get_by_label("voor", exact=True).check()
    page.get_by_role("button", name="Stem uitbrengen").click()
    page.get_by_text("Je stem is opgeslagen.").wait_for()
    assert Vote.objects.get(member=member).choice == "yes"
    page.get_by_label("tegen", exact=True).check()
    page.get_by_role("button", name="Stem uitbrengen").click()
    page.get_by_text("Je stemde: tegen").wait_for()
    assert Vote.objects.get(member=member).choice == "against"
    check_page(page, "member-ballot-voted")

    # --- a declaration: receipt, kilometres, the meeting's allowance -----------------------
    go(page, "Declaraties")
    check_page(page, "member-declarations")
    page.get_by_role("link", name="Mijn rekeningnummer").click()
    page.get_by_label("IBAN").fill(VALID_IBAN)
    check_page(page, "member-iban")
    page.get_by_role("button", name="Rekeningnummer opslaan").click()
    page.wait_for_load_state()
    go(page, "Declaraties")
    page.get_by_role("link", name="Nieuwe declaratie").click()
    page.get_by_label("Omschrijving").fill("Kosten november")
    check_page(page, "member-declaration-new")
    page.get_by_role("button", name="Declaratie aanmaken").click()
    page.wait_for_url("**/declaraties/*/")
    year = timezone.localdate().year

    page.get_by_role("link", name="Onkosten toevoegen").click()
    page.get_by_label("Begrotingspost").select_option(label=f"overig {year}")
    page.get_by_label("Datum").fill(held.start.date().isoformat())
    page.get_by_label("Omschrijving").fill("Parkeren bij het wijkcentrum")
    page.get_by_label("Bedrag (€)").fill("6,80")
    receipt = tmp_path / "parkeerbon.pdf"
    receipt.write_bytes(pdf_bytes())
    page.get_by_label("Bon of factuur").set_input_files(str(receipt))
    check_page(page, "member-line-expense")
    page.get_by_role("button", name="Regel toevoegen").click()
    page.wait_for_url("**/declaraties/*/")

    page.get_by_role("link", name="Reis toevoegen").click()
    page.get_by_label("Begrotingspost").select_option(label=f"werkbezoeken {year}")
    page.get_by_label("Datum").fill(held.start.date().isoformat())
    page.get_by_label("Omschrijving").fill("Werkbezoek Werkplein, heen en terug")
    page.get_by_label("Kilometers").fill("24,5")
    check_page(page, "member-line-journey")
    page.get_by_role("button", name="Regel toevoegen").click()
    page.wait_for_url("**/declaraties/*/")

    page.get_by_label("Van").fill((held.start.date() - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Tot en met").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Vergaderingen overnemen").click()
    page.wait_for_url("**/declaraties/*/")
    assert "toegevoegd" in flash(page)
    declaration = Declaration.objects.get()
    kinds = sorted(declaration.lines.values_list("kind", flat=True))
    assert kinds == ["allowance", "expense", "journey"], kinds
    assert re.search(r"parkeerbon\.pdf", page.inner_text("main"))
    check_page(page, "member-declaration-draft")

    page.get_by_role("button", name="Declaratie indienen").click()
    page.wait_for_load_state()
    assert Declaration.objects.get().status == "submitted"
    check_page(page, "member-declaration-submitted")
