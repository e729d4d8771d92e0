"""Open by default (issue 17) in Chromium: the secretary sets the municipality's TOOI code and
the Woo setting in the council settings, and robots.txt lists the sitemaps; the chair shows a
theme dossier on the website; a resident finds it under "Waar we aan werken" and the
accessibility statement from the footer. The new pages pass axe-core, have no duplicate id and
do not scroll sideways at 375 px (screenshots at 1280 and 375 px, looked at by hand)."""

import re

import pytest
from playwright.sync_api import expect

from adviezen.models import Dossier
from members.models import CouncilSettings
from tests.browser.checks import check_page as shared_check_page
from tests.conftest import browser_login
from tests.factories.adviezen import DossierFactory, published_advice
from tests.factories.members import WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots-opendata"


def check_page(page, name: str) -> None:
    """The shared page checks (tests/browser/checks.py), screenshots under this file's name."""
    shared_check_page(page, name, shots=SHOTS)


def test_secretary_sets_the_woo_settings_and_robots_lists_the_sitemaps(page, secretary):
    browser_login(page, secretary)
    page.goto("/instellingen/")
    page.get_by_label("TOOI-code van de gemeente").fill("gemeente 439")
    page.get_by_role("button", name="Instellingen opslaan").click()
    expect(page.get_by_text("Vul een code in als gm0439.")).to_be_visible()
    expect(page.get_by_label("TOOI-code van de gemeente")).to_have_value("gemeente 439")
    page.get_by_label("TOOI-code van de gemeente").fill("gm0439")
    page.get_by_label("Vergaderstukken vallen onder de Woo").check()
    page.get_by_label("Toegankelijkheid: status").select_option("A")
    page.get_by_role("button", name="Instellingen opslaan").click()
    expect(page.get_by_text("De instellingen zijn opgeslagen.")).to_be_visible()
    settings = CouncilSettings.objects.get(pk=1)
    assert settings.tooi_publisher == "gm0439" and settings.meetings_under_woo
    page.context.clear_cookies()
    page.goto("/robots.txt")
    robots = page.locator("body").inner_text()
    assert "sitemapindex-adviezen.xml" in robots and "sitemapindex-vergaderstukken.xml" in robots
    page.goto("/toegankelijkheid/")
    expect(page.get_by_text("A: voldoet volledig")).to_be_visible()


def test_chair_shows_a_dossier_and_a_resident_finds_it(page, chair):
    group = WorkingGroupFactory(name="Werkgroep Zorg")
    dossier = DossierFactory(
        title="Wachttijden in de Wmo",
        working_group=group,
        description="Hoe lang wachten inwoners op een voorziening?",
    )
    published_advice(title="Advies over wachttijden", dossier=dossier)
    DossierFactory(title="Voorstel dat nog niet is beoordeeld", status=Dossier.Status.PROPOSED)
    browser_login(page, chair)
    page.goto(f"/intern/adviezen/dossiers/{dossier.pk}/")
    page.get_by_role("button", name="Op de website tonen").click()
    expect(
        page.get_by_text("Het dossier staat op de website bij 'Waar we aan werken'.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Van de website halen")).to_be_visible()
    check_page(page, "dossier-intern")

    page.context.clear_cookies()
    page.goto("/")
    page.get_by_role("link", name="Waar we aan werken").first.click()
    expect(page).to_have_url(re.compile(r"/waar-we-aan-werken/$"))
    expect(page.get_by_role("heading", name="Wachttijden in de Wmo")).to_be_visible()
    expect(page.get_by_text("Werkgroep: Werkgroep Zorg")).to_be_visible()
    expect(page.get_by_text("Voorstel dat nog niet is beoordeeld")).to_have_count(0)
    check_page(page, "waar-we-aan-werken")
    page.get_by_role("link", name="Advies over wachttijden").click()
    expect(page.get_by_role("heading", name="Advies over wachttijden")).to_be_visible()

    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    expect(page.get_by_role("heading", name="Toegankelijkheidsverklaring")).to_be_visible()
    check_page(page, "toegankelijkheid")


def test_secretary_publishes_the_colleges_requests_from_the_council_settings(page, secretary):
    """The request-letter choice is one of the council settings: off, a resident sees no
    request letter; switched on under Raadsinstellingen, the letter is on the advice page."""
    from django.core.files.base import ContentFile

    from adviezen.models import Advice

    advice = published_advice(title="Advies over de bijstand", origin=Advice.Origin.REQUESTED)
    advice.request_document.save(
        "aanvraag.pdf", ContentFile(b"%PDF-1.4\n% aanvraag\n%%EOF\n"), save=True
    )
    page.goto(f"/adviezen/{advice.slug}/")
    expect(page.get_by_role("heading", name="Advies over de bijstand")).to_be_visible()
    expect(page.get_by_role("link", name="Adviesaanvraag van het college")).to_have_count(0)

    browser_login(page, secretary)
    page.goto("/instellingen/")
    box = page.get_by_label("Adviesaanvragen van het college publiceren")
    expect(box).not_to_be_checked()
    box.check()
    check_page(page, "council-settings-publish-requests")
    page.get_by_role("button", name="Instellingen opslaan").click()
    expect(page.get_by_text("De instellingen zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Adviesaanvragen van het college publiceren")).to_be_checked()

    page.context.clear_cookies()
    page.goto(f"/adviezen/{advice.slug}/")
    link = page.get_by_role("link", name="Adviesaanvraag van het college")
    expect(link).to_be_visible()
    check_page(page, "public-advice-with-request")
    assert page.request.get(link.get_attribute("href")).status == 200
