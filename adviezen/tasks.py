"""Background work for advices and signals. Tasks take ids and call a service; idempotency
lives in row locks, status guards and unique constraints (see the services)."""

from celery import shared_task
from django.utils import timezone


@shared_task(
    name="adviezen.tasks.send_advice",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=120,
)
def send_advice(advice_id: int) -> bool:
    """E-mail the signed letter to the college once (``services.advice_letter_deliver``)."""
    from .services import advice_letter_deliver

    return advice_letter_deliver(advice_id=advice_id)


@shared_task(
    name="adviezen.tasks.send_signal_reply",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=60,
)
def send_signal_reply(signal_id: int) -> bool:
    from .services import signal_reply_send

    return signal_reply_send(signal_id=signal_id)


@shared_task(name="adviezen.tasks.close_expired_ballots", acks_late=True, time_limit=300)
def close_expired_ballots() -> int:
    """Periodic: close written ballots whose deadline has passed."""
    from .services import ballots_close_expired

    return ballots_close_expired(now=timezone.now())


@shared_task(name="adviezen.tasks.erase_expired_signal_contacts", acks_late=True, time_limit=300)
def erase_expired_signal_contacts() -> int:
    """Periodic: erase residents' contact details after the council's retention period."""
    from .services import signal_contacts_erase_expired

    return signal_contacts_erase_expired(today=timezone.localdate())
