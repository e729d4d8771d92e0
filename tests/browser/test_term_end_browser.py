"""The secretary ends a member's term early in Chromium (issue 13.6): a confirmation that says
what will happen, then the seat planning offers a vacancy for the seat."""

import datetime

import pytest

from members.models import CouncilSettings, Term
from tests.conftest import axe_violations, browser_login
from tests.factories.members import TermFactory, role_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots-embed"


def test_secretary_ends_a_term_early_and_the_seat_planning_offers_a_vacancy(page, secretary):
    today = datetime.date.today()
    CouncilSettings.objects.update_or_create(pk=1, defaults={"max_members": 2, "max_chairs": 1})
    TermFactory(role=Term.Role.CHAIR)
    TermFactory()
    leaving = role_user(
        "Leden", email="vertrekt@test.example", first_name="Piet", last_name="Vertrek"
    )
    TermFactory(member=leaving, start=today - datetime.timedelta(days=400))
    browser_login(page, secretary)

    page.goto("/bezetting/")
    assert page.locator("#vacatures-maken").count() == 0  # a full council

    page.goto(f"/leden/{leaving.pk}/")
    page.get_by_role("link", name="Beëindigen").click()
    yesterday = today - datetime.timedelta(days=1)
    page.get_by_label("Laatste dag").fill(yesterday.isoformat())
    page.get_by_role("button", name="Verder").click()
    consequences = page.locator("#gevolgen").inner_text()
    assert "niet meer als herbenoembaar" in consequences
    assert "Dit kun je niet ongedaan maken." in consequences
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{SHOTS}-term-end-confirm-1280.png", full_page=True)
    page.get_by_role("button", name="Ja, termijn beëindigen").click()

    page.wait_for_url("**/bezetting/")
    assert "De zetel is vrij vanaf" in page.locator(".alert").first.inner_text()
    openings = page.locator("#vacatures-maken").inner_text()
    assert "Lid: 1 zetel nu vrij" in openings
    assert page.get_by_role("link", name="Vacature maken").count() == 1
    page.screenshot(path=f"{SHOTS}-term-end-seats-1280.png", full_page=True)
    leaving_term = Term.objects.get(member=leaving)
    assert leaving_term.ended_early and leaving_term.end == yesterday
