import time

import pytest

from adviesraad.models import Heartbeat


def test_heartbeat_is_in_the_beat_schedule(settings):
    assert settings.CELERY_BEAT_SCHEDULE["heartbeat"]["task"] == "adviesraad.tasks.heartbeat"
    from adviesraad.celery import app

    app.loader.import_default_modules()
    assert "adviesraad.tasks.heartbeat" in app.tasks


@pytest.mark.django_db
def test_heartbeat_runs_in_process_without_broker():
    from adviesraad.tasks import heartbeat

    assert heartbeat.delay().get() == 1
    assert heartbeat.delay().get() == 2


def test_celery_uses_json_only(settings):
    from adviesraad.celery import app

    assert app.conf.accept_content == ["json"] and app.conf.task_serializer == "json"


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
