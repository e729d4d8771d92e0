"""Recruitment's background work: e-mails to applicants and new members, and the erasure.

Each task takes ids (and the kind of e-mail) only (docs/rules.md, S20) and calls a service
whose status guard makes a second run send nothing (S18).
"""

from celery import shared_task
from django.utils import timezone

from adviesraad.mail import mail_task_options


@shared_task(
    name="members.recruitment.tasks.send_applicant_mail", **mail_task_options(time_limit=60)
)
def send_applicant_mail(application_id: int, kind: str) -> bool:
    from .services import applicant_mail_send

    return applicant_mail_send(application_id=application_id, kind=kind)


@shared_task(
    name="members.recruitment.tasks.send_interview_invitation", **mail_task_options(time_limit=60)
)
def send_interview_invitation(interview_id: int) -> bool:
    from .services import interview_invitation_send

    return interview_invitation_send(interview_id=interview_id)


@shared_task(
    name="members.recruitment.tasks.send_member_invitation", **mail_task_options(time_limit=60)
)
def send_member_invitation(member_id: int) -> bool:
    from .services import member_invitation_send

    return member_invitation_send(member_id=member_id)


@shared_task(
    name="members.recruitment.tasks.erase_expired_applications",
    acks_late=True,
    time_limit=300,
    soft_time_limit=280,
)
def erase_expired_applications() -> int:
    """Periodic: erase applicants' details after the council's retention period (D33)."""
    from .services import applications_erase_expired

    return applications_erase_expired(today=timezone.localdate())
