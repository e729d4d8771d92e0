"""The chair and the secretary take the irreversible steps of an advice in Chromium, by mouse
and by keyboard, after the confirmation page says what will happen (issue 13, defect 8), and
record a show of hands in a meeting (defect 9). Every page on the way passes axe-core, has no
duplicate id and does not scroll sideways at 375 px."""

import re

import pytest

from adviezen import services
from adviezen.models import Advice, Ballot, Vote
from tests.adviezen.conftest import written_deadline
from tests.browser import checks
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/adviesraad-shots/adviezen"


def check_page(page, name: str) -> None:
    """The shared checks (``tests.browser.checks``) with this file's screenshot names."""
    checks.check_page(page, name, shots=SHOTS)


def tab_to(page, name: str, *, limit: int = 60) -> None:
    """Press Tab until the control named ``name`` has the focus (it is reachable by keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => (document.activeElement.innerText || document.activeElement.value || '').trim()"
        )
        if focused == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def count_field(page, label: str):
    """A number field of the counts form, by its visible label (crispy marks required ones *)."""
    return page.get_by_role("spinbutton", name=re.compile(rf"^{label}\*?$"))


def log_in_as(page, person) -> None:
    page.context.clear_cookies()
    browser_login(page, person)


@pytest.fixture
def people(chair, member, other_member, secretary):
    from members.models import CouncilSettings
    from tests.factories.members import TermFactory

    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.college_email = "college@gemeente.example"
    cs.advisors_email = "adviseurs@gemeente.example"
    cs.second_factor_required = False
    cs.save()
    for p in (chair, member, other_member):
        TermFactory(member=p)
    return {"chair": chair, "member": member, "other": other_member, "secretary": secretary}


@pytest.fixture
def advice(people):
    advice = services.advice_create(
        by=people["secretary"],
        title="Stadspas voor iedereen",
        origin="unsolicited",
        kind="formal",
        domain="inkomen",
    )
    services.advice_transition(advice=advice, by=people["secretary"], to="preparation")
    services.advice_version_add(
        advice=advice, by=people["member"], text="Wij adviseren de stadspas te verruimen."
    )
    return advice


def test_the_chair_closes_a_ballot_after_confirming(page, people, advice):
    ballot = services.ballot_open(advice=advice, by=people["chair"], deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=people["member"], choice="yes")
    log_in_as(page, people["chair"])
    page.goto(f"/intern/adviezen/{advice.pk}/")
    page.get_by_role("link", name="Naar de stemming").click()
    check_page(page, "ballot-written")
    page.get_by_role("link", name="Stemming sluiten").click()

    page.get_by_role("heading", name="Stemming sluiten", level=1).wait_for()
    text = page.locator("main").inner_text()
    assert "1 van 3 stemmen uitgebracht: 1 voor, 0 tegen, 0 onthouding." in text
    assert "Het advies is dan niet aangenomen en gaat terug naar concept." in text
    assert Ballot.objects.get(pk=ballot.pk).is_open  # nothing happened yet
    check_page(page, "close-confirm")

    tab_to(page, "Ja, stemming sluiten")
    page.keyboard.press("Enter")
    page.get_by_text("De stemming is gesloten: niet aangenomen.").wait_for()
    assert Ballot.objects.get(pk=ballot.pk).outcome == "not_carried"
    assert Advice.objects.get(pk=advice.pk).status == "draft"


def test_the_chair_signs_and_the_secretary_sends_after_confirming(page, people, advice):
    services.advice_chair_approve(advice=advice, by=people["chair"], reason="Spoed")
    log_in_as(page, people["chair"])
    page.goto(f"/intern/adviezen/{advice.pk}/")
    check_page(page, "advice-approved")
    page.get_by_role("link", name="Advies ondertekenen").click()
    page.get_by_role("heading", name="Advies ondertekenen", level=1).wait_for()
    assert "je naam, Henk Voorzitter, komt als voorzitter onder de brief" in page.inner_text("main")
    assert Advice.objects.get(pk=advice.pk).signed_at is None
    check_page(page, "sign-confirm")
    page.get_by_role("button", name="Ja, advies ondertekenen").click()
    page.get_by_text("Het advies is ondertekend.").wait_for()
    assert Advice.objects.get(pk=advice.pk).signed_by == people["chair"]

    log_in_as(page, people["secretary"])
    page.goto(f"/intern/adviezen/{advice.pk}/")
    page.get_by_role("link", name="Versturen naar het college").click()
    page.get_by_role("heading", name="Versturen naar het college", level=1).wait_for()
    text = page.inner_text("main")
    assert "De brief gaat als PDF per e-mail naar college@gemeente.example." in text
    assert "De bestuursadviseurs krijgen een kopie op adviseurs@gemeente.example." in text
    assert Advice.objects.get(pk=advice.pk).status == "approved"
    check_page(page, "send-confirm")
    tab_to(page, "Ja, versturen naar het college")
    page.keyboard.press("Enter")
    page.get_by_text("Het advies wordt verzonden naar het college.").wait_for()
    assert Advice.objects.get(pk=advice.pk).status == "sent"


def test_the_secretary_records_the_counts_of_a_show_of_hands(page, people, advice):
    from tests.factories.meetings import MeetingFactory

    meeting = MeetingFactory(title="Plenaire vergadering maart")
    log_in_as(page, people["chair"])
    page.goto(f"/intern/adviezen/{advice.pk}/stemming/nieuw/")
    page.get_by_label("In een vergadering", exact=True).check()
    page.get_by_label("Vergadering", exact=True).select_option(label=str(meeting))
    page.get_by_label("Alleen de aantallen", exact=False).check()
    check_page(page, "ballot-open")
    page.get_by_role("button", name="Stemming openen").click()
    page.get_by_text("De stemming is geopend.").wait_for()
    ballot = Ballot.objects.get()
    assert (ballot.tally, ballot.meeting) == ("counts", meeting)

    log_in_as(page, people["member"])
    page.goto(f"/intern/adviezen/{advice.pk}/stemming/{ballot.pk}/")
    assert "je stemt niet in de app" in page.inner_text("main")
    assert page.get_by_role("button", name="Stem uitbrengen").count() == 0
    check_page(page, "ballot-counts-member")

    log_in_as(page, people["secretary"])
    page.goto(f"/intern/adviezen/{advice.pk}/stemming/{ballot.pk}/")
    count_field(page, "Voor").fill("3")
    count_field(page, "Tegen").fill("1")
    count_field(page, "Onthouding").fill("0")
    page.get_by_role("button", name="Aantallen vastleggen").click()
    page.get_by_text("Samen zijn dat meer stemmen dan er stemgerechtigden zijn (3).").wait_for()
    assert count_field(page, "Voor").input_value() == "3"  # kept as typed
    check_page(page, "ballot-counts-error")
    count_field(page, "Voor").fill("2")
    count_field(page, "Tegen").press("Enter")  # submits by keyboard
    page.get_by_text("De aantallen zijn vastgelegd.").wait_for()
    check_page(page, "ballot-counts-secretary")

    page.get_by_role("link", name="Stemming sluiten").click()
    assert "3 van 3 stemmen uitgebracht: 2 voor, 1 tegen, 0 onthouding." in page.inner_text("main")
    assert "wordt vastgesteld op versie 1" in page.inner_text("main")
    page.get_by_role("button", name="Ja, stemming sluiten").click()
    page.get_by_text("De stemming is gesloten: aangenomen.").wait_for()
    assert Advice.objects.get(pk=advice.pk).status == "approved"


def test_the_secretary_records_each_members_hand(page, people, advice):
    from tests.factories.meetings import MeetingFactory

    ballot = services.ballot_open(
        advice=advice, by=people["chair"], meeting=MeetingFactory(), tally="members"
    )
    log_in_as(page, people["secretary"])
    page.goto(f"/intern/adviezen/{advice.pk}/stemming/{ballot.pk}/")
    page.get_by_role("group", name="Fatima Lid").get_by_label("voor").check()
    page.get_by_role("group", name="Henk Voorzitter").get_by_label("voor").check()
    # the third by keyboard: into the group with Tab, then an arrow picks the next choice
    page.get_by_role("group", name="Piet Anderlid").get_by_label("voor").focus()
    page.keyboard.press("ArrowRight")
    check_page(page, "ballot-hands-members")
    page.get_by_role("button", name="Stemmen vastleggen").click()
    page.get_by_text("3 stemmen vastgelegd of gewijzigd.").wait_for()
    votes = dict(Vote.objects.values_list("member__first_name", "choice"))
    assert votes == {"Fatima": "yes", "Henk": "yes", "Piet": "against"}


def test_the_pages_for_approval_and_publication(page, people, advice):
    ballot = services.ballot_open(advice=advice, by=people["chair"], deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=people["other"], choice="against")
    log_in_as(page, people["chair"])
    page.goto(f"/intern/adviezen/{advice.pk}/")
    page.get_by_role("link", name="Vaststellen op eigen gezag").click()
    assert "De open stemming vervalt: 1 van 3 stemmen" in page.inner_text("main")
    check_page(page, "chair-approve")
    page.get_by_label("Reden voor vaststelling op eigen gezag").fill("De deadline valt eerder.")
    page.get_by_role("button", name="Advies vaststellen").click()
    page.get_by_text("Het advies is vastgesteld.").wait_for()

    informal = services.advice_create(
        by=people["secretary"],
        title="Tips voor de werkgeversdag",
        origin="unsolicited",
        kind="informal",
        domain="werk",
    )
    services.advice_transition(advice=informal, by=people["secretary"], to="preparation")
    services.advice_version_add(advice=informal, by=people["member"], text="Nodig iedereen uit.")
    services.advice_chair_approve(advice=informal, by=people["chair"], reason="Kort")
    log_in_as(page, people["secretary"])
    page.goto(f"/intern/adviezen/{informal.pk}/")
    page.get_by_role("link", name="Publiceren").click()
    note = page.get_by_label("Als korte notitie op de website tonen")
    assert not note.is_checked()
    check_page(page, "publish-informal")
    page.get_by_label("Samenvatting").fill("Nodig ook kleine werkgevers uit.")
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("Het advies is gepubliceerd.").wait_for()
    assert "Gedeeld met de leden; niet op de website." in page.inner_text("main")
    assert Advice.objects.get(pk=informal.pk).is_public is False
