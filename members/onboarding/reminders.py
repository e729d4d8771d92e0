"""Onboarding reminders, collected by ``members.reminders`` (docs/rules.md, D25, D35).

Kind ``onboarding_overdue``: an item of a new member's checklist is past its due day and not
done → whoever takes the step (the member, or every active secretary), ONCE per item: the
key day is the item's due day, so later sweeps send nothing (S19). The checklist keeps
showing it as overdue.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from adviesraad.background.reminders import to_each
from members import roles
from members.models import User

from . import rules
from .models import OnboardingTask, Owner

KIND = "onboarding_overdue"


def sweep(*, today: datetime.date) -> list[dict]:
    tasks = [
        t
        for t in OnboardingTask.objects.filter(
            done_at__isnull=True, due_on__lt=today, member__is_active=True
        ).select_related("member")
        if rules.onboarding_overdue(due_on=t.due_on, done=t.is_done, today=today)
    ]
    if not tasks:
        return []
    secretaries = list(
        User.objects.filter(is_active=True, groups__name=roles.SECRETARY).distinct().order_by("pk")
    )
    reminders: list[dict] = []
    for task in tasks:
        recipients = [task.member] if task.owner == Owner.MEMBER else secretaries
        reminders += to_each(
            recipients,
            kind=KIND,
            object=task,
            subject=_("Inwerken van %(naam)s: “%(stap)s” had klaar moeten zijn op %(datum)s")
            % {
                "naam": task.member,
                "stap": task.title,
                "datum": date_format(task.due_on, "j F Y"),
            },
            url=reverse("members:onboarding_member", args=[task.member_id]),
            context={"task": task, "member": task.member},
            day=task.due_on,
            email_template_prefix="members/email/reminder_onboarding_overdue",
        )
    return reminders
