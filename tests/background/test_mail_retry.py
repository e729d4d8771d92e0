"""A mail server that is down: the e-mail tasks retry with back-off instead of failing on the
first error (issue 12, finding 2: Celery refused their retries because of the time limits)."""

from __future__ import annotations

import os
import uuid

import pytest
from celery.exceptions import Retry
from django.db import transaction
from django.utils import timezone

from adviesraad.background.models import OutboxMessage
from adviesraad.celery import app
from adviesraad.notifications.models import Notification
from adviesraad.queue import enqueue
from tests.factories.background import NotificationFactory
from tests.processes import wait_for

MAIL_TASKS = [
    "adviezen.tasks.send_advice",
    "adviezen.tasks.send_signal_reply",
    "adviesraad.notifications.tasks.send_notification_email",
]


@pytest.mark.redis
@pytest.mark.parametrize("name", MAIL_TASKS)
def test_a_mail_task_can_schedule_its_retry_through_celerys_checks(name, settings):
    """The retry a worker would send after a mail failure goes out (it raised ValueError)."""
    import redis

    app.loader.import_default_modules()
    task = app.tasks[name]
    assert OSError in task.autoretry_for
    assert task.max_retries == settings.MAIL_RETRIES
    queue = f"mail-retry-{uuid.uuid4().hex}"
    old = {k: app.conf[k] for k in ("task_always_eager", "task_default_queue", "broker_url")}
    app.conf.update(
        task_always_eager=False, task_default_queue=queue, broker_url=os.environ["REDIS_URL"]
    )
    task.push_request(
        id=str(uuid.uuid4()), args=[1], kwargs={}, retries=0, is_eager=False, called_directly=False
    )
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        with pytest.raises(Retry) as retry:
            task.retry(exc=ConnectionRefusedError("mail server down"), countdown=30)
        assert retry.value.when == 30
        assert client.llen(queue) == 1  # the retry message, with its countdown, was sent
    finally:
        task.pop_request()
        app.conf.update(old)
        client.delete(queue)
        client.close()


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_a_notification_email_is_retried_until_the_mail_server_is_back(celery_workers, tmp_path):
    state = tmp_path / "failures-left"
    state.write_text("2")  # the mail server refuses the first two attempts
    outbox = tmp_path / "mail"
    outbox.mkdir()
    celery_workers(
        TEST_EMAIL_BACKEND="tests.background.flaky_mail.FlakyEmailBackend",
        TEST_EMAIL_FILE_PATH=str(outbox),
        FLAKY_MAIL_STATE=str(state),
        MAIL_RETRY_SECONDS="1",
    )
    notification = NotificationFactory(
        delivery="email",
        email_subject="Agenda voor donderdag",
        email_text="De agenda staat klaar.",
    )
    with transaction.atomic():
        message = enqueue("adviesraad.notifications.tasks.send_notification_email", notification.pk)

    def finished():
        message.refresh_from_db()
        return message.state in (OutboxMessage.State.SUCCEEDED, OutboxMessage.State.FAILED)

    wait_for(finished, timeout=90, what="the e-mail task to finish")
    assert message.state == OutboxMessage.State.SUCCEEDED, message.last_error
    assert message.run_attempts == 3  # two refusals, then delivered
    assert state.read_text() == "0"
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.emailed_at <= timezone.now()
    mails = "".join(p.read_text() for p in outbox.iterdir())
    assert mails.count("Subject: Agenda voor donderdag") == 1  # delivered once
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 1
