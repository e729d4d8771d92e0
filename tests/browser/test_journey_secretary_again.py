"""The secretary's second round in Chromium (issue 13, journey tests): an advice the chair
signed goes to the college after confirming, is published, and the college's response is
registered with its document; the public page shows it. Every page on the way passes
``check_page`` (axe-core, no duplicate id, no sideways scroll at 375 or 1280 px)."""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from adviezen import services
from adviezen.models import Advice
from tests.browser.checks import check_page
from tests.browser.month import go, log_in_as, open_pdf, start_of_month
from tests.factories.meetings import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_advice(secretary, chair, member, other_member):
    """Where this part of the month begins: the chair approved and signed a formal advice."""
    start_of_month(secretary=secretary, chair=chair, member=member, others=[other_member])
    advice = services.advice_create(
        by=secretary,
        title="Schuldhulp zonder wachtlijst",
        origin="requested",
        kind="formal",
        domain="inkomen",
        request_date=timezone.localdate() - datetime.timedelta(days=40),
    )
    services.advice_transition(advice=advice, by=secretary, to="preparation")
    services.advice_version_add(
        advice=advice,
        by=member,
        text="<p>Wij adviseren het college een eerste gesprek binnen twee weken te bieden.</p>",
    )
    services.advice_chair_approve(advice=advice, by=chair, reason="De raad stemde in juni al in.")
    services.advice_sign(advice=advice, by=chair)
    return advice


def test_the_secretary_sends_publishes_and_registers_the_response(
    page, secretary, signed_advice, tmp_path
):
    advice = signed_advice
    log_in_as(page, secretary)
    go(page, "Adviezen")
    page.get_by_role("link", name=re.compile("Schuldhulp zonder wachtlijst")).click()
    page.wait_for_url(f"**/intern/adviezen/{advice.pk}/")
    check_page(page, "again-advice-signed")

    # the letter, as the college will get it
    pdf = open_pdf(page, page.get_by_role("link", name="Brief als PDF bekijken"))
    Path("/tmp/shots-journeys-again-letter.pdf").write_bytes(pdf)

    # --- send, after seeing where it goes --------------------------------------------------
    page.get_by_role("link", name="Versturen naar het college").click()
    page.get_by_role("heading", name="Versturen naar het college", level=1).wait_for()
    text = page.inner_text("main")
    assert "De brief gaat als PDF per e-mail naar college@gemeente.example." in text
    assert Advice.objects.get(pk=advice.pk).status == "approved"  # nothing happened yet
    check_page(page, "again-send-confirm")
    page.get_by_role("button", name="Ja, versturen naar het college").click()
    page.get_by_text("Het advies wordt verzonden naar het college.").wait_for()
    sent = Advice.objects.get(pk=advice.pk)
    assert sent.status == "sent" and sent.sent_at is not None
    college = [m for m in mail.outbox if "college@gemeente.example" in m.to]
    assert len(college) == 1 and college[0].attachments
    page.reload()
    assert "Verzonden" in page.inner_text("main")
    check_page(page, "again-advice-sent")

    # --- publish ----------------------------------------------------------------------------
    page.get_by_role("link", name="Publiceren").click()
    page.get_by_role("heading", name="Publiceren", level=1).wait_for()
    check_page(page, "again-publish")
    page.get_by_label("Samenvatting").fill(
        "Bied inwoners met schulden binnen twee weken een eerste gesprek."
    )
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("Het advies is gepubliceerd.").wait_for()
    assert Advice.objects.get(pk=advice.pk).status == "published"
    check_page(page, "again-advice-published")

    # --- the college answers: register the response with its letter -----------------------
    page.get_by_role("link", name="Reactie college vastleggen").click()
    page.get_by_role("heading", name="Reactie van het college vastleggen", level=1).wait_for()
    received = timezone.localdate()
    assert page.get_by_label("Ontvangen op").input_value() == received.isoformat()
    page.get_by_label("Samenvatting van de reactie").fill(
        "Het college neemt het advies over en kort de wachttijd in vanaf 1 maart."
    )
    reply = tmp_path / "reactie college.pdf"
    reply.write_bytes(PDF_BYTES)
    page.get_by_label("Document").set_input_files(str(reply))
    check_page(page, "again-response-form")
    page.get_by_role("button", name="Reactie vastleggen").click()
    page.get_by_text("De reactie van het college is vastgelegd.").wait_for()
    assert "kort de wachttijd in vanaf 1 maart" in page.inner_text("main")
    check_page(page, "again-advice-answered")
    open_pdf(page, page.get_by_role("link", name="document", exact=True).last)

    # --- and the public sees it ---------------------------------------------------------------
    page.get_by_role("link", name="Bekijk op de website").click()
    page.get_by_role("heading", name="Schuldhulp zonder wachtlijst", level=1).wait_for()
    public = page.inner_text("main")
    assert "Bied inwoners met schulden binnen twee weken een eerste gesprek." in public
    assert "kort de wachttijd in vanaf 1 maart" in public
    open_pdf(page, page.get_by_role("link", name="Reactie van het college downloaden"))
    check_page(page, "again-public-advice")
