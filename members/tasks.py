"""Background work for members: the password-reset mail."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="members.tasks.password_reset_mail_send",
    bind=True,
    max_retries=3,
    default_retry_delay=30,
)
def password_reset_mail_send(self, *user_ids: int) -> int:
    """Mail the reset link to each of ``user_ids`` (none for an unknown address); retried when
    the mail server cannot be reached. Returns how many mails went out."""
    from .auth_services import password_reset_mail_send as send

    try:
        return sum(1 for user_id in user_ids if send(user_id=user_id))
    except (ConnectionError, TimeoutError, OSError) as exc:
        raise self.retry(exc=exc) from exc
