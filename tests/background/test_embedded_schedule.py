"""The beat schedule runs without Redis (issue 13.5): ``run_schedule`` on the embedded set-up.

These tests run on whatever database the suite uses (SQLite when ``DATABASE_URL`` is unset) and
never touch Redis: tasks run in-process (``task_always_eager``), as on ``make run``.
"""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from adviesraad.background.models import PeriodicTaskRun, ReminderSent
from adviesraad.background.schedule import EmbeddedScheduler
from adviesraad.celery import app
from adviezen.models import Advice, Ballot
from tests.factories.adviezen import AdviceFactory, VersionFactory
from tests.factories.meetings import ActionItemFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def expired_ballot(chair):
    version = VersionFactory(advice=AdviceFactory(status=Advice.Status.VOTING))
    return Ballot.objects.create(
        advice=version.advice,
        version=version,
        opened_by=chair,
        opened_on=timezone.localdate() - datetime.timedelta(days=8),
        deadline=timezone.now() - datetime.timedelta(minutes=1),
        threshold_percent=50,
        basis="eligible",
        quorum_percent=0,
        eligible_count=3,
    )


@pytest.fixture
def action_due_tomorrow(member):
    return ActionItemFactory(
        description="Reactie op de Wmo-verordening voorbereiden",
        owner=member,
        due_date=timezone.localdate() + datetime.timedelta(days=1),
    )


class Clock:
    def __init__(self, start: datetime.datetime) -> None:
        self.t = start

    def __call__(self) -> datetime.datetime:
        return self.t

    def advance(self, **delta) -> None:
        self.t += datetime.timedelta(**delta)


def runs() -> dict[str, int]:
    return dict(PeriodicTaskRun.objects.values_list("task_name", "runs"))


def test_a_short_schedule_closes_the_expired_ballot_and_sends_a_reminder(
    settings, expired_ballot, action_due_tomorrow, django_capture_on_commit_callbacks
):
    assert app.conf.task_always_eager  # no broker: the embedded set-up
    settings.CELERY_BEAT_SCHEDULE = {
        name: {**entry, "schedule": 0.2} for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
    }
    scheduler = EmbeddedScheduler()
    stop = threading.Event()
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.run_due()  # the first tick runs every entry (none ran before); it warms up
        timer = threading.Timer(1.0, stop.set)  # only sets the flag; the loop runs here
        timer.start()
        scheduler.run_forever(stop, max_sleep=0.2)
    timer.cancel()

    expired_ballot.refresh_from_db()
    assert expired_ballot.closed_at is not None
    reminder = ReminderSent.objects.get(kind="action_due_tomorrow")
    assert reminder.recipient == action_due_tomorrow.owner
    assert ReminderSent.objects.count() == 1  # a second sweep the same day sends nothing
    names = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    counted = runs()
    assert set(counted) == names  # every entry recorded like a run sent by beat
    assert all(counted[name] >= 2 for name in names), counted  # and ran again at its interval
    assert PeriodicTaskRun.objects.filter(last_succeeded_at__isnull=True).count() == 0


def test_each_entry_runs_at_its_own_interval_on_a_fake_clock(settings):
    # 06:58 local time, on a 5-minute boundary for the */5 entries to come
    start = timezone.make_aware(datetime.datetime(2026, 3, 10, 6, 55, 30))
    clock = Clock(start)
    every = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    PeriodicTaskRun.objects.bulk_create(
        PeriodicTaskRun(task_name=name, last_started_at=start) for name in every
    )
    scheduler = EmbeddedScheduler(now=clock)

    assert scheduler.run_due() <= 60
    assert set(runs().values()) == {0}  # everything ran at "start": nothing is due yet

    clock.advance(seconds=59)
    scheduler.run_due()
    assert runs()["adviesraad.background.tasks.flush_outbox"] == 0
    clock.advance(seconds=2)  # 61 s after the last run: the every-minute entry
    scheduler.run_due()
    assert {n for n, c in runs().items() if c} == {"adviesraad.background.tasks.flush_outbox"}

    clock.advance(minutes=4)  # 07:00:31: the */5 entries and the 07:00 reminders
    scheduler.run_due()
    counted = runs()
    assert counted["adviesraad.background.tasks.send_reminders"] == 1
    assert counted["adviezen.tasks.close_expired_ballots"] == 1
    assert counted["adviesraad.tasks.heartbeat"] == 1
    assert counted["adviesraad.notifications.tasks.send_digests"] == 0  # at 17:00
    assert counted["adviezen.tasks.erase_expired_signal_contacts"] == 0  # at 03:30

    clock.advance(minutes=3)  # 07:03:31: nothing at 5 minutes, reminders once a day
    scheduler.run_due()
    assert runs()["adviezen.tasks.close_expired_ballots"] == 1
    clock.advance(days=1)
    scheduler.run_due()
    counted = runs()
    assert counted["adviesraad.background.tasks.send_reminders"] == 2
    assert counted["adviesraad.notifications.tasks.send_digests"] == 1
    assert counted["adviezen.tasks.erase_expired_signal_contacts"] == 1


def test_a_restart_reads_the_last_runs_and_catches_up_what_it_missed(settings):
    now = timezone.now()
    PeriodicTaskRun.objects.create(
        task_name="adviesraad.background.tasks.send_reminders",
        last_started_at=now - datetime.timedelta(days=2),  # the laptop was off
    )
    PeriodicTaskRun.objects.create(
        task_name="adviezen.tasks.close_expired_ballots",
        last_started_at=now - datetime.timedelta(seconds=10),
    )
    EmbeddedScheduler().run_due()
    counted = runs()
    assert counted["adviesraad.background.tasks.send_reminders"] == 1
    assert counted["adviesraad.background.tasks.flush_outbox"] == 1  # never ran: runs at once
    # ran 10 s ago: not again, unless a */5 boundary fell in between
    assert counted["adviezen.tasks.close_expired_ballots"] <= 1


def test_a_task_that_raises_is_recorded_and_the_schedule_carries_on(settings, monkeypatch):
    def broken(**_kw):
        raise RuntimeError("database op reis")

    monkeypatch.setattr("adviezen.services.ballots_close_expired", broken)
    settings.CELERY_BEAT_SCHEDULE = {
        "close-expired-ballots": {
            "task": "adviezen.tasks.close_expired_ballots",
            "schedule": 0.01,
        },
        "heartbeat": {"task": "adviesraad.tasks.heartbeat", "schedule": 0.01},
    }
    clock = Clock(timezone.now())
    scheduler = EmbeddedScheduler(now=clock)
    scheduler.run_due()
    clock.advance(seconds=1)
    scheduler.run_due()  # still running after the failure
    failed = PeriodicTaskRun.objects.get(task_name="adviezen.tasks.close_expired_ballots")
    assert failed.runs == 2 and failed.last_failed_at and failed.last_succeeded_at is None
    assert "database op reis" in failed.last_error
    assert PeriodicTaskRun.objects.get(task_name="adviesraad.tasks.heartbeat").runs == 2


def test_run_schedule_refuses_when_a_broker_runs_the_schedule():
    app.conf.task_always_eager = False
    try:
        with pytest.raises(CommandError, match="Celery beat"):
            call_command("run_schedule")
    finally:
        app.conf.task_always_eager = True


def test_run_schedule_stops_quietly_on_ctrl_c(monkeypatch, capsys):
    def interrupted(self, *a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(EmbeddedScheduler, "run_forever", interrupted)
    call_command("run_schedule")
    assert "Geplande taken gestopt" in capsys.readouterr().out


def test_make_run_starts_the_schedule_next_to_runserver():
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    recipe = "\n".join(line for line in recipe.splitlines() if not line.strip().startswith("#"))
    assert "manage.py run_schedule &" in recipe
    assert recipe.index("run_schedule") < recipe.index("runserver")
