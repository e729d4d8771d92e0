import time

import pytest

from adviesraad.models import Heartbeat


@pytest.mark.django_db
def test_the_scheduled_heartbeat_runs_as_beat_sends_it(settings):
    """The beat entry is handed to the app as beat hands it: its task name must resolve to a
    registered task that runs with the entry's arguments."""
    from adviesraad.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["heartbeat"]
    task = app.tasks[entry["task"]]
    task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {})).get()
    assert Heartbeat.objects.count() == 1


@pytest.mark.django_db
def test_heartbeat_runs_in_process_without_broker():
    from adviesraad.tasks import heartbeat

    assert heartbeat.delay().get() == 1
    assert heartbeat.delay().get() == 2


def test_a_pickled_message_is_refused_and_a_task_is_sent_as_json():
    """docs/rules.md, S20: the app's consumers accept JSON only, so a pickled message (which
    could run code when loaded) is refused, and what the app sends is JSON."""
    import pickle

    from kombu.exceptions import ContentDisallowed
    from kombu.serialization import dumps, loads, prepare_accept_content

    from adviesraad.celery import app

    accept = prepare_accept_content(app.conf.accept_content)
    with pytest.raises(ContentDisallowed):
        loads(
            pickle.dumps({"x": 1}),
            "application/x-python-serialize",
            "binary",
            accept=accept,
        )
    content_type, _encoding, body = dumps({"ids": [1, 2]}, serializer=app.conf.task_serializer)
    assert content_type == "application/json"
    assert loads(body, content_type, "utf-8", accept=accept) == {"ids": [1, 2]}


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_real_worker_on_redis_executes_heartbeat(celery_worker_process):
    from adviesraad.celery import app

    result = app.send_task(
        "adviesraad.tasks.heartbeat", kwargs={"name": "ci"}, queue=celery_worker_process.queue
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not Heartbeat.objects.filter(name="ci").exists():
        time.sleep(0.2)
    beat = Heartbeat.objects.get(name="ci")
    assert beat.count == 1
    assert result.id
