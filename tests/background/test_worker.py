"""Inside the worker (issue 12, finding 4): a task that lost its database connection retries on
a fresh one, and the failure handlers write on a fresh connection. The whole path with a real
worker and ``pg_terminate_backend`` is in ``test_worker_faults.py``; these pin the rules."""

from __future__ import annotations

import pytest
from celery.exceptions import Retry
from django.db import OperationalError, connection

from adviesraad.background import signals
from adviesraad.background.models import OutboxMessage
from adviesraad.background.worker import Heartbeat
from adviesraad.celery import app
from tests.factories.background import OutboxMessageFactory


@pytest.fixture
def flaky_task(settings):
    """A task whose body fails with a lost connection; ``retry`` records instead of sending."""
    settings.TASK_DB_RETRIES = 3
    settings.TASK_DB_RETRY_SECONDS = 2
    calls = []

    @app.task(name="tests.background.flaky_db", bind=True, max_retries=1, shared=False)
    def flaky_db(self):
        raise OperationalError("terminating connection due to administrator command")

    def retry(exc=None, countdown=None, max_retries=None, **kw):
        calls.append({"countdown": countdown, "max_retries": max_retries})
        raise Retry(exc=exc, when=countdown)

    flaky_db.retry = retry
    flaky_db.calls = calls
    yield flaky_db
    app.tasks.pop("tests.background.flaky_db", None)


def _in_worker(task, retries):
    task.push_request(id="t-1", retries=retries, is_eager=False, called_directly=False)


@pytest.mark.parametrize("retries,countdown", [(0, 2), (1, 4), (2, 8)])
def test_a_lost_connection_is_retried_with_back_off(flaky_task, retries, countdown):
    _in_worker(flaky_task, retries)
    try:
        with pytest.raises(Retry):
            flaky_task()
    finally:
        flaky_task.pop_request()
    assert flaky_task.calls == [{"countdown": countdown, "max_retries": 3}]


def test_after_the_last_retry_the_lost_connection_fails_the_task(flaky_task):
    _in_worker(flaky_task, 3)
    try:
        with pytest.raises(OperationalError):
            flaky_task()
    finally:
        flaky_task.pop_request()
    assert flaky_task.calls == []


def test_in_process_the_error_goes_to_the_caller(flaky_task):
    with pytest.raises(OperationalError):
        flaky_task.apply(throw=True)
    assert flaky_task.calls == []


def _cut_this_connection():
    """Terminate this process's connection from a second one, as a database restart would."""
    import psycopg

    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.postgres
def test_a_failure_is_recorded_on_a_fresh_connection_when_the_old_one_died(transactional_db):
    message = OutboxMessageFactory(state=OutboxMessage.State.RUNNING)
    connection.ensure_connection()
    _cut_this_connection()
    signals.on_failure(
        task_id=message.task_id,
        exception=OperationalError("terminating connection due to administrator command"),
        sender=None,
    )
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert "terminating connection" in message.last_error
    assert message.may_retry  # the secretary is offered a retry


@pytest.mark.django_db
def test_the_heartbeat_marks_only_running_rows_it_is_given():
    from django.utils import timezone

    running = OutboxMessageFactory(state=OutboxMessage.State.RUNNING)
    other = OutboxMessageFactory(state=OutboxMessage.State.RUNNING)
    done = OutboxMessageFactory(state=OutboxMessage.State.SUCCEEDED)
    before = timezone.now()
    assert Heartbeat.beat([running.task_id, done.task_id]) == 1
    running.refresh_from_db()
    other.refresh_from_db()
    assert running.heartbeat_at >= before and other.heartbeat_at is None
