"""Notifications and background work in Chromium: bell, htmx mark-read, axe-core clean."""

import re

import pytest
from django.contrib.auth.models import Permission

from adviesraad.background.models import OutboxMessage
from tests.conftest import axe_violations, browser_login
from tests.factories.background import (
    NotificationFactory,
    OutboxMessageFactory,
    ReminderSentFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/notifications-shots"


def test_mark_read_in_place_updates_bell_and_announces(page, member):
    import os

    os.makedirs(SHOTS, exist_ok=True)
    first = NotificationFactory(recipient=member, title="Vergadering morgen om 19:30")
    NotificationFactory(recipient=member, title="Stemming staat open")
    browser_login(page, member)
    assert "(2 ongelezen)" in page.locator("#bell-count").inner_text()
    page.get_by_role("link", name="Meldingen").first.click()
    page.wait_for_url("**/meldingen/")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}/list.png", full_page=True)

    page.get_by_role("button", name=re.compile(r"Markeer als gelezen\W+Vergadering morgen")).click()
    row = page.locator(f"#melding-{first.pk}")
    row.get_by_text("gelezen", exact=True).wait_for()
    assert "als gelezen gemarkeerd" in page.locator("#meldingen-status").inner_text()
    assert "(1 ongelezen)" in page.locator("#bell-count").inner_text()
    assert page.url.endswith("/meldingen/")  # no page reload
    first.refresh_from_db()
    assert first.read_at is not None
    page.screenshot(path=f"{SHOTS}/after-read.png", full_page=True)


def test_preferences_page_passes_axe(page, member):
    browser_login(page, member)
    page.goto("/meldingen/voorkeuren/")
    assert axe_violations(page) == []
    page.get_by_role("group", name="Vergadering morgen").get_by_label(
        "In een dagelijks overzicht per e-mail"
    ).check()
    page.get_by_role("button", name="Voorkeuren opslaan").click()
    page.get_by_text("Je voorkeuren zijn opgeslagen.").wait_for()
    page.screenshot(path=f"{SHOTS}/preferences.png", full_page=True)
    assert member.notification_preferences.get(kind="meeting_tomorrow").delivery == "digest"


def test_background_page_passes_axe_and_retries(page, secretary):
    secretary.user_permissions.add(Permission.objects.get(codename="view_background_work"))
    failed = OutboxMessageFactory(
        task_name="adviesraad.background.tasks.selftest_write",
        args=["browser-retry"],
        state=OutboxMessage.State.FAILED,
        last_error="ConnectionError: SMTP weg",
    )
    OutboxMessageFactory.create_batch(3)
    NotificationFactory(title="Agenda verstuurd", delivery="email")
    ReminderSentFactory(subject="Termijn eindigt", recipient=secretary)
    browser_login(page, secretary)
    page.goto("/intern/achtergrond/")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}/background.png", full_page=True)
    page.get_by_role("button", name="Opnieuw proberen").click()
    page.get_by_text("is opnieuw in de wachtrij gezet").wait_for()
    failed.refresh_from_db()
    assert failed.state == OutboxMessage.State.SUCCEEDED
