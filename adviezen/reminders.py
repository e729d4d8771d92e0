"""Advices' reminders, collected by ``adviesraad.background.reminders``.

Every date is a Europe/Amsterdam date: ``today`` is ``timezone.localdate()`` of the sweep, and a
ballot's deadline (a moment) counts on its local date.

Kinds, recipients and how often (the ``day`` of the ``ReminderSent`` key):

``ballot_not_voted``
    An open written ballot whose deadline falls two days or one day from today → each eligible
    voter (frozen when the ballot opened) who has not voted yet, and only them. Two separate
    reminders per voter: the key day is the deadline's date minus 2 and minus 1, so each goes
    once; someone who votes after the first gets no second one.
``advice_deadline_near``
    The college's deadline for an advice that has not been sent yet (requested, initiated, in
    preparation, draft, consultation, voting or approved) falls within two weeks (today
    included) → every active secretary, chair(s) and the current members of the advice's
    working group. Once per advice (key day = the deadline; a moved deadline reminds again).
``response_overdue``
    A formal advice sent to the college (sent or published) without a registered college
    response, past the response deadline (``CouncilSettings.response_deadline_weeks`` after
    sending) → every active secretary and chair(s). Once per advice (key day = the day the
    response was due).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from adviesraad.background.reminders import to_each
from members import roles
from members.selectors import council_settings_get

from . import rules
from .models import Advice, Ballot, BallotVoter, Vote
from .selectors import responses_overdue
from .services.notices import people_in_roles

BALLOT_DAYS_BEFORE = (2, 1)
DEADLINE_WINDOW_WEEKS = 2


def local_day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def working_group_members(group_id: int | None, *, today: datetime.date) -> list[Any]:
    if not group_id:
        return []
    return list(
        get_user_model()
        .objects.filter(
            Q(group_memberships__end__isnull=True) | Q(group_memberships__end__gte=today),
            is_active=True,
            group_memberships__group_id=group_id,
            group_memberships__start__lte=today,
        )
        .distinct()
        .order_by("pk")
    )


def _advice_context(advice: Advice) -> dict:
    return {"advice": advice, "reference": advice.reference}


def ballot_not_voted(*, today: datetime.date) -> list[dict]:
    first = today + datetime.timedelta(days=min(BALLOT_DAYS_BEFORE))
    last = today + datetime.timedelta(days=max(BALLOT_DAYS_BEFORE))
    ballots = list(
        Ballot.objects.filter(
            status=Ballot.Status.OPEN,
            deadline__gte=local_day_start(first),
            deadline__lt=local_day_start(last + datetime.timedelta(days=1)),
        )
        .select_related("advice", "version")
        .order_by("deadline", "pk")
    )
    reminders = []
    for ballot in ballots:
        deadline = timezone.localtime(ballot.deadline)
        days_left = (deadline.date() - today).days
        if days_left not in BALLOT_DAYS_BEFORE:
            continue
        voted = Vote.objects.filter(ballot=ballot, member_id=OuterRef("member_id"))
        waiting = (
            BallotVoter.objects.filter(ballot=ballot, member__is_active=True)
            .annotate(voted=Exists(voted))
            .filter(voted=False)
            .select_related("member")
            .order_by("member_id")
        )
        subject = _("Je hebt nog niet gestemd over %(titel)s (sluit %(datum)s)") % {
            "titel": ballot.advice.title,
            "datum": date_format(deadline, "D j F, H:i"),
        }
        context = {
            **_advice_context(ballot.advice),
            "ballot": ballot,
            "deadline": deadline,
            "deadline_label": date_format(deadline, "D j F Y, H:i"),
            "days_left": days_left,
        }
        reminders += to_each(
            [row.member for row in waiting],
            kind="ballot_not_voted",
            object=ballot,
            subject=subject,
            url=reverse("adviezen:ballot", args=[ballot.advice_id, ballot.pk]),
            context=context,
            day=deadline.date() - datetime.timedelta(days=days_left),
        )
    return reminders


def advice_deadline_near(*, today: datetime.date) -> list[dict]:
    first, last = rules.deadline_window(today=today, weeks=DEADLINE_WINDOW_WEEKS)
    advices = list(
        Advice.objects.filter(
            status__in=Advice.NOT_YET_SENT, deadline__gte=first, deadline__lte=last
        )
        .select_related("working_group")
        .order_by("deadline", "pk")
    )
    if not advices:
        return []
    leaders = people_in_roles(roles.SECRETARY, roles.CHAIR)
    reminders = []
    for advice in advices:
        recipients = {p.pk: p for p in leaders}
        for person in working_group_members(advice.working_group_id, today=today):
            recipients.setdefault(person.pk, person)
        subject = _("Termijn nadert: advies %(titel)s uiterlijk %(datum)s") % {
            "titel": advice.title,
            "datum": date_format(advice.deadline, "j F Y"),
        }
        context = {
            **_advice_context(advice),
            "deadline": advice.deadline,
            "days_left": (advice.deadline - today).days,
            "status_label": advice.get_status_display(),
        }
        reminders += to_each(
            recipients.values(),
            kind="advice_deadline_near",
            object=advice,
            subject=subject,
            url=reverse("adviezen:detail", args=[advice.pk]),
            context=context,
            day=advice.deadline,
        )
    return reminders


def response_overdue(*, today: datetime.date) -> list[dict]:
    advices = list(responses_overdue(today=today))
    if not advices:
        return []
    weeks = council_settings_get().response_deadline_weeks
    people = people_in_roles(roles.SECRETARY, roles.CHAIR)
    reminders = []
    for advice in advices:
        sent_on = timezone.localtime(advice.sent_at).date()
        due = rules.response_due_on(sent_on=sent_on, weeks=weeks)
        subject = _("Reactie van het college te laat: %(titel)s") % {"titel": advice.title}
        context = {
            **_advice_context(advice),
            "sent_on": sent_on,
            "due": due,
            "days_late": (today - due).days,
        }
        reminders += to_each(
            people,
            kind="response_overdue",
            object=advice,
            subject=subject,
            url=reverse("adviezen:detail", args=[advice.pk]),
            context=context,
            day=due,
        )
    return reminders


def sweep(*, today: datetime.date) -> list[dict]:
    """Every advices reminder due on ``today`` (a Europe/Amsterdam date)."""
    return [
        *ballot_not_voted(today=today),
        *advice_deadline_near(today=today),
        *response_overdue(today=today),
    ]
