"""Fault tests (issue 6, docs/rules.md S17, S18, S20): a dead broker, a live one, a killed worker."""

import base64
import json
import os
import signal
import time
import uuid

import pytest
from django.db import transaction
from django.urls import reverse

from adviesraad.background import outbox
from adviesraad.background.models import OutboxMessage, SelfTestWrite
from adviesraad.celery import app
from adviesraad.queue import enqueue
from tests.factories.background import OutboxMessageFactory

SELFTEST = "adviesraad.background.tasks.selftest_write"
DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker(settings):
    """Point the Celery app at a broker (eager mode off) and restore it afterwards."""
    keys = ("broker_url", "task_always_eager", "task_default_queue")
    old = {k: app.conf[k] for k in keys}

    def point(url, queue=None):
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        settings.CELERY_BROKER_URL = url
        settings.CELERY_TASK_ALWAYS_EAGER = False
        if queue:
            app.conf.task_default_queue = queue

    yield point
    for k, v in old.items():
        app.conf[k] = v


def wait_for(check, *, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_home_page_answers_quickly_with_the_broker_down(client, broker, transactional_db):
    client.get("/")  # first request of the process: imports and template compilation
    broker(DEAD_BROKER)
    for _ in range(2):
        started = time.monotonic()
        response = client.get("/")
        assert response.status_code == 200
        assert time.monotonic() - started < 2


def test_enqueue_with_the_broker_down_answers_quickly_and_the_outbox_holds_the_work(
    broker, transactional_db
):
    broker(DEAD_BROKER)
    started = time.monotonic()
    with transaction.atomic():
        message = enqueue(SELFTEST, "waits")
    assert time.monotonic() - started < 1.5
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.PENDING
    assert message.publish_attempts == 1
    assert "niet bereikbaar" in message.last_error
    assert not SelfTestWrite.objects.exists()


def test_a_page_that_enqueues_answers_quickly_with_the_broker_down(
    client, secretary, broker, transactional_db
):
    from django.contrib.auth.models import Permission

    # transactional_db flushes the roles' permissions: grant the one this page needs directly.
    secretary.user_permissions.add(Permission.objects.get(codename="view_background_work"))
    failed = OutboxMessageFactory(state=OutboxMessage.State.FAILED, args=["page"])
    client.force_login(secretary)
    broker(DEAD_BROKER)
    started = time.monotonic()
    response = client.post(reverse("background:retry", args=[failed.pk]))
    assert response.status_code == 302
    assert time.monotonic() - started < 2
    failed.refresh_from_db()
    assert failed.state == OutboxMessage.State.PENDING
    assert failed.publish_attempts == 1


def test_flush_with_the_broker_still_down_stops_at_the_first_failure(broker, transactional_db):
    broker(DEAD_BROKER)
    for i in range(3):
        OutboxMessage.objects.create(task_name=SELFTEST, args=[f"w{i}"])
    started = time.monotonic()
    assert outbox.flush() == {"sent": 0, "pending": 1}
    assert time.monotonic() - started < 1.5
    assert OutboxMessage.objects.filter(state="pending").count() == 3


def _queue_messages(queue):
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        # LPUSH puts the newest first; consumers take from the right (oldest first).
        return [json.loads(raw) for raw in reversed(client.lrange(queue, 0, -1))]
    finally:
        client.delete(queue)
        client.close()


@pytest.mark.redis
def test_work_that_waited_goes_out_when_the_broker_answers_with_ids_only(
    broker, transactional_db, user_factory
):
    person = user_factory(first_name="Geheime", last_name="Naam", iban="NL91ABNA0417164300")
    broker(DEAD_BROKER)
    with transaction.atomic():
        message = enqueue(SELFTEST, f"user-{person.pk}")
        enqueue("adviesraad.notifications.tasks.send_notification_email", person.pk)
    assert OutboxMessage.objects.filter(state="pending").count() == 2

    queue = f"outbox-test-{uuid.uuid4().hex}"
    broker(os.environ["REDIS_URL"], queue=queue)
    assert outbox.flush() == {"sent": 2, "pending": 0}
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT and message.sent_at

    sent = _queue_messages(queue)
    assert [m["headers"]["task"] for m in sent] == [
        SELFTEST,
        "adviesraad.notifications.tasks.send_notification_email",
    ]
    assert sent[0]["headers"]["id"] == message.task_id
    assert sent[0]["content-type"] == "application/json"
    bodies = [json.loads(base64.b64decode(m["body"])) for m in sent]
    assert bodies[0][:2] == [[f"user-{person.pk}"], {}]
    assert bodies[1][:2] == [[person.pk], {}]
    raw = json.dumps(sent) + json.dumps(bodies)
    for secret in ("Geheime", "Naam", "NL91ABNA0417164300", person.email):
        assert secret not in raw


@pytest.mark.redis
def test_after_commit_publish_reaches_a_live_broker(broker, transactional_db):
    queue = f"outbox-test-{uuid.uuid4().hex}"
    broker(os.environ["REDIS_URL"], queue=queue)
    with transaction.atomic():
        message = enqueue(SELFTEST, "live")
        assert _peek(queue) == 0  # nothing on the broker before the commit
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert len(_queue_messages(queue)) == 1


def _peek(queue):
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        return client.llen(queue)
    finally:
        client.close()


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_worker_killed_mid_task_redelivers_and_the_effect_happens_once(celery_worker_process):
    with transaction.atomic():
        message = enqueue(SELFTEST, "killed-mid-task", 3000)

    def running_after_effect():
        message.refresh_from_db()
        return (
            message.state == "running"
            and SelfTestWrite.objects.filter(key="killed-mid-task").exists()
        )

    wait_for(running_after_effect, timeout=30, what="the task to write and hold")
    pid = int(message.worker.rsplit(":", 1)[1])
    assert pid != celery_worker_process.pid  # the pool process running the task
    os.kill(pid, signal.SIGKILL)

    def succeeded():
        message.refresh_from_db()
        return message.state == "succeeded"

    wait_for(succeeded, timeout=60, what="the redelivered task to finish")
    assert message.run_attempts == 2
    assert SelfTestWrite.objects.filter(key="killed-mid-task").count() == 1


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_a_real_worker_runs_enqueued_work_and_records_it(celery_worker_process):
    with transaction.atomic():
        message = enqueue(SELFTEST, "real-worker")

    def done():
        message.refresh_from_db()
        return message.state == "succeeded"

    wait_for(done, timeout=30, what="the worker to run the task")
    assert message.run_attempts == 1
    assert SelfTestWrite.objects.filter(key="real-worker").count() == 1
