"""The chair's month in Chromium (issue 13, journey tests): reviews a proposed dossier, opens a
ballot in a meeting (show of hands) and a written one, closes a ballot after confirming,
approves an advice on their own authority and signs. Every page on the way passes
``check_page`` (axe-core, no duplicate id, no sideways scroll at 375 or 1280 px)."""

import datetime
import re

import pytest
from django.utils import timezone

from adviezen import services
from adviezen.models import Advice, Ballot, Dossier
from tests.browser.checks import check_page
from tests.browser.month import flash, go, log_in_as, start_of_month
from tests.factories.adviezen import DossierFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.members import role_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def month(secretary, chair, member, other_member):
    """The month begins: a dossier the working group proposed last week, two advices in
    preparation with a first version, tonight's plenary."""
    council = start_of_month(
        secretary=secretary,
        chair=chair,
        member=member,
        others=[other_member, role_user("Leden", first_name="Kees", last_name="Derde")],
    )
    DossierFactory(
        title="Armoede en schuldhulpverlening",
        domain="inkomen",
        description="Minimaregelingen en de toegang tot schuldhulp.",
    )
    dossier = services.dossier_propose(
        by=member,
        title="Wachttijden schuldhulpverlening",
        domain="inkomen",
        description="Inwoners wachten maanden op een eerste gesprek.",
        working_group=council.group,
    )
    advices = []
    for title, text in (
        ("Stadspas voor iedereen", "Wij adviseren de stadspas te verruimen."),
        ("Vervoer naar de dagbesteding", "Wij adviseren vaste chauffeurs."),
    ):
        advice = services.advice_create(
            by=secretary, title=title, origin="unsolicited", kind="formal", domain="inkomen"
        )
        services.advice_transition(advice=advice, by=secretary, to="preparation")
        services.advice_version_add(advice=advice, by=member, text=text)
        advices.append(advice)
    meeting = MeetingFactory(
        title="Plenaire vergadering december", start=timezone.now() - datetime.timedelta(hours=1)
    )
    return council, dossier, advices, meeting


def test_the_chairs_month(page, month):
    council, dossier, (stadspas, vervoer), meeting = month
    log_in_as(page, council.chair)
    check_page(page, "chair-dashboard")

    # --- a proposed dossier: the notification leads to it; accept it -----------------------
    page.get_by_role("link", name=re.compile("Meldingen")).click()
    check_page(page, "chair-notifications")
    page.get_by_role("link", name=re.compile("Wachttijden schuldhulpverlening")).first.click()
    page.wait_for_url(f"**/intern/adviezen/dossiers/{dossier.pk}/")
    # the review shows the existing dossier that looks like it; the chair sees it is another theme
    review = page.locator("section", has=page.locator("#beoordelen"))
    review.get_by_role("link", name="Armoede en schuldhulpverlening").wait_for()
    check_page(page, "chair-dossier-review")
    page.get_by_label("Werkgroep").select_option(label=str(council.group))
    page.get_by_label("Aanspreekpunt").select_option(label=str(council.member))
    page.get_by_role("button", name="Dossier accepteren").click()
    assert "Het dossier is geaccepteerd." in flash(page)
    assert Dossier.objects.get(pk=dossier.pk).status == "accepted"
    go(page, "Dossiers")
    check_page(page, "chair-dossiers")

    # --- tonight's plenary: a show of hands on the Stadspas advice -------------------------
    go(page, "Adviezen")
    check_page(page, "chair-advices")
    page.get_by_role("link", name=re.compile("Stadspas voor iedereen")).click()
    check_page(page, "chair-advice-preparation")
    page.get_by_role("link", name="Stemming openen").click()
    page.get_by_label("In een vergadering", exact=True).check()
    page.get_by_label("Vergadering", exact=True).select_option(label=str(meeting))
    page.get_by_role("radio", name=re.compile("Per lid")).check()
    check_page(page, "chair-ballot-open-meeting")
    page.get_by_role("button", name="Stemming openen").click()
    assert "De stemming is geopend." in flash(page)
    hands = Ballot.objects.get(advice=stadspas)
    assert (hands.meeting, hands.tally) == (meeting, "members")
    for person, choice in zip(council.voters, ("voor", "voor", "voor", "tegen"), strict=True):
        page.get_by_role("group", name=person.get_full_name()).get_by_label(choice).check()
    check_page(page, "chair-ballot-hands")
    page.get_by_role("button", name="Stemmen vastleggen").click()
    assert "4 stemmen vastgelegd of gewijzigd." in flash(page)

    # closing asks first and says what will happen
    page.get_by_role("link", name="Stemming sluiten").click()
    page.get_by_role("heading", name="Stemming sluiten", level=1).wait_for()
    text = page.inner_text("main")
    assert "4 van 4 stemmen uitgebracht: 3 voor, 1 tegen, 0 onthouding." in text
    assert Ballot.objects.get(pk=hands.pk).is_open  # nothing happened yet
    check_page(page, "chair-ballot-close-confirm")
    page.get_by_role("button", name="Ja, stemming sluiten").click()
    page.get_by_text("De stemming is gesloten: aangenomen.").wait_for()
    assert Advice.objects.get(pk=stadspas.pk).status == "approved"
    check_page(page, "chair-ballot-closed")

    # --- a written ballot on the transport advice, then approval on own authority ---------
    go(page, "Adviezen")
    page.get_by_role("link", name=re.compile("Vervoer naar de dagbesteding")).click()
    page.get_by_role("link", name="Stemming openen").click()
    page.get_by_label("Schriftelijk, tussen vergaderingen").check()
    closes = timezone.localtime() + datetime.timedelta(days=7)
    page.get_by_label("Sluit op").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    check_page(page, "chair-ballot-open-written")
    page.get_by_role("button", name="Stemming openen").click()
    assert "De stemming is geopend." in flash(page)
    written = Ballot.objects.get(advice=vervoer)
    assert written.meeting is None and written.deadline is not None
    # the chair votes too, and sees how many have voted
    page.get_by_label("voor", exact=True).check()
    page.get_by_role("button", name="Stem uitbrengen").click()
    page.get_by_text("Je stem is opgeslagen.").wait_for()
    assert "1 van 4 stemgerechtigden hebben gestemd." in page.inner_text("#stemblok")
    check_page(page, "chair-ballot-written")

    # the college needs the advice before the ballot closes: the chair approves it
    page.get_by_role("link", name=re.compile("Vervoer naar de dagbesteding|AR-")).first.click()
    page.wait_for_url(f"**/intern/adviezen/{vervoer.pk}/")
    page.get_by_role("link", name="Vaststellen op eigen gezag").click()
    assert "De open stemming vervalt: 1 van 4 stemmen" in page.inner_text("main")
    check_page(page, "chair-approve-own-authority")
    page.get_by_label("Reden voor vaststelling op eigen gezag").fill(
        "Het college besluit op 15 december; de stemming sluit te laat."
    )
    page.get_by_role("button", name="Advies vaststellen").click()
    page.get_by_text("Het advies is vastgesteld.").wait_for()
    assert Advice.objects.get(pk=vervoer.pk).status == "approved"
    assert not Ballot.objects.get(pk=written.pk).is_open

    # --- signing both letters ---------------------------------------------------------------
    for advice in (vervoer, stadspas):
        page.goto(f"/intern/adviezen/{advice.pk}/")
        page.get_by_role("link", name="Advies ondertekenen").click()
        page.get_by_role("heading", name="Advies ondertekenen", level=1).wait_for()
        assert "Henk Voorzitter" in page.inner_text("main")
        assert Advice.objects.get(pk=advice.pk).signed_at is None
        check_page(page, f"chair-sign-confirm-{advice.pk}")
        page.get_by_role("button", name="Ja, advies ondertekenen").click()
        page.get_by_text("Het advies is ondertekend.").wait_for()
        assert Advice.objects.get(pk=advice.pk).signed_by == council.chair
    check_page(page, "chair-advice-signed")
