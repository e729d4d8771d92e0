"""Erasing applicants' details after the council's retention period (docs/rules.md, D33, S23).

Erasure leaves no copy: the CV file is deleted from storage (after the commit, so a rolled-back
erasure keeps it), the typed details are blanked, the committee's assessments are deleted and
the notes on the status history emptied. The audit log never held a name or an address (it
names the application by its number), and messages waiting in the outbox hold the
application's id only: the e-mail task finds nothing to send to.
What stays is the number, the vacancy, the status and the dates, for the council's counts.
"""

from __future__ import annotations

import datetime

from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from adviesraad.audit import audit_record
from adviesraad.transitions import locked
from members.selectors import council_settings_get

from .. import rules
from ..models import Application


def _delete_file(storage: Storage, name: str) -> None:
    storage.delete(name)


@transaction.atomic
def application_erase(*, application: Application) -> Application:
    """Erase one applicant's details now (the periodic task decides when: D33)."""
    application = locked(application)
    if application.erased_at is not None:
        return application
    if application.cv:
        storage, name = application.cv.storage, application.cv.name or ""
        transaction.on_commit(lambda: _delete_file(storage, name), robust=True)
    application.first_name = application.last_name = ""
    application.email = application.phone = application.motivation = ""
    application.cv = ""
    application.cv_original_name = ""
    application.cv_size = 0
    application.erased_at = timezone.now()
    application.save()
    application.assessments.all().delete()
    application.transitions.exclude(note="").update(note="")
    audit_record(actor="systeem", action="application.erased", obj=application)
    return application


def applications_erase_expired(*, today: datetime.date) -> int:
    """Erase every application whose retention period is over (``rules.application_erase_due``).

    Each is erased in its own transaction, so one failure does not keep the others.
    """
    months = council_settings_get().applicant_retention_months
    candidates = Application.objects.filter(
        erased_at__isnull=True, vacancy__closes_on__lt=today
    ).select_related("vacancy")
    erased = 0
    for application in candidates:
        if rules.application_erase_due(
            closes_on=application.vacancy.closes_on,
            today=today,
            retention_months=months,
            reserve_pool=application.reserve_pool,
            in_selection=not application.is_final,
        ):
            application_erase(application=application)
            erased += 1
    return erased
