"""The outbox: written in the caller's transaction, run or sent after commit, retryable."""

import pytest
from django.db import transaction

from adviesraad.background import outbox, services
from adviesraad.background.models import OutboxMessage, SelfTestWrite
from adviesraad.errors import DomainError
from adviesraad.models import AuditEntry
from adviesraad.queue import enqueue
from tests.factories.background import OutboxMessageFactory

pytestmark = pytest.mark.django_db

SELFTEST = "adviesraad.background.tasks.selftest_write"


def test_enqueue_writes_an_outbox_row_with_ids_only():
    with transaction.atomic():
        message = enqueue(SELFTEST, "k1")
    message.refresh_from_db()
    assert message.task_name == SELFTEST
    assert message.args == ["k1"]
    assert message.kwargs == {}


def test_enqueue_refuses_model_instances_and_long_strings(secretary):
    with pytest.raises(TypeError):
        enqueue(SELFTEST, secretary)
    with pytest.raises(TypeError):
        enqueue(SELFTEST, "x" * 500)
    assert not OutboxMessage.objects.exists()


def test_rolled_back_change_enqueues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                enqueue(SELFTEST, "rolled-back")
                raise RuntimeError("the change fails")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert not SelfTestWrite.objects.exists()


def test_eager_mode_runs_the_task_after_commit_and_marks_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            message = enqueue(SELFTEST, "eager")
        assert not SelfTestWrite.objects.exists()  # nothing before the commit
    for cb in callbacks:
        cb()
    message.refresh_from_db()
    assert SelfTestWrite.objects.filter(key="eager").count() == 1
    assert message.state == OutboxMessage.State.SUCCEEDED
    assert message.run_attempts == 1
    assert message.finished_at is not None


def test_a_failing_task_is_marked_failed_with_its_error():
    # A negative hold makes time.sleep raise inside the task.
    message = OutboxMessage.objects.create(task_name=SELFTEST, args=["bad", -1])
    assert outbox.deliver(message.pk, propagate=False) == OutboxMessage.State.FAILED
    message.refresh_from_db()
    assert "ValueError" in message.last_error
    assert message.finished_at is not None


def test_a_failing_task_propagates_in_eager_mode_when_configured():
    message = OutboxMessage.objects.create(task_name=SELFTEST, args=["bad", -1])
    with pytest.raises(ValueError):
        outbox.deliver(message.pk, propagate=True)
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED


def test_unknown_task_is_marked_failed():
    message = OutboxMessage.objects.create(task_name="nowhere.tasks.missing", args=[1])
    outbox.deliver(message.pk, propagate=False)
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert "nowhere.tasks.missing" in message.last_error


def test_deliver_twice_runs_once():
    message = OutboxMessage.objects.create(task_name=SELFTEST, args=["twice"])
    outbox.deliver(message.pk)
    assert outbox.deliver(message.pk) == "skipped"
    message.refresh_from_db()
    assert message.run_attempts == 1


def test_flush_runs_every_pending_row_in_eager_mode():
    for i in range(3):
        OutboxMessage.objects.create(task_name=SELFTEST, args=[f"flush-{i}"])
    OutboxMessageFactory(state=OutboxMessage.State.SUCCEEDED)
    assert outbox.flush() == {"sent": 3, "pending": 0}
    assert SelfTestWrite.objects.count() == 3
    assert outbox.flush() == {"sent": 0, "pending": 0}


def test_retry_puts_a_failed_task_back_and_audits(secretary, django_capture_on_commit_callbacks):
    message = OutboxMessageFactory(
        state=OutboxMessage.State.FAILED, args=["again"], last_error="boom"
    )
    old_task_id = message.task_id
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_retry(message_id=message.pk, by=secretary)
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SUCCEEDED
    assert message.task_id != old_task_id
    assert SelfTestWrite.objects.filter(key="again").exists()
    assert AuditEntry.objects.filter(action="background.retry").count() == 1


@pytest.mark.parametrize(
    "state", [OutboxMessage.State.SUCCEEDED, OutboxMessage.State.PENDING, OutboxMessage.State.SENT]
)
def test_only_a_failed_task_can_be_retried(secretary, state):
    message = OutboxMessageFactory(state=state)
    with pytest.raises(DomainError):
        services.outbox_retry(message_id=message.pk, by=secretary)


def test_a_starting_worker_flushes_what_waited():
    from adviesraad.background.signals import on_worker_ready

    waiting = OutboxMessage.objects.create(task_name=SELFTEST, args=["on-start"])
    on_worker_ready()
    waiting.refresh_from_db()
    assert waiting.state == OutboxMessage.State.SUCCEEDED
    assert SelfTestWrite.objects.filter(key="on-start").exists()
