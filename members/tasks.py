"""Background work for members: the password-reset mail."""

from __future__ import annotations

from celery import shared_task

from adviesraad.mail import mail_task_options


@shared_task(name="members.tasks.password_reset_mail_send", **mail_task_options(time_limit=60))
def password_reset_mail_send(*user_ids: int) -> int:
    """Mail the reset link to each of ``user_ids`` (none for an unknown address); retried when
    the mail server cannot be reached (``mail_task_options``). Returns how many mails went
    out."""
    from .auth_services import password_reset_mail_send as send

    return sum(1 for user_id in user_ids if send(user_id=user_id))


# The recruitment tasks live in their own package; Celery's autodiscovery imports
# ``<app>.tasks``, so they are registered by importing them here.
from .recruitment.tasks import (  # noqa: E402, F401
    erase_expired_applications,
    send_applicant_mail,
    send_interview_invitation,
    send_member_invitation,
)
