"""Background work for meetings: sending the agenda pack (e-mail with the PDF attached)."""

from __future__ import annotations

import logging

from celery import shared_task

from adviesraad.mail import mail_task_options

log = logging.getLogger(__name__)


@shared_task(
    name="meetings.tasks.send_agenda_pack",
    acks_late=True,
    bind=True,
    max_retries=3,
    default_retry_delay=60,
)
def send_agenda_pack(self, sending_id: int) -> str:
    """Send a queued agenda pack. Idempotent: a sent row is never sent again, and each address
    is recorded as delivered before the next one is tried."""
    from .services import agenda_pack_deliver, agenda_pack_failed

    try:
        sending = agenda_pack_deliver(sending_id=sending_id)
    except (ConnectionError, TimeoutError, OSError) as exc:
        if self.request.retries >= self.max_retries:
            agenda_pack_failed(sending_id=sending_id, error=str(exc))
            raise
        raise self.retry(exc=exc) from exc
    except Exception as exc:
        log.exception("agenda pack %s failed", sending_id)
        agenda_pack_failed(sending_id=sending_id, error=str(exc))
        raise
    return sending.status


@shared_task(name="meetings.tasks.send_cancel_notices", **mail_task_options(time_limit=120))
def send_cancel_notices(meeting_id: int) -> int:
    """E-mail the guests of a cancelled meeting; each guest at most once (a second run sends
    only what is missing)."""
    from .services.notices import cancel_notices_to_guests

    return cancel_notices_to_guests(meeting_id=meeting_id)
