"""Every write on vacancies, applications, interviews and appointments, by concern.

Callers import from here (``from members.recruitment import services``); each module holds
one concern and says its rule in its docstrings.
"""

from .applications import applicant_mail_send, application_submit
from .appointment import application_appoint, member_invitation_resend, member_invitation_send
from .common import RecruitmentError
from .erasure import application_erase, applications_erase_expired
from .letter import recommendation_letter_pdf
from .selection import (
    application_transition,
    assessment_save,
    interview_invitation_send,
    interview_plan,
)
from .vacancies import vacancy_create, vacancy_transition, vacancy_update

__all__ = [
    "RecruitmentError",
    "applicant_mail_send",
    "application_appoint",
    "application_erase",
    "application_submit",
    "application_transition",
    "applications_erase_expired",
    "assessment_save",
    "interview_invitation_send",
    "interview_plan",
    "member_invitation_resend",
    "member_invitation_send",
    "recommendation_letter_pdf",
    "vacancy_create",
    "vacancy_transition",
    "vacancy_update",
]
