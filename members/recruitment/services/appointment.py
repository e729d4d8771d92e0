"""Appointing a proposed candidate after the college's decision (docs/rules.md, D34)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.mail import build_email
from adviesraad.queue import enqueue
from adviesraad.transitions import locked, transition
from adviesraad.uploads import discard_on_rollback, generated_name
from members import roles
from members.models import User
from members.onboarding.services import onboarding_start
from members.selectors import council_settings_get
from members.services import member_create, term_create

from ..invitation import invitation_url, valid_hours
from ..models import Application, Appointment, Vacancy
from .common import RecruitmentError, check_committee
from .vacancies import vacancy_transition

DECISION_FOLDER = "benoemingen"
INVITE_TASK = "members.recruitment.tasks.send_member_invitation"


def role_names_for(role: str) -> list[str]:
    """The groups of a new member: *Leden*, and *Voorzitter* too for the chair (D1)."""
    return [roles.CHAIR, roles.MEMBER] if role == Vacancy.Role.CHAIR else [roles.MEMBER]


@transaction.atomic
def application_appoint(
    *,
    application: Application,
    by: Any,
    decided_on: datetime.date,
    document: UploadedFile,
    document_kind: str,
    start: datetime.date,
) -> Appointment:
    """Record the college's decision and make the candidate a member, in one step.

    Only a proposed candidate is appointed. The step creates the account with the role's
    groups (``member_create``), the first term from ``start`` (``term_create``: the term
    and seat rules apply, and a full council refuses it), the onboarding checklist, and
    queues the invitation e-mail with a one-time set-password link. The seat planning and
    the directory read terms and people, so they show the new member at once. When the
    vacancy's seats are all filled it is marked *filled*. Any refusal changes nothing.
    """
    application = locked(application)
    vacancy = application.vacancy
    check_committee(by, vacancy)
    if application.status != Application.Status.PROPOSED or application.erased_at:
        raise RecruitmentError(_("Alleen een voorgedragen kandidaat kan worden benoemd."))
    if decided_on > start:
        raise RecruitmentError(
            _(
                "De termijn begint vóór het collegebesluit. Kies een begindatum op of na het besluit."
            ),
            field="start",
        )
    if User.objects.filter(email__iexact=application.email).exists():
        raise RecruitmentError(
            _(
                "Er bestaat al een account met het e-mailadres van deze kandidaat. Voeg de "
                "termijn toe bij die persoon in het ledenoverzicht."
            )
        )
    member = member_create(
        by=by,
        email=application.email,
        first_name=application.first_name,
        last_name=application.last_name,
        role_names=role_names_for(vacancy.role),
        phone=application.phone,
        joined_on=start,
    )
    term = term_create(member=member, by=by, start=start, role=vacancy.role)
    appointment = Appointment(
        vacancy=vacancy,
        member=member,
        term=term,
        decided_on=decided_on,
        decision_original_name=(document.name or "")[:200],
        created_by=by,
    )
    appointment.decision_document.save(
        generated_name(DECISION_FOLDER, document_kind), document, save=False
    )
    discard_on_rollback(appointment.decision_document.name)
    appointment.save()
    transition(application, to=Application.Status.APPOINTED, by=by, error=RecruitmentError)
    application.member = member
    application.save(update_fields=["status", "member"])
    onboarding_start(member=member, start=start, by=by)
    audit_record(
        actor=by,
        action="member.appointed",
        obj=member,
        data={"vacancy": vacancy.pk, "term": term.pk, "decided_on": decided_on.isoformat()},
    )
    enqueue(INVITE_TASK, member.pk)
    appointed = vacancy.applications.filter(status=Application.Status.APPOINTED).count()
    if appointed >= vacancy.seats:
        if vacancy.status == Vacancy.Status.PUBLISHED:
            vacancy = vacancy_transition(vacancy=vacancy, by=by, to=Vacancy.Status.CLOSED)
        if vacancy.status == Vacancy.Status.CLOSED:
            vacancy_transition(vacancy=vacancy, by=by, to=Vacancy.Status.FILLED)
    return appointment


def member_invitation_resend(*, member: User, by: Any) -> None:
    """Send a new invitation link (the old one may have expired) to someone who has not
    chosen a password yet."""
    if member.has_usable_password() or not member.is_active:
        raise RecruitmentError(_("%(naam)s heeft al een wachtwoord gekozen.") % {"naam": member})
    enqueue(INVITE_TASK, member.pk)
    audit_record(actor=by, action="member.invitation_requested", obj=member)


def member_invitation_send(*, member_id: int) -> bool:
    """E-mail the invitation with a fresh one-time set-password link.

    Nobody who has chosen a password already, or was deactivated, gets one.
    """
    member = User.objects.filter(pk=member_id, is_active=True).first()
    if member is None or member.has_usable_password():
        return False
    build_email(
        template_prefix="members/email/member_invitation",
        context={
            "member": member,
            "url": invitation_url(member),
            "hours": valid_hours(),
            "council": council_settings_get(),
        },
        to=[member.email],
    ).send()
    audit_record(actor="systeem", action="member.invitation_sent", obj=member)
    return True
