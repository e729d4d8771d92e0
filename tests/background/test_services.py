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


# --- after commit, nothing raises into the request (issue 12, finding 10) ----------------------


def test_a_failure_after_commit_is_logged_not_raised(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(pk, **kwargs):
        raise RuntimeError("the database went away after the commit")

    monkeypatch.setattr(outbox, "deliver", broken)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = enqueue(SELFTEST, "after-commit")
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.PENDING  # it waits for flush_outbox
    assert "the database went away after the commit" in caplog.text


def test_a_failed_retry_publish_after_commit_is_logged_not_raised(
    secretary, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from adviesraad.background import services as background_services

    def broken(pk, **kwargs):
        raise RuntimeError("broker exploded")

    monkeypatch.setattr(background_services, "deliver", broken)
    message = OutboxMessageFactory(state=OutboxMessage.State.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_retry(message_id=message.pk, by=secretary)
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.PENDING
    assert "broker exploded" in caplog.text


# --- the sweep: work a dead worker or a lost queue left behind (findings 3 and 5) -------------


def _ago(seconds):
    import datetime

    from django.utils import timezone

    return timezone.now() - datetime.timedelta(seconds=seconds)


@pytest.fixture
def timings(settings):
    settings.OUTBOX_STALE_SECONDS = 60
    settings.OUTBOX_RESEND_AFTER_SECONDS = 300
    settings.OUTBOX_MAX_RESENDS = 3
    return settings


def test_the_sweep_resends_a_stale_running_task_that_acks_late(timings):
    dead = OutboxMessageFactory(
        state=OutboxMessage.State.RUNNING, started_at=_ago(600), heartbeat_at=_ago(61)
    )
    busy = OutboxMessageFactory(
        state=OutboxMessage.State.RUNNING, started_at=_ago(600), heartbeat_at=_ago(30)
    )
    assert outbox.sweep() == {"resent": 1, "stalled": 0}
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.state == OutboxMessage.State.PENDING and dead.resends == 1
    assert "Geen teken van leven" in dead.last_error
    assert busy.state == OutboxMessage.State.RUNNING and busy.resends == 0
    task_id = dead.task_id
    assert outbox.flush() == {"sent": 1, "pending": 0}  # in-process here: runs it
    dead.refresh_from_db()
    assert dead.state == OutboxMessage.State.SUCCEEDED and dead.task_id == task_id


def test_the_sweep_stalls_a_task_that_may_not_run_twice_or_was_resent_enough(timings):
    unknown = OutboxMessageFactory(
        task_name="nowhere.tasks.early_ack", state=OutboxMessage.State.RUNNING, started_at=_ago(90)
    )
    worn = OutboxMessageFactory(state=OutboxMessage.State.RUNNING, started_at=_ago(90), resends=3)
    assert outbox.sweep() == {"resent": 0, "stalled": 2}
    for message in (unknown, worn):
        message.refresh_from_db()
        assert message.state == OutboxMessage.State.STALLED
        assert message.is_stalled and message.may_retry
        assert "vastgelopen" in message.last_error


def test_the_sweep_resends_a_sent_task_nobody_started_with_a_doubling_wait(timings):
    lost = OutboxMessageFactory(state=OutboxMessage.State.SENT, sent_at=_ago(301))
    waiting = OutboxMessageFactory(state=OutboxMessage.State.SENT, sent_at=_ago(299))
    resent_once = OutboxMessageFactory(state=OutboxMessage.State.SENT, sent_at=_ago(500), resends=1)
    assert outbox.sweep() == {"resent": 1, "stalled": 0}
    for message, state in (
        (lost, OutboxMessage.State.PENDING),
        (waiting, OutboxMessage.State.SENT),
        (resent_once, OutboxMessage.State.SENT),  # waits 600 s after its first resend
    ):
        message.refresh_from_db()
        assert message.state == state
    assert lost.resends == 1 and lost.sent_at is None


def test_the_sweep_leaves_finished_failed_and_retrying_work_alone(timings):
    for state in ("succeeded", "failed", "retrying", "pending", "stalled"):
        OutboxMessageFactory(state=state, started_at=_ago(900), sent_at=_ago(900))
    assert outbox.sweep() == {"resent": 0, "stalled": 0}


def test_work_stalled_tells_a_page_whether_its_task_stopped(timings, secretary):
    from adviesraad.background.selectors import work_stalled

    tasks = ["budget.tasks.run_declarations_export", "budget.tasks.render_export_part"]
    OutboxMessageFactory(
        task_name=tasks[1], args=[7, 2], state="running", started_at=_ago(90), heartbeat_at=_ago(61)
    )
    OutboxMessageFactory(
        task_name=tasks[1], args=[8, 1], state="running", started_at=_ago(90), heartbeat_at=_ago(1)
    )
    OutboxMessageFactory(task_name=tasks[0], args=[9], state="stalled")
    assert work_stalled(user=secretary, task_names=tasks, first_arg=7)
    assert not work_stalled(user=secretary, task_names=tasks, first_arg=8)
    assert work_stalled(user=secretary, task_names=tasks, first_arg=9)
    assert not work_stalled(user=secretary, task_names=tasks[:1], first_arg=7)


def test_a_periodic_task_records_its_runs():
    from adviesraad.background.models import PeriodicTaskRun
    from adviesraad.tasks import heartbeat

    heartbeat.delay()
    heartbeat.delay()
    run = PeriodicTaskRun.objects.get(task_name="adviesraad.tasks.heartbeat")
    assert run.runs == 2 and run.last_succeeded_at is not None and not run.last_error
    assert not PeriodicTaskRun.objects.filter(task_name=SELFTEST).exists()  # not periodic
