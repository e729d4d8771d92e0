"""The secretary in Chromium: log in, add a member with a term, see the seat planning change."""

import datetime

import pytest

from tests.conftest import axe_violations, browser_login
from tests.factories.members import TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/adviesraad-shots"


def test_secretary_adds_member_with_term_and_seat_planning_changes(page, secretary):
    today = datetime.date.today()
    for _ in range(7):
        TermFactory(start=today - datetime.timedelta(days=60))
    browser_login(page, secretary)

    page.goto("/bezetting/")
    assert "Vandaag zijn 7 van de 10 zetels bezet." in page.locator("#zetels-vandaag").inner_text()

    page.goto("/leden/nieuw/")
    page.get_by_label("Voornaam").fill("Nadia")
    page.get_by_label("Achternaam").fill("Nieuwkomer")
    page.get_by_label("E-mailadres").fill("nadia@test.example")
    page.get_by_label("Lid", exact=True).check()
    page.get_by_label("Begin eerste termijn").fill((today - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Lid toevoegen").click()
    page.wait_for_url("**/leden/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nadia Nieuwkomer"
    assert "lopend" in page.locator("table").inner_text()

    page.goto("/bezetting/")
    assert "Vandaag zijn 8 van de 10 zetels bezet." in page.locator("#zetels-vandaag").inner_text()
    page.screenshot(path=f"{SHOTS}-seat-planning.png", full_page=True)


def test_home_login_and_seat_planning_pages_pass_axe(page, secretary):
    page.goto("/")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}-home.png", full_page=True)
    page.goto("/accounts/login/")
    assert axe_violations(page) == []
    browser_login(page, secretary)
    page.goto("/bezetting/")
    assert axe_violations(page) == []
    page.goto("/leden/")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}-members.png", full_page=True)
