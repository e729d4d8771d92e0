"""One reminder sweep over every app: each reminder goes out once per (kind, object, recipient, day).

Each app that has reminders provides ``<app>/reminders.py`` with ``sweep(*, today)`` returning
dicts ``{"kind", "object", "recipient", "subject", "url", "context"}`` (optionally ``"day"``:
the day the key uses, default ``today``; ``"email_template_prefix"``). The ``ReminderSent`` row
is inserted first, inside a savepoint: when it already exists (a second sweep, or a second beat
process racing this one) the reminder is skipped (docs/rules.md S19).
"""

from __future__ import annotations

import datetime
import logging
from importlib import import_module

from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from adviesraad.notifications.services import notify

from .models import ReminderSent

log = logging.getLogger(__name__)

REMINDER_APPS = ["members", "meetings", "adviezen", "budget"]


def _modules():
    for app in REMINDER_APPS:
        name = f"{app}.reminders" if "." not in app else app
        try:
            yield app, import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name not in (name, app):  # a missing app or module; other errors surface
                raise


def to_each(people, **reminder) -> list[dict]:
    """The same reminder (the keys above, without ``recipient``) for each of ``people``."""
    return [{**reminder, "recipient": person} for person in people]


def _template_prefix(app: str, reminder: dict) -> str | None:
    if reminder.get("email_template_prefix"):
        return reminder["email_template_prefix"]
    prefix = f"{app.split('.')[0]}/email/reminder_{reminder['kind']}"
    try:
        get_template(f"{prefix}.txt")
    except TemplateDoesNotExist:
        return None
    return prefix


def reminder_deliver(*, app: str, reminder: dict, today: datetime.date) -> bool:
    """Record and deliver one reminder; ``False`` when it was already sent for its key."""
    obj = reminder["object"]
    recipient = reminder["recipient"]
    day = reminder.get("day") or today
    with transaction.atomic():
        try:
            with transaction.atomic():
                sent, created = ReminderSent.objects.get_or_create(
                    kind=reminder["kind"][:60],
                    object_type=obj._meta.label_lower,
                    object_id=str(obj.pk),
                    recipient=recipient,
                    day=day,
                    defaults={
                        "subject": str(reminder["subject"])[:300],
                        "url": reminder.get("url", "")[:500],
                    },
                )
        except IntegrityError:
            return False
        if not created:
            return False
        notification = notify(
            recipient=recipient,
            kind=reminder["kind"],
            title=str(reminder["subject"]),
            url=reminder.get("url", ""),
            email_template_prefix=_template_prefix(app, reminder),
            context={**reminder.get("context", {}), "object": obj, "reminder": reminder},
        )
        if notification is not None:  # None: an inactive person, recorded but not delivered
            sent.notification = notification
            sent.save(update_fields=["notification"])
    return True


def sweep_all(*, today: datetime.date) -> dict[str, int]:
    """Ask every app for the reminders due ``today`` and send each one that was not sent yet."""
    counts = {"sent": 0, "skipped": 0, "errors": 0}
    for app, module in _modules():
        sweep = getattr(module, "sweep", None)
        if sweep is None:
            continue
        try:
            reminders = list(sweep(today=today))
        except Exception:  # one app's bug must not stop the others' reminders
            log.exception("reminders: sweep of %s failed", app)
            counts["errors"] += 1
            continue
        for reminder in reminders:
            try:
                if reminder_deliver(app=app, reminder=reminder, today=today):
                    counts["sent"] += 1
                else:
                    counts["skipped"] += 1
            except Exception:
                log.exception("reminders: %s %s failed", app, reminder.get("kind"))
                counts["errors"] += 1
    return counts
