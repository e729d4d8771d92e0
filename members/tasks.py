"""The members app's Celery tasks. Celery's autodiscovery imports ``<app>.tasks``; the
recruitment tasks live in their own package and are registered by importing them here."""

from .recruitment.tasks import (  # noqa: F401
    erase_expired_applications,
    send_applicant_mail,
    send_interview_invitation,
    send_member_invitation,
)
