"""From a seat falling vacant to a new member at work, in Chromium (issue 16).

The secretary makes a vacancy from the seat planning and publishes it; a resident applies on
the public site with a CV; the committee reviews, interviews and proposes; the secretary
records the college's decision; the new member sets a password through the invitation link,
logs in and works through the onboarding checklist. Every page on the way passes the shared
checks (``tests.browser.checks``): axe-core, no duplicate ids, no sideways scroll at 375 px.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Application, User, Vacancy
from tests.browser import checks
from tests.conftest import browser_login
from tests.factories.members import TermFactory, role_user
from tests.factories.recruitment import PDF, OnboardingStepFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/adviesraad-shots-recruit"
NEW_PASSWORD = "Zon-en-Maan-2026!"


def check_page(page, name: str, *, axe: bool = True) -> None:
    """The shared checks (``tests.browser.checks``) with this journey's screenshot names."""
    checks.check_page(page, name, axe=axe, shots=SHOTS)


@pytest.fixture
def council(db, secretary, chair):
    """A chair and eight of nine members: one member seat is vacant today."""
    today = timezone.localdate()
    TermFactory(member=chair, role="chair", start=today - datetime.timedelta(days=200))
    committee = role_user("Leden", email="cor@test.example", first_name="Cor", last_name="Missie")
    TermFactory(member=committee, start=today - datetime.timedelta(days=300))
    for _ in range(7):
        TermFactory(start=today - datetime.timedelta(days=100))
    OnboardingStepFactory(title="Kennismakingsgesprek met de voorzitter", due_days=14)
    OnboardingStepFactory(title="Werkafspraken en jaarplan lezen", due_days=21)
    OnboardingStepFactory(title="Training sociaal domein volgen", due_days=90)
    return committee


def test_a_vacant_seat_becomes_a_member_at_work(
    page, _playwright_browser, live_server, secretary, chair, council, tmp_path
):
    today = timezone.localdate()

    # --- the secretary: a vacancy from the seat planning ------------------------------------
    browser_login(page, secretary)
    page.goto("/bezetting/")
    openings = page.locator("#vacatures-maken")
    assert "Lid: 1 zetel nu vrij" in openings.inner_text()
    openings.get_by_role("link", name=re.compile("Vacature maken")).click()
    page.wait_for_url("**/intern/vacatures/nieuw/**")
    assert page.get_by_label("Titel").input_value() == "Lid van de adviesraad"
    assert page.get_by_label("Aantal zetels").input_value() == "1"
    page.get_by_label("Over de functie").fill(
        "Je denkt mee over werk, inkomen, zorg en jeugd. Zes tot acht uur per maand."
    )
    page.get_by_label("Wie zoeken wij").fill("Inwoners met eigen ervaring met de Wmo.")
    page.get_by_label("Kennis van de Wmo").check()
    page.get_by_label("Ervaringsdeskundigheid").check()
    page.get_by_label("Cor Missie").check()
    check_page(page, "vacancy-form")
    page.get_by_role("button", name="Vacature opslaan").click()
    page.wait_for_url("**/intern/vacatures/*/")
    check_page(page, "vacancy-draft")
    page.get_by_role("button", name="Publiceren").click()
    assert "De vacature is nu: gepubliceerd." in page.locator(".alert").first.inner_text()
    vacancy = Vacancy.objects.get()

    # --- a resident applies on the public site -----------------------------------------------
    visitor = _playwright_browser.new_context(
        locale="nl-NL", base_url=live_server.url, timezone_id="Europe/Amsterdam"
    ).new_page()
    visitor.goto("/")
    visitor.get_by_role("link", name="Lid van de adviesraad").first.click()
    visitor.wait_for_url(f"**/vacatures/{vacancy.slug}/")
    assert "Kennis van de Wmo" in visitor.locator("main").inner_text()
    check_page(visitor, "public-vacancy")
    visitor.goto("/vacatures/")
    check_page(visitor, "public-list")
    visitor.get_by_role("link", name="Lid van de adviesraad").click()
    visitor.get_by_role("link", name="Solliciteren").first.click()
    visitor.wait_for_url("**/solliciteren/")
    check_page(visitor, "public-apply")
    visitor.get_by_label("Voornaam").fill("Nadia")
    visitor.get_by_label("Achternaam").fill("Bouzid")
    visitor.get_by_label("E-mailadres").fill("nadia.bouzid@voorbeeld.example")
    visitor.get_by_label("Telefoonnummer").fill("06-12345678")
    visitor.get_by_label("Waarom wilt u lid worden?").fill(
        "Ik ben mantelzorger en weet hoe het is om hulp aan te vragen."
    )
    cv = tmp_path / "cv Nadia.pdf"
    cv.write_bytes(PDF)
    visitor.get_by_label("Cv (niet verplicht)").set_input_files(str(cv))
    visitor.get_by_role("button", name="Sollicitatie versturen").click()
    # forgot the consent: the text stays, the message says what to do
    assert "nog niet verstuurd" in visitor.locator(".alert-danger").first.inner_text()
    assert "mantelzorger" in visitor.get_by_label("Waarom wilt u lid worden?").input_value()
    check_page(visitor, "public-apply-error")
    visitor.get_by_label("Cv (niet verplicht)").set_input_files(str(cv))
    visitor.get_by_label(re.compile("Ik heb de privacyverklaring gelezen")).check()
    visitor.get_by_role("button", name="Sollicitatie versturen").click()
    visitor.wait_for_url("**/bedankt/")
    check_page(visitor, "public-thanks")
    assert any("Dank u voor uw sollicitatie" in m.body for m in mail.outbox)
    application = Application.objects.get()
    assert application.cv and application.cv_original_name == "cv Nadia.pdf"

    # --- the committee reviews, interviews and proposes --------------------------------------
    page.goto(f"/intern/vacatures/{vacancy.pk}/")
    check_page(page, "vacancy-with-applications")
    page.get_by_role("link", name="Nadia Bouzid").click()
    page.wait_for_url(f"**/intern/sollicitaties/{application.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Cv downloaden (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_label("Jouw oordeel").select_option("suitable")
    page.get_by_label("Jouw toelichting").fill("Sterke brief, veel ervaring.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    assert "Je beoordeling is opgeslagen." in page.content()
    check_page(page, "application")
    page.get_by_role("link", name="Gesprek plannen").click()
    page.get_by_label("Datum").fill((today + datetime.timedelta(days=7)).isoformat())
    page.get_by_label("Begintijd").fill("19:00")
    check_page(page, "interview-form")
    page.get_by_role("button", name="Gesprek plannen en uitnodigen").click()
    page.wait_for_url(f"**/intern/sollicitaties/{application.pk}/")
    invitation = [m for m in mail.outbox if "Uitnodiging voor een gesprek" in m.subject]
    assert [m.to for m in invitation] == [["nadia.bouzid@voorbeeld.example"]]
    page.get_by_role("button", name="Gesprek gevoerd").click()
    page.get_by_role("button", name="Voordragen aan het college").click()
    assert "voorgedragen" in page.content()
    page.goto(f"/intern/vacatures/{vacancy.pk}/")
    with page.expect_download() as letter:
        page.get_by_role("link", name="Aanbevelingsbrief aan het college (PDF)").click()
    Path(f"{SHOTS}-letter.pdf").write_bytes(Path(letter.value.path()).read_bytes())

    # --- the college decided: the secretary appoints -----------------------------------------
    page.get_by_role("link", name="Nadia Bouzid").click()
    page.get_by_role("link", name="Benoeming vastleggen").click()
    check_page(page, "appointment-form")
    decision = tmp_path / "collegebesluit.pdf"
    decision.write_bytes(PDF)
    page.get_by_label(re.compile("Collegebesluit")).set_input_files(str(decision))
    page.get_by_role("button", name="Benoemen en uitnodigen").click()
    page.wait_for_url("**/intern/inwerken/leden/*/")
    assert "Nadia Bouzid is benoemd." in page.content()
    check_page(page, "onboarding-secretary")
    page.goto("/bezetting/")
    assert "Vandaag zijn 10 van de 10 zetels bezet." in page.locator("#zetels-vandaag").inner_text()
    page.goto("/leden/")
    assert "Nadia Bouzid" in page.content()
    page.goto("/intern/inwerken/")
    check_page(page, "onboarding-overview")

    # --- the new member: the invitation link, log in, onboarding ----------------------------
    (welcome,) = [m for m in mail.outbox if "kies je wachtwoord" in m.subject]
    path = re.search(r"https?://[^/\s]+(/welkom/\S+/)", welcome.body).group(1)
    newcomer = _playwright_browser.new_context(
        locale="nl-NL", base_url=live_server.url, timezone_id="Europe/Amsterdam"
    ).new_page()
    newcomer.goto(path)
    newcomer.get_by_role("textbox", name="Nieuw wachtwoord*", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("Nieuw wachtwoord bevestigen").fill(NEW_PASSWORD)
    check_page(newcomer, "invitation")
    newcomer.get_by_role("button", name="Wachtwoord instellen").click()
    newcomer.wait_for_url("**/accounts/login/**")
    member = User.objects.get(email="nadia.bouzid@voorbeeld.example")
    browser_login(newcomer, member, password=NEW_PASSWORD)
    newcomer.get_by_role("link", name="Naar je inwerklijst").click()
    check_page(newcomer, "onboarding-member")
    for _ in range(3):
        newcomer.get_by_role("button", name=re.compile("^Afvinken")).first.click()
    assert "3 van de 3 stappen afgerond." in newcomer.locator("#voortgang").inner_text()
    assert not member.onboarding_tasks.filter(done_at__isnull=True).exists()
    # the link worked once
    newcomer.goto(path)
    assert "verlopen of al gebruikt" in newcomer.content()
