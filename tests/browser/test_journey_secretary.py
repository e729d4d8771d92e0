"""The secretary's month in Chromium (issue 13, journey tests): plans next month's plenary,
builds its agenda, uploads a document, sends the pack; records the attendance and the minutes
of last week's plenary and puts those minutes on the new meeting's agenda for approval; adds
action items; triages the residents' signals. Every page on the way passes ``check_page``
(axe-core, no duplicate id, no sideways scroll at 375 or 1280 px)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from adviezen.models import Signal
from meetings.models import ActionItem, AgendaItem, Attendance, Document, Meeting, Minutes
from tests.browser.checks import check_page
from tests.browser.month import choose, flash, go, log_in_as, start_of_month
from tests.factories.adviezen import DossierFactory, SignalFactory
from tests.factories.meetings import PDF_BYTES, AgendaItemFactory, LocationFactory, at
from tests.processes import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def month(secretary, chair, member, other_member):
    """The month begins: last week's plenary was held (its agenda in place, nothing recorded
    yet), two neighbourhood centres to meet in, a dossier, and two signals from residents."""
    council = start_of_month(secretary=secretary, chair=chair, member=member, others=[other_member])
    LocationFactory(name="Wijkcentrum De Brug", address="Brugstraat 12")
    LocationFactory(name="Buurthuis Het Anker", address="Havenweg 3")
    held = Meeting.objects.create(
        kind=Meeting.Kind.PLENARY,
        title="Plenaire vergadering november",
        start=at(-7),
        end=at(-7, 22, 0),
        status=Meeting.Status.HELD,
        location=LocationFactory(name="Wijkcentrum De Brug"),
    )
    for position, (section, title) in enumerate(
        [
            ("opening", "Opening en mededelingen"),
            ("advices", "Advies beschut werk"),
            ("closing", "Rondvraag en sluiting"),
        ]
    ):
        AgendaItemFactory(meeting=held, section=section, title=title, position=position)
    dossier = DossierFactory(title="Schuldhulpverlening", domain="inkomen")
    waits = SignalFactory(
        title="Lange wachttijd schuldhulp", description="Ik wacht al vier maanden op hulp."
    )
    bus = SignalFactory(
        title="Buurtbus rijdt niet meer op zaterdag",
        description="Mijn moeder kan nu niet meer naar de markt.",
    )
    return council, held, dossier, waits, bus


def test_the_secretarys_month(page, month, tmp_path):
    council, held, dossier, waits, bus = month
    log_in_as(page, council.secretary)
    check_page(page, "secretary-dashboard")

    # --- plan next month's plenary --------------------------------------------------------
    go(page, "Vergaderingen")
    check_page(page, "secretary-meetings")
    page.get_by_role("link", name="Vergadering plannen").click()
    start = at(33, 19, 30)
    page.get_by_label("Titel").fill("Plenaire vergadering januari")
    page.get_by_label("Begin").fill(timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Einde").fill(
        timezone.localtime(start + datetime.timedelta(hours=2, minutes=30)).strftime(
            "%Y-%m-%dT%H:%M"
        )
    )
    choose(page.get_by_label("Locatie"), "Buurthuis Het Anker")
    page.get_by_label("Openbare vergadering").check()
    check_page(page, "secretary-meeting-form")
    page.get_by_role("button", name=re.compile("opslaan|plannen", re.I)).click()
    assert "De vergadering is gepland." in flash(page)
    meeting = Meeting.objects.get(title="Plenaire vergadering januari")
    assert meeting.is_public and meeting.location.name == "Buurthuis Het Anker"
    page.wait_for_url(f"**/intern/vergaderingen/{meeting.pk}/")

    # --- build the agenda -----------------------------------------------------------------
    template = meeting.items.count()  # a plenary starts from the council's agenda template
    item_form = page.locator("#item-add")
    for section, title, minutes in (
        ("Adviezen", "Advies minimaregeling 2027", 30),
        ("Kennisoverdracht", "Presentatie Werkplein", 25),
    ):
        item_form.get_by_label("Titel").fill(title)
        item_form.get_by_label("Onderdeel").select_option(label=section)
        item_form.get_by_label("Duur (minuten)").fill(str(minutes))
        item_form.get_by_role("button", name="Agendapunt toevoegen").click()
        page.locator("#agenda").get_by_text(title).first.wait_for()
    assert meeting.items.count() == template + 2
    # the presentation goes first within its section
    page.get_by_role("button", name="Presentatie Werkplein omhoog").click()
    knowledge = meeting.items.filter(section="knowledge").order_by("position")
    wait_for(
        lambda: knowledge.first().title == "Presentatie Werkplein",
        timeout=10,
        what="the moved item to come first",
    )
    check_page(page, "secretary-agenda")

    # --- a document with the advice item --------------------------------------------------
    # (no reload: the document form's item list follows the agenda items added by htmx)
    documents = page.locator("#documenten")
    upload = tmp_path / "concept minimaregeling.pdf"
    upload.write_bytes(PDF_BYTES)
    documents.get_by_label("Titel").fill("Conceptadvies minimaregeling")
    documents.get_by_label("Bestand").set_input_files(str(upload))
    choose(documents.get_by_label("Bij agendapunt"), "Advies minimaregeling 2027")
    documents.get_by_label("Openbaar document").check()
    documents.get_by_role("button", name="Document uploaden").click()
    page.locator("#documenten").get_by_role("link", name="Conceptadvies minimaregeling").wait_for()
    doc = Document.objects.get()
    assert doc.is_public and doc.agenda_item.title == "Advies minimaregeling 2027"
    # the other forms on the page kept their own values
    assert all(i.is_public for i in AgendaItem.objects.filter(meeting=meeting))
    check_page(page, "secretary-meeting-with-document")

    # --- send the pack --------------------------------------------------------------------
    mail.outbox.clear()
    page.get_by_role("link", name="Agenda versturen").click()
    page.get_by_role("heading", name="Agendapakket versturen", level=1).wait_for()
    assert Meeting.objects.get(pk=meeting.pk).agenda_sent_at is None  # nothing sent yet
    check_page(page, "secretary-pack-confirm")
    page.get_by_role("button", name="Ja, agendapakket versturen").click()
    page.wait_for_url(f"**/intern/vergaderingen/{meeting.pk}/")
    assert "Het agendapakket wordt verstuurd" in flash(page)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT
    sent_to = {address for m in mail.outbox for address in m.to}
    assert {council.member.email, council.chair.email} <= sent_to, sent_to
    check_page(page, "secretary-pack-sent")

    # --- last week's plenary: attendance and minutes ---------------------------------------
    go(page, "Vergaderingen")
    page.get_by_role("link", name="Plenaire vergadering november").first.click()
    page.wait_for_url(f"**/intern/vergaderingen/{held.pk}/")
    page.get_by_role("link", name="Aanwezigheid", exact=True).click()
    for person, status in (
        (council.chair, "aanwezig"),
        (council.member, "aanwezig"),
        (council.others[0], "afgemeld"),
    ):
        page.get_by_label(str(person)).select_option(label=status)
    check_page(page, "secretary-attendance")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.wait_for_load_state()
    statuses = dict(Attendance.objects.filter(meeting=held).values_list("member", "status"))
    assert statuses[council.others[0].pk] == Attendance.Status.EXCUSED
    assert statuses[council.member.pk] == Attendance.Status.PRESENT

    page.goto(f"/intern/vergaderingen/{held.pk}/")
    page.get_by_role("link", name="Notulen", exact=True).click()
    page.get_by_label("Algemene aantekeningen").fill(
        "Acht leden aanwezig. De wethouder schoof aan bij het punt over beschut werk."
    )
    page.get_by_label(re.compile("Advies beschut werk")).fill(
        "Het advies wordt met de aanvullingen van de werkgroep vastgesteld."
    )
    check_page(page, "secretary-minutes-form")
    page.get_by_role("button", name="Notulen opslaan").click()
    page.wait_for_load_state()
    minutes = Minutes.objects.get(meeting=held)
    assert "De wethouder schoof aan" in minutes.notes

    # approval at the next plenary, not now
    page.get_by_label("Vaststellen in de vergadering van").select_option(label=str(meeting))
    page.get_by_role("button", name="Op de agenda zetten").click()
    page.wait_for_load_state()
    minutes.refresh_from_db()
    assert minutes.approval_meeting == meeting and not minutes.is_approved
    assert "Staat ter vaststelling op de agenda van" in page.inner_text("main")
    check_page(page, "secretary-minutes-scheduled")
    # the new plenary's page says so too
    page.goto(f"/intern/vergaderingen/{meeting.pk}/")
    assert "worden in deze vergadering vastgesteld" in page.inner_text("main")

    # --- action items from last week's meeting ------------------------------------------------
    page.goto(f"/intern/vergaderingen/{held.pk}/")
    actions = page.locator("#acties")
    for description, owner, days in (
        ("Reactie beschut werk naar de wethouder sturen", council.chair, 7),
        ("Werkbezoek Werkplein plannen", council.member, 21),
    ):
        actions.get_by_label("Actie").fill(description)
        actions.get_by_label("Eigenaar").select_option(label=str(owner))
        due = timezone.localdate() + datetime.timedelta(days=days)
        actions.get_by_label("Uiterlijk").fill(due.isoformat())
        actions.get_by_role("button", name="Actiepunt toevoegen").click()
        page.wait_for_load_state()
        actions = page.locator("#acties")
        actions.get_by_text(description).first.wait_for()
    assert ActionItem.objects.filter(meeting=held).count() == 2
    check_page(page, "secretary-actions")
    go(page, "Actiepunten")
    assert "Werkbezoek Werkplein plannen" in page.inner_text("main")
    check_page(page, "secretary-action-list")

    # --- triage the signals ------------------------------------------------------------------
    go(page, "Signalen")
    check_page(page, "secretary-signals")
    page.get_by_role("table").get_by_role("link", name="Lange wachttijd schuldhulp").click()
    check_page(page, "secretary-signal")
    page.get_by_label("Actie").select_option(label="Koppelen aan dossier")
    page.get_by_label("Dossier").select_option(label=str(dossier))
    page.get_by_label("Notitie").fill("Past bij het dossier schuldhulpverlening.")
    page.get_by_role("button", name="Actie uitvoeren").click()
    assert "Het signaal is bijgewerkt." in flash(page)
    assert Signal.objects.get(pk=waits.pk).dossier == dossier

    go(page, "Signalen")
    page.get_by_role("table").get_by_role(
        "link", name="Buurtbus rijdt niet meer op zaterdag"
    ).click()
    page.get_by_label("Actie").select_option(label="Agenderen")
    page.get_by_label("Vergadering").select_option(label=str(meeting))
    page.get_by_role("button", name="Actie uitvoeren").click()
    assert "Het signaal is bijgewerkt." in flash(page)
    assert meeting.items.filter(title__icontains="Buurtbus").exists()
    check_page(page, "secretary-signal-on-agenda")
