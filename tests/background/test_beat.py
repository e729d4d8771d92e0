"""Scheduled work really runs (issue 12, finding 2).

Beat sends each entry of ``CELERY_BEAT_SCHEDULE`` through ``Task.apply_async``, which refuses a
task whose soft time limit is above its hard one; the tasks themselves were tested by calling
them, so four of the seven never ran in production. Here the entries are sent the way beat
sends them, and a real beat drives a real worker until every periodic task has run and the two
that protect people (the ballot-deadline close, the erasure of residents' contact details) have
taken effect.
"""

from __future__ import annotations

import datetime
import json
import os
import uuid

import pytest
from django.utils import timezone

from adviesraad.background.models import OutboxMessage, PeriodicTaskRun, SelfTestWrite
from adviesraad.celery import app
from adviesraad.models import Heartbeat
from adviezen.models import Advice, Ballot, Signal
from tests.factories.adviezen import AdviceFactory, SignalFactory, VersionFactory
from tests.processes import CeleryBeat, app_env, wait_for


@pytest.fixture
def private_queue(settings):
    """Messages go to a queue of this test on the real Redis (eager mode off)."""
    queue = f"beat-test-{uuid.uuid4().hex}"
    old = {k: app.conf[k] for k in ("task_always_eager", "task_default_queue", "broker_url")}
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    app.conf.broker_url = os.environ["REDIS_URL"]
    yield queue
    for key, value in old.items():
        app.conf[key] = value
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.delete(queue)
    client.close()


def test_every_task_has_a_soft_time_limit_within_its_hard_one():
    app.loader.import_default_modules()
    ours = {n: t for n, t in app.tasks.items() if not n.startswith("celery.")}
    assert len(ours) >= 10
    for name, task in ours.items():
        assert task.time_limit and task.soft_time_limit, name
        assert task.soft_time_limit <= task.time_limit, name


@pytest.mark.redis
def test_every_beat_schedule_entry_is_sent_the_way_beat_sends_it(settings, private_queue):
    import redis
    from celery.beat import Scheduler

    app.loader.import_default_modules()
    scheduler = Scheduler(app)  # the schedule from CELERY_BEAT_SCHEDULE, as beat builds it
    entries = [scheduler.schedule[name] for name in settings.CELERY_BEAT_SCHEDULE]
    assert len(entries) == len(settings.CELERY_BEAT_SCHEDULE) >= 8
    for entry in entries:
        assert entry.task in app.tasks, entry.task  # beat takes the apply_async path
        # raises SchedulingError where beat would log "Couldn't apply scheduled task"
        scheduler.apply_async(entry, advance=False)
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        sent = [json.loads(raw)["headers"]["task"] for raw in client.lrange(private_queue, 0, -1)]
    finally:
        client.close()
    assert sorted(sent) == sorted(e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values())


@pytest.fixture
def expired_ballot(chair):
    version = VersionFactory(advice=AdviceFactory(status=Advice.Status.VOTING))
    return Ballot.objects.create(
        advice=version.advice,
        version=version,
        opened_by=chair,
        opened_on=timezone.localdate() - datetime.timedelta(days=8),
        deadline=timezone.now() - datetime.timedelta(hours=1),
        threshold_percent=50,
        basis="eligible",
        quorum_percent=0,
        eligible_count=3,
    )


@pytest.fixture
def old_signal(transactional_db):
    from members.selectors import council_settings_get

    days = council_settings_get().signal_retention_days
    signal = SignalFactory(
        contact_name="Jan Bewoner", contact_email="jan@bewoner.example", contact_phone="0612345678"
    )
    Signal.objects.filter(pk=signal.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=days + 2)
    )
    return signal


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_a_real_beat_and_worker_run_every_periodic_task(
    celery_workers, settings, tmp_path, expired_ballot, old_signal
):
    # work that waited in the outbox while the broker was down: flush_outbox must send it
    waiting = OutboxMessage.objects.create(
        task_name="adviesraad.background.tasks.selftest_write", args=["waited-for-beat"]
    )
    worker = celery_workers()
    beat = CeleryBeat(
        env=app_env(CELERY_BEAT_EVERY_SECONDS="3", CELERY_TASK_DEFAULT_QUEUE=worker.queue),
        workdir=tmp_path,
    )
    try:
        names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

        def every_task_succeeded():
            done = set(
                PeriodicTaskRun.objects.filter(last_succeeded_at__isnull=False).values_list(
                    "task_name", flat=True
                )
            )
            return names <= done

        try:
            wait_for(every_task_succeeded, timeout=120, what="every periodic task to run")
        except AssertionError as exc:
            runs = list(PeriodicTaskRun.objects.values_list("task_name", "runs", "last_error"))
            raise AssertionError(
                f"{exc}\nruns: {runs}\nbeat:\n{beat.output()}\nworker:\n{worker.output()}"
            ) from None
    finally:
        beat.stop()

    expired_ballot.refresh_from_db()
    assert expired_ballot.closed_at is not None  # the written vote closed at its deadline
    old_signal.refresh_from_db()
    assert old_signal.contact_erased_at is not None
    assert (old_signal.contact_name, old_signal.contact_email, old_signal.contact_phone) == (
        "",
        "",
        "",
    )
    assert Heartbeat.objects.filter(name="beat").exists()
    waiting.refresh_from_db()
    assert waiting.state == OutboxMessage.State.SUCCEEDED
    assert SelfTestWrite.objects.filter(key="waited-for-beat").count() == 1
    assert "must be less than or equal" not in beat.output()
