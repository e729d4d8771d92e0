"""Redis absent, then hung, then back (issue 12, finding 1, the outbox half; docs/rules.md S17).

Real processes on a Redis of the test's own (the shared one is never stopped): a worker and
beat keep running through the outage. Enqueueing after commit never raises and never waits
more than about a second; the rows wait in the outbox; when Redis returns, beat's
``flush_outbox`` sends them through the reconnected worker with no restart, each effect once.
"""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from adviesraad.background.models import OutboxMessage, SelfTestWrite
from adviesraad.celery import app
from adviesraad.queue import enqueue
from tests.processes import CeleryBeat, RedisServer, app_env, wait_for

SELFTEST = "adviesraad.background.tasks.selftest_write"
FAST = {"OUTBOX_HEARTBEAT_SECONDS": "1", "OUTBOX_STALE_SECONDS": "5"}


def timed_enqueue(key: str) -> tuple[OutboxMessage, float]:
    started = time.monotonic()
    with transaction.atomic():
        message = enqueue(SELFTEST, key)
    took = time.monotonic() - started  # the commit and its after-commit publish included
    message.refresh_from_db()
    return message, took


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_with_redis_absent_or_hung_work_waits_and_goes_out_once_when_it_returns(
    celery_workers, settings, tmp_path
):
    server = RedisServer(workdir=tmp_path)
    beat = None
    old_broker = app.conf.broker_url
    try:
        app.conf.broker_url = server.url  # this process (the web side) publishes there too
        settings.CELERY_BROKER_URL = server.url
        worker = celery_workers(REDIS_URL=server.url, **FAST)
        beat = CeleryBeat(
            env=app_env(
                REDIS_URL=server.url,
                CELERY_BEAT_EVERY_SECONDS="2",
                CELERY_TASK_DEFAULT_QUEUE=worker.queue,
            ),
            workdir=tmp_path,
        )

        server.kill_all()  # Redis absent: connections refused
        absent, took = timed_enqueue("while-absent")
        assert took < 1.5
        assert absent.state == OutboxMessage.State.PENDING
        assert "niet bereikbaar" in absent.last_error

        port = server.port
        server.stop()
        server = RedisServer(port=port, workdir=tmp_path)
        server.hang()  # Redis hung: connections accepted, nothing answers
        hung, took = timed_enqueue("while-hung")
        assert took < 1.5
        assert hung.state == OutboxMessage.State.PENDING

        server.resume()  # Redis is back; nobody restarts the worker or beat

        def both_done():
            states = set(
                OutboxMessage.objects.filter(pk__in=[absent.pk, hung.pk]).values_list(
                    "state", flat=True
                )
            )
            return states == {OutboxMessage.State.SUCCEEDED}

        try:
            wait_for(both_done, timeout=150, what="the waiting work to go out and run")
        except AssertionError as exc:
            rows = list(
                OutboxMessage.objects.values_list("args", "state", "publish_attempts", "last_error")
            )
            raise AssertionError(
                f"{exc}\nrows: {rows}\nbeat:\n{beat.output()}\nworker:\n{worker.output()}"
            ) from None
    finally:
        app.conf.broker_url = old_broker
        if beat is not None:
            beat.stop()
        server.stop()

    for message in (absent, hung):
        message.refresh_from_db()
        assert message.run_attempts == 1
        assert message.publish_attempts >= 2  # refused after commit, sent by the flush
    assert SelfTestWrite.objects.filter(key="while-absent").count() == 1
    assert SelfTestWrite.objects.filter(key="while-hung").count() == 1
