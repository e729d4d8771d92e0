"""A resident on the public site, in Chromium (issue 13, items 7, 12 and 13; issue 17, item 1).

She searches "schulden", finds the advice on debt counselling (Schuldhulpverlening), opens it,
downloads the college's response, and sends a signal: the first try misses the consent box,
the form comes back with her text, and the second try goes through. Every page is axe-core
clean, has no duplicate id and does not scroll sideways at 375 px (screenshots at 1280 and
375 px to /tmp/shots-public-*.png).
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from adviezen.models import Signal
from tests.conftest import axe_violations
from tests.factories.adviezen import college_response, published_advice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESPONSE_PDF = b"%PDF-1.4\n% reactie van het college op het advies over schuldhulp\n%%EOF\n"
SHOTS = "/tmp/shots-public"
CHECK = """() => {
    const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
    return {
        sideways: document.documentElement.scrollWidth > window.innerWidth,
        duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
    };
}"""


def _check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    page.screenshot(path=f"{SHOTS}-{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    found = page.evaluate(CHECK)
    page.screenshot(path=f"{SHOTS}-{name}-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert found == {"sideways": False, "duplicates": []}, (name, found)


@pytest.fixture
def advices(db):
    sent = timezone.now() - datetime.timedelta(days=30)
    debt = published_advice(
        title="Advies over schuldhulpverlening",
        summary="Help inwoners met geldzorgen sneller: binnen drie dagen een eerste gesprek.",
        sent_at=sent,
    )
    response = college_response(debt, summary="Het college neemt het advies grotendeels over.")
    response.document.save("reactie.pdf", ContentFile(RESPONSE_PDF), save=True)
    published_advice(title="Advies over mantelzorg", summary="Ondersteun mantelzorgers.")
    return debt


def test_a_resident_finds_an_advice_downloads_the_response_and_sends_a_signal(page, advices):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    page.get_by_role("link", name="Adviezen").first.click()
    page.get_by_role("searchbox", name="Zoeken").fill("schulden")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_text("1 advies gevonden").wait_for()
    assert page.get_by_role("link", name="Advies over mantelzorg").count() == 0
    _check(page, "search")

    page.get_by_role("link", name="Advies over schuldhulpverlening").click()
    page.get_by_role("heading", name="Advies over schuldhulpverlening").wait_for()
    assert page.get_by_text("Het college neemt het advies grotendeels over.").is_visible()
    _check(page, "advice")
    with page.expect_download() as download:
        page.get_by_role("link", name="Reactie van het college downloaden").click()
    path = download.value.path()
    assert download.value.suggested_filename == f"{advices.reference}-reactie.pdf"
    with open(path, "rb") as f:
        assert f.read() == RESPONSE_PDF

    page.goto("/signaal/")
    page.get_by_role("textbox", name="Onderwerp").fill("Lange wachttijd schuldhulp")
    page.get_by_label("Wat wilt u ons laten weten?").fill(
        "Mijn buurman wacht al drie maanden op een eerste gesprek over zijn schulden."
    )
    page.get_by_role("button", name="Signaal versturen").click()  # the consent box is empty
    # the message stands next to the consent box (its wording is Django's required-field text)
    page.locator("#id_consent_error").wait_for()
    assert page.locator("#id_consent").get_attribute("aria-describedby") == "id_consent_error"
    assert (
        page.get_by_role("textbox", name="Onderwerp").input_value() == "Lange wachttijd schuldhulp"
    )
    assert "drie maanden" in page.get_by_label("Wat wilt u ons laten weten?").input_value()
    assert Signal.objects.count() == 0
    _check(page, "signal-error")
    page.get_by_label("Ik heb de privacyverklaring gelezen").check()
    page.get_by_role("button", name="Signaal versturen").click()
    page.wait_for_url("**/signaal/bedankt/")
    _check(page, "signal-thanks")
    signal = Signal.objects.get()
    assert signal.title == "Lange wachttijd schuldhulp"
