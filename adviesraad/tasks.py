"""Site-wide periodic tasks."""

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from .models import Heartbeat


@shared_task(name="adviesraad.tasks.heartbeat", acks_late=True, time_limit=30, soft_time_limit=25)
def heartbeat(name: str = "beat") -> int:
    """Record that the scheduler and a worker are alive; returns the beat count."""
    hb, _ = Heartbeat.objects.get_or_create(name=name, defaults={"beat_at": timezone.now()})
    Heartbeat.objects.filter(pk=hb.pk).update(beat_at=timezone.now(), count=F("count") + 1)
    hb.refresh_from_db()
    return hb.count
