"""Signals: a resident's signal through the public form, a member's recorded signal, and the
triage by the secretary and the chair (docs/rules.md, D14). Individual cases are never handled by
the council: they are referred to the district team (*wijkteam*). Every triage step moves along
``Signal.TRANSITIONS`` with ``adviesraad.transitions.transition`` (history row, audit entry
``signal.status``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.queue import enqueue
from adviesraad.transitions import locked, transition
from members.selectors import council_settings_get

from .. import rules
from ..models import Dossier, Signal
from .common import AdviceError, require


@transaction.atomic
def signal_submit(
    *,
    title: str,
    description: str,
    domain: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Signal:
    """A resident sends a signal through the public form. Contact details are optional.

    The resident's IP address is not stored, not even in the audit log: that log is
    append-only, so an address in it would outlive the erasure of the contact details
    (docs/rules.md, S22). The form's rate limit keeps what it counts in its cache only."""
    signal = Signal.objects.create(
        source=Signal.Source.RESIDENT,
        title=title.strip()[:200],
        description=description.strip()[:5000],
        domain=domain,
        contact_name=contact_name.strip()[:200],
        contact_email=contact_email.strip()[:254],
        contact_phone=contact_phone.strip()[:30],
    )
    audit_record(actor="publiek", action="signal.received", obj=signal)
    return signal


@transaction.atomic
def signal_record(
    *,
    by: Any,
    source: str,
    title: str,
    description: str,
    domain: str = "",
    organisation: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Signal:
    """A member records a signal they heard (from a resident, an organisation or themselves)."""
    require(by, "adviezen.record_signal")
    if source not in Signal.Source.values:
        raise AdviceError(_("Kies van wie het signaal komt."), field="source")
    signal = Signal.objects.create(
        source=source,
        title=title.strip(),
        description=description.strip(),
        domain=domain,
        organisation=organisation.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        recorded_by=by,
    )
    audit_record(actor=by, action="signal.recorded", obj=signal)
    return signal


def _triage(signal: Signal, *, by: Any, to: str, note: str) -> Signal:
    """What every triage step shares: only the secretary and the chair triage, the step goes
    along the table, and its note is added to the signal's notes. The caller saves."""
    require(by, "adviezen.triage_signal")
    signal = locked(signal)
    transition(signal, to=to, by=by, note=note, error=AdviceError)
    if note:
        signal.triage_note = (signal.triage_note + "\n" + note).strip()
    return signal


@transaction.atomic
def signal_investigate(*, signal: Signal, by: Any, note: str = "") -> Signal:
    """Take a new signal into investigation."""
    signal = _triage(signal, by=by, to=Signal.Status.INVESTIGATING, note=note)
    signal.save()
    return signal


@transaction.atomic
def signal_close(*, signal: Signal, by: Any, note: str = "") -> Signal:
    """Close a signal: nothing more will be done with it."""
    signal = _triage(signal, by=by, to=Signal.Status.CLOSED, note=note)
    signal.save()
    return signal


@transaction.atomic
def signal_link_dossier(
    *, signal: Signal, by: Any, dossier: Dossier | None, note: str = ""
) -> Signal:
    """Link a signal to an accepted theme dossier."""
    if dossier is None or dossier.status != Dossier.Status.ACCEPTED:
        raise AdviceError(_("Kies een geaccepteerd dossier."), field="dossier")
    signal = _triage(signal, by=by, to=Signal.Status.LINKED, note=note)
    signal.dossier = dossier
    signal.save()
    return signal


@transaction.atomic
def signal_put_on_agenda(*, signal: Signal, by: Any, meeting: Any, note: str = "") -> Any:
    """Put the signal on a meeting's agenda (section *signalen*, in the closed part): creates
    the agenda item; a meeting whose agenda can no longer change refuses it, and the signal
    stays as it was."""
    from meetings import services as meeting_services

    signal = _triage(signal, by=by, to=Signal.Status.ON_AGENDA, note=note)
    signal.save()
    return meeting_services.agenda_item_add(
        meeting=meeting,
        by=by,
        title=_("Signaal: %(titel)s") % {"titel": signal.title},
        section="signals",
        is_public=False,
        description=signal.description[:1000],
        signal=signal,
    )


@transaction.atomic
def signal_refer(*, signal: Signal, by: Any, note: str = "") -> Signal:
    """Refer to the district team (*wijkteam*): individual cases are never handled by the council.

    When the sender left an e-mail address, the standard reply goes out once (background task).
    """
    signal = _triage(signal, by=by, to=Signal.Status.REFERRED, note=note)
    signal.save()
    if signal.contact_email and signal.reply_sent_at is None:
        enqueue("adviezen.tasks.send_signal_reply", signal.pk)
    return signal


@transaction.atomic
def signal_reply_send(*, signal_id: int) -> bool:
    """Send the standard *wijkteam* reply exactly once (status guard under a row lock)."""
    from adviesraad.mail import build_email

    signal = Signal.objects.select_for_update().get(pk=signal_id)
    if signal.reply_sent_at is not None or not signal.contact_email:
        return False
    msg = build_email(
        template_prefix="adviezen/email/signal_referred",
        context={"signal": signal, "council": council_settings_get()},
        to=[signal.contact_email],
    )
    msg.send()
    signal.reply_sent_at = timezone.now()
    signal.save(update_fields=["reply_sent_at"])
    audit_record(actor="systeem", action="signal.reply_sent", obj=signal)
    return True


@transaction.atomic
def signal_contacts_erase_expired(*, today: datetime.date) -> int:
    """Erase residents' contact details once the council's retention period is over
    (``rules.contact_erase_if_received_before`` with ``signal_retention_days``; docs/rules.md,
    S22).
    """
    before = rules.contact_erase_if_received_before(
        today=today, retention_days=council_settings_get().signal_retention_days
    )
    qs = Signal.objects.filter(received_at__date__lt=before, contact_erased_at__isnull=True)
    ids = list(qs.values_list("pk", flat=True))
    if not ids:
        return 0
    Signal.objects.filter(pk__in=ids).update(
        contact_name="", contact_email="", contact_phone="", contact_erased_at=timezone.now()
    )
    audit_record(actor="systeem", action="signal.contacts_erased", data={"count": len(ids)})
    return len(ids)
