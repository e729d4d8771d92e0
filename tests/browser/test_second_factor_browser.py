"""The secretary in Chromium when the council requires a second factor: sent to set it up at
the first log-in, scans (here: reads the key), confirms, keeps the recovery codes, and later
logs in with a recovery code (issue 14, hardening "Second factor")."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import CouncilSettings
from tests.conftest import axe_violations, totp_code
from tests.factories.members import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password_step(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_secretary_sets_up_the_second_factor_and_logs_in_with_a_recovery_code(page, secretary):
    CouncilSettings.objects.update_or_create(pk=1, defaults={"second_factor_required": True})

    _password_step(page, secretary)
    page.wait_for_url("**/accounts/tweestaps/")
    assert "Je rol vraagt om tweestapsverificatie" in page.content()
    page.goto("/leden/")  # any internal page waits for the set-up
    page.wait_for_url("**/accounts/tweestaps/")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Tweestapsverificatie instellen").click()
    page.wait_for_url("**/accounts/tweestaps/")
    assert page.get_by_role("img", name="QR-code voor je authenticator-app").is_visible()
    assert axe_violations(page) == []
    device = TOTPDevice.objects.get(user=secretary)
    page.get_by_label("Code uit je authenticator-app").fill(totp_code(device))
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()

    page.get_by_role("heading", name="Je herstelcodes").wait_for()
    codes = page.get_by_role("list", name="Herstelcodes").inner_text().split()
    assert len(codes) == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    page.wait_for_url("**/dashboard/")
    page.goto("/leden/")
    assert page.get_by_role("heading", level=1).inner_text() == "Leden"

    page.context.clear_cookies()
    _password_step(page, secretary)
    page.wait_for_url("**/accounts/login/code/")
    assert axe_violations(page) == []
    page.get_by_label("Code uit je authenticator-app of een herstelcode").fill(codes[0])
    page.get_by_role("button", name="Code controleren").click()
    page.wait_for_url("**/dashboard/")
