"""The selection committee's work: statuses, assessments and interviews (docs/rules.md, D32).

Every step goes through ``adviesraad.transitions`` (a status-history row and an audit entry,
by whom and when). Audit entries name the application by its number, never the applicant.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.mail import build_email
from adviesraad.queue import enqueue
from adviesraad.transitions import locked, transition
from meetings.models import Location, Meeting
from meetings.services import meeting_create
from members.selectors import council_settings_get

from ..models import Application, Assessment, Interview
from .applications import MAIL_TASK
from .common import RecruitmentError, check_committee

# Steps with a form of their own: inviting plans an interview, appointing records the decision.
STEPS_WITH_A_FORM = {Application.Status.INVITED, Application.Status.APPOINTED}
INVITATION_TASK = "members.recruitment.tasks.send_interview_invitation"


@transaction.atomic
def application_transition(
    *, application: Application, by: Any, to: str, note: str = ""
) -> Application:
    """Move an application one step (``Application.TRANSITIONS``), by a committee member.

    *Not selected* queues the standard rejection e-mail (once). Inviting and appointing go
    through :func:`interview_plan` and ``application_appoint``, which do more than the step.
    """
    application = locked(application)
    check_committee(by, application.vacancy)
    if application.erased_at:
        raise RecruitmentError(_("De gegevens van deze sollicitatie zijn gewist."))
    if to in STEPS_WITH_A_FORM:
        raise RecruitmentError(
            _("Gebruik hiervoor het formulier: een gesprek plannen of een benoeming vastleggen.")
        )
    transition(application, to=to, by=by, note=note, error=RecruitmentError)
    application.save(update_fields=["status"])
    if to == Application.Status.NOT_SELECTED:
        enqueue(MAIL_TASK, application.pk, "rejection")
    return application


@transaction.atomic
def assessment_save(
    *, application: Application, by: Any, judgement: str, note: str = ""
) -> Assessment:
    """A committee member notes (or changes) their own assessment of an application."""
    application = locked(application)
    check_committee(by, application.vacancy)
    if application.erased_at:
        raise RecruitmentError(_("De gegevens van deze sollicitatie zijn gewist."))
    if judgement not in Assessment.Judgement.values:
        raise RecruitmentError(_("Kies een oordeel."), field="judgement")
    assessment, _created = Assessment.objects.update_or_create(
        application=application, author=by, defaults={"judgement": judgement, "note": note}
    )
    # the judgement only: the note is about the applicant and is erased with them
    audit_record(
        actor=by, action="application.assessed", obj=application, data={"judgement": judgement}
    )
    return assessment


@transaction.atomic
def interview_plan(
    *,
    application: Application,
    by: Any,
    start: datetime.datetime,
    end: datetime.datetime,
    location: Location | None = None,
) -> Interview:
    """Plan a selection interview as a confidential meeting of kind *interview*.

    The meeting is never public and has no agenda pack; its title names the vacancy, not the
    applicant. The application moves to *invited* (a second interview keeps it there), and
    the applicant receives their own invitation by e-mail, nothing else.
    """
    application = locked(application)
    check_committee(by, application.vacancy)
    if application.status not in (Application.Status.RECEIVED, Application.Status.INVITED):
        raise RecruitmentError(
            _("Een gesprek plannen kan alleen bij een ontvangen of uitgenodigde sollicitatie.")
        )
    meeting = meeting_create(
        by=by,
        kind=Meeting.Kind.INTERVIEW,
        title=_("Selectiegesprek %(vacature)s") % {"vacature": application.vacancy.title},
        start=start,
        end=end,
        location=location,
        is_public=False,
        use_template=False,
    )
    interview = Interview.objects.create(application=application, meeting=meeting, created_by=by)
    if application.status == Application.Status.RECEIVED:
        transition(application, to=Application.Status.INVITED, by=by, error=RecruitmentError)
        application.save(update_fields=["status"])
    enqueue(INVITATION_TASK, interview.pk)
    return interview


@transaction.atomic
def interview_invitation_send(*, interview_id: int) -> bool:
    """E-mail the applicant their own interview invitation, once (``invitation_sent_at``)."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__vacancy", "meeting__location")
        .filter(pk=interview_id)
        .first()
    )
    if interview is None or interview.invitation_sent_at is not None:
        return False
    application = interview.application
    if application.erased_at or not application.email or application.is_final:
        return False
    build_email(
        template_prefix="members/email/interview_invitation",
        context={
            "application": application,
            "vacancy": application.vacancy,
            "meeting": interview.meeting,
            "start": timezone.localtime(interview.meeting.start),
            "council": council_settings_get(),
        },
        to=[application.email],
    ).send()
    interview.invitation_sent_at = timezone.now()
    interview.save(update_fields=["invitation_sent_at"])
    audit_record(actor="systeem", action="application.invitation_sent", obj=application)
    return True
