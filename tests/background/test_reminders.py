"""Reminders go out once per (kind, object, recipient, day), on Europe/Amsterdam dates."""

import datetime
import threading
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from adviesraad.background import reminders
from adviesraad.background.models import ReminderSent
from adviesraad.background.tasks import send_reminders
from adviesraad.notifications.models import Delivery, Notification, NotificationPreference
from members.reminders import add_months
from members.reminders import sweep as members_sweep
from tests.background import fake_reminders
from tests.factories.members import TermFactory, role_user

UTC = datetime.UTC
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def fake_app(monkeypatch):
    monkeypatch.setattr(reminders, "REMINDER_APPS", ["tests.background.fake_reminders"])
    fake_reminders.DUE.clear()
    fake_reminders.CALLS.clear()
    fake_reminders.BARRIER.clear()
    yield fake_reminders
    fake_reminders.DUE.clear()
    fake_reminders.BARRIER.clear()


def due(obj, recipient, kind="general", **extra):
    return {
        "kind": kind,
        "object": obj,
        "recipient": recipient,
        "subject": f"Herinnering over {obj}",
        "url": "/dashboard/",
        "context": {"body": "Er staat iets voor je klaar."},
        **extra,
    }


@pytest.mark.django_db
def test_two_sweeps_send_each_reminder_once(
    fake_app, secretary, chair, django_capture_on_commit_callbacks
):
    fake_app.DUE.extend([due(secretary, secretary), due(secretary, chair)])
    today = datetime.date(2025, 5, 12)
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.sweep_all(today=today)
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders.sweep_all(today=today)
    assert first == {"sent": 2, "skipped": 0, "errors": 0}
    assert second == {"sent": 0, "skipped": 2, "errors": 0}
    assert ReminderSent.objects.count() == 2
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([secretary.email, chair.email])
    assert "Er staat iets voor je klaar." in mail.outbox[0].body


@pytest.mark.django_db
def test_the_next_day_sends_a_daily_reminder_again(fake_app, secretary):
    fake_app.DUE.append(due(secretary, secretary))
    reminders.sweep_all(today=datetime.date(2025, 5, 12))
    reminders.sweep_all(today=datetime.date(2025, 5, 13))
    assert ReminderSent.objects.count() == 2


@pytest.mark.django_db
def test_a_reminder_with_its_own_day_goes_out_once_across_days(fake_app, secretary):
    fake_app.DUE.append(due(secretary, secretary, day=datetime.date(2025, 12, 31)))
    for day in (12, 13, 14):
        reminders.sweep_all(today=datetime.date(2025, 5, day))
    assert ReminderSent.objects.count() == 1


@pytest.mark.django_db
def test_one_apps_broken_sweep_does_not_stop_the_others(monkeypatch, fake_app, secretary):
    fake_app.DUE.append(due(secretary, secretary))

    class Broken:
        @staticmethod
        def sweep(*, today):
            raise RuntimeError("bug in another app")

    monkeypatch.setattr(
        reminders, "_modules", lambda: iter([("broken", Broken), ("fake", fake_app)])
    )
    counts = reminders.sweep_all(today=datetime.date(2025, 5, 12))
    assert counts == {"sent": 1, "skipped": 0, "errors": 1}


@pytest.mark.django_db
def test_missing_app_modules_are_skipped(monkeypatch):
    monkeypatch.setattr(reminders, "REMINDER_APPS", ["members", "no_such_app"])
    assert reminders.sweep_all(today=datetime.date(2025, 5, 12))["errors"] == 0


@pytest.mark.django_db
def test_preference_app_only_sends_no_email(fake_app, member, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=member, kind="general", delivery=Delivery.APP)
    fake_app.DUE.append(due(member, member))
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep_all(today=datetime.date(2025, 5, 12))
    assert Notification.objects.get().recipient == member
    assert mail.outbox == []


# --- Europe/Amsterdam dates across the daylight-saving change -----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "utc_instant,local_day",
    [
        # Spring forward, Sunday 30 March 2025: 01:00 UTC is 03:00 CEST.
        (datetime.datetime(2025, 3, 29, 22, 59, tzinfo=UTC), datetime.date(2025, 3, 29)),
        (datetime.datetime(2025, 3, 29, 23, 0, tzinfo=UTC), datetime.date(2025, 3, 30)),
        (datetime.datetime(2025, 3, 30, 21, 59, tzinfo=UTC), datetime.date(2025, 3, 30)),
        (datetime.datetime(2025, 3, 30, 22, 0, tzinfo=UTC), datetime.date(2025, 3, 31)),
        # Fall back, Sunday 26 October 2025: 01:00 UTC is 02:00 CET again.
        (datetime.datetime(2025, 10, 25, 21, 59, tzinfo=UTC), datetime.date(2025, 10, 25)),
        (datetime.datetime(2025, 10, 25, 22, 0, tzinfo=UTC), datetime.date(2025, 10, 26)),
        (datetime.datetime(2025, 10, 26, 22, 59, tzinfo=UTC), datetime.date(2025, 10, 26)),
        (datetime.datetime(2025, 10, 26, 23, 0, tzinfo=UTC), datetime.date(2025, 10, 27)),
    ],
)
def test_the_scheduled_sweep_uses_the_amsterdam_date(fake_app, secretary, utc_instant, local_day):
    fake_app.DUE.append(due(secretary, secretary))
    with mock.patch("django.utils.timezone.now", return_value=utc_instant):
        send_reminders.apply()
    assert fake_app.CALLS == [local_day]
    assert ReminderSent.objects.get().day == local_day


@pytest.mark.django_db
def test_0700_runs_on_both_sides_of_the_change_send_once_per_local_day(fake_app, secretary):
    fake_app.DUE.append(due(secretary, secretary))
    # 07:00 in Amsterdam on Saturday (CET, UTC+1), Sunday (CEST, UTC+2) and Monday.
    runs = [
        datetime.datetime(2025, 3, 29, 7, 0, tzinfo=AMS),
        datetime.datetime(2025, 3, 30, 7, 0, tzinfo=AMS),
        datetime.datetime(2025, 3, 30, 7, 0, tzinfo=AMS),  # beat fires twice
        datetime.datetime(2025, 3, 31, 7, 0, tzinfo=AMS),
    ]
    assert runs[0].utcoffset() != runs[1].utcoffset()
    for instant in runs:
        with mock.patch("django.utils.timezone.now", return_value=instant.astimezone(UTC)):
            send_reminders.apply()
    assert sorted(ReminderSent.objects.values_list("day", flat=True)) == [
        datetime.date(2025, 3, 29),
        datetime.date(2025, 3, 30),
        datetime.date(2025, 3, 31),
    ]


@pytest.mark.django_db
def test_send_reminders_command_runs_one_sweep(fake_app, secretary, capsys):
    fake_app.DUE.append(due(secretary, secretary))
    call_command("send_reminders", "--date", "2025-05-12")
    call_command("send_reminders", "--date", "2025-05-12")
    out = capsys.readouterr().out
    assert "1 verstuurd" in out and "1 al eerder verstuurd" in out
    assert ReminderSent.objects.count() == 1


# --- two beat processes at once (PostgreSQL, threads) -----------------------------------


@pytest.mark.postgres
def test_two_beat_processes_firing_together_send_once(transactional_db, fake_app, settings):
    secretary = role_user("Secretariaat", email="s-race@test.example")
    chair = role_user("Voorzitter", email="c-race@test.example")
    fake_app.DUE.extend([due(secretary, secretary), due(secretary, chair)])
    fake_app.BARRIER.append(threading.Barrier(2))
    results, errors = [], []

    def beat():
        try:
            results.append(reminders.sweep_all(today=datetime.date(2025, 5, 12)))
        except Exception as exc:  # pragma: no cover - shown in the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert sum(r["sent"] for r in results) == 2
    assert sum(r["skipped"] for r in results) == 2
    assert ReminderSent.objects.count() == 2
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([secretary.email, chair.email])


# --- members: term ending in six months -------------------------------------------------


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 8, 31), 6, datetime.date(2025, 2, 28)),
        (datetime.date(2025, 7, 15), 6, datetime.date(2026, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
def test_term_ending_within_six_months_reminds_secretary_and_chair_once(
    secretary, chair, member, django_capture_on_commit_callbacks
):
    today = datetime.date(2025, 5, 12)
    ending = TermFactory(start=datetime.date(2021, 11, 1), end=datetime.date(2025, 10, 31))
    TermFactory(start=datetime.date(2024, 1, 1), end=datetime.date(2027, 12, 31))  # not ending
    due_now = members_sweep(today=today)
    assert {r["recipient"] for r in due_now} == {secretary, chair}
    assert all(r["object"] == ending and r["day"] == ending.end for r in due_now)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep_all(today=today)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep_all(today=today + datetime.timedelta(days=1))
    assert ReminderSent.objects.filter(kind="term_ending").count() == 2
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert "31 oktober 2025" in body
    assert "zetels" in body  # what it does to the seat count
    assert str(ending.member) in mail.outbox[0].subject


@pytest.mark.django_db
def test_term_outside_the_window_or_already_renewed_is_not_announced(secretary):
    today = datetime.date(2025, 5, 12)
    TermFactory(start=datetime.date(2022, 1, 1), end=datetime.date(2025, 11, 30))  # > 6 months
    renewed = TermFactory(start=datetime.date(2021, 9, 1), end=datetime.date(2025, 8, 31))
    TermFactory(
        member=renewed.member,
        start=datetime.date(2025, 9, 1),
        end=datetime.date(2029, 8, 31),
        sequence=2,
    )
    assert members_sweep(today=today) == []


@pytest.mark.django_db
def test_final_term_says_reappointment_is_not_possible(
    secretary, django_capture_on_commit_callbacks
):
    today = datetime.date(2025, 5, 12)
    TermFactory(start=datetime.date(2021, 9, 1), end=datetime.date(2025, 8, 31), sequence=2)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep_all(today=today)
    assert "herbenoeming kan niet" in mail.outbox[0].body
