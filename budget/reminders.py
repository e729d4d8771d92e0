"""Reminders the budget app wants sent: declarations waiting for their check or approval.

``sweep(today=...)`` returns what is due today; the reminders engine records
``(kind, object, recipient, date)`` so a second run sends nothing. Nothing is sent here.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .models import Declaration


def holders(perm: str):
    """The active people holding ``perm`` through a role or on their own, each once."""
    from members.models import User

    app_label, codename = perm.split(".")
    p = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if p is None:
        return User.objects.none()
    return User.objects.filter(
        Q(groups__permissions=p) | Q(user_permissions=p), is_active=True
    ).distinct()


def sweep(*, today: datetime.date) -> list[dict]:
    """A declaration waiting ``rules.WAITING_REMINDER_DAYS`` days for its check or approval
    (``rules.waiting_reminder_cutoff``) is due to everyone who may take that step, except
    the claimant (``rules.may_approve``)."""
    waiting_since = rules.waiting_reminder_cutoff(today=today, days=rules.WAITING_REMINDER_DAYS)
    cutoff = timezone.make_aware(datetime.datetime.combine(waiting_since, datetime.time.max))
    reminders = []
    steps = [
        (
            Declaration.Status.SUBMITTED,
            "submitted_at",
            "budget.check_declaration",
            "declaration_waiting_check",
            _("Declaratie %(nr)s wacht op controle"),
        ),
        (
            Declaration.Status.CHECKED,
            "checked_at",
            "budget.approve_declaration",
            "declaration_waiting_approval",
            _("Declaratie %(nr)s wacht op goedkeuring"),
        ),
    ]
    for status, since_field, perm, kind, subject in steps:
        waiting = list(
            Declaration.objects.filter(status=status, **{f"{since_field}__lte": cutoff})
            .select_related("claimant")
            .order_by("pk")
        )
        if not waiting:
            continue
        people = list(holders(perm))
        for d in waiting:
            for person in people:
                if not rules.may_approve(approver_id=person.pk, claimant_id=d.claimant_id):
                    continue  # nobody handles their own declaration
                reminders.append(
                    {
                        "kind": kind,
                        "object": d,
                        "recipient": person,
                        "subject": subject % {"nr": d.pk},
                        "url": reverse("budget:declaration_detail", args=[d.pk]),
                        "context": {
                            "declaration": d,
                            "days": (
                                today - timezone.localtime(getattr(d, since_field)).date()
                            ).days,
                        },
                    }
                )
    return reminders
