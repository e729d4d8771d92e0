"""The agenda pack: queueing it, rendering it as PDF, and delivering it to members and guests."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.queue import enqueue
from adviesraad.transitions import locked

from .. import rules
from ..models import AgendaItem, AgendaPackSending, Meeting, Update
from ..selectors import agenda_context, agenda_items_ordered
from .base import MeetingError, check_agenda_editable
from .invitation import invitation_context, invitation_ics
from .meetings import meeting_transition
from .notices import agenda_sent_notify, pack_member_addresses


def agenda_snapshot(meeting: Meeting) -> dict:
    """What the recipients saw: used to say what changed when the agenda is sent again."""
    return {
        "start": meeting.start.isoformat(),
        "location": str(meeting.location or ""),
        "items": [
            {
                "id": i.pk,
                "title": i.title,
                "section": i.section,
                "duration": i.duration_minutes,
                "is_public": i.is_public,
            }
            for i in agenda_items_ordered(meeting)
        ],
    }


@transaction.atomic
def agenda_pack_send(*, meeting: Meeting, by: Any) -> AgendaPackSending:
    """Queue the agenda pack (e-mail + PDF) to all active members and the invited guests.

    Only while the agenda is open, with at least one item, and not while a sending is still
    queued. The first sending moves the meeting to 'agenda sent'; a later one lists what
    changed since the previous sending, and is refused when nothing changed.
    """
    meeting = locked(meeting)
    check_agenda_editable(meeting)
    if not AgendaItem.objects.filter(meeting=meeting).exists():
        raise MeetingError(_("De agenda is nog leeg. Voeg eerst agendapunten toe."))
    if AgendaPackSending.objects.filter(
        meeting=meeting, status=AgendaPackSending.Status.QUEUED
    ).exists():
        raise MeetingError(_("Het agendapakket wordt al verstuurd. Wacht even."))
    previous = (
        AgendaPackSending.objects.filter(meeting=meeting, status=AgendaPackSending.Status.SENT)
        .order_by("-created_at", "-id")
        .first()
    )
    snapshot = agenda_snapshot(meeting)
    changes = rules.agenda_changes(previous.snapshot if previous else {}, snapshot)
    if previous and not changes:
        raise MeetingError(
            _("Er is niets gewijzigd sinds de vorige verzending; opnieuw versturen is niet nodig.")
        )
    sending = AgendaPackSending.objects.create(
        meeting=meeting,
        by=by if getattr(by, "pk", None) else None,
        snapshot=snapshot,
        changes=changes,
    )
    if meeting.status == Meeting.Status.DRAFT:
        meeting_transition(meeting=meeting, by=by, to_status=Meeting.Status.AGENDA_SENT)
    agenda_sent_notify(meeting=meeting, is_resend=previous is not None)  # in the app (notices)
    audit_record(actor=by, action="agenda_pack.queued", obj=meeting, data={"sending": sending.pk})
    enqueue("meetings.tasks.send_agenda_pack", sending.pk)
    return sending


def _meeting_for_pack(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_related("location")
        .prefetch_related("documents__agenda_item")
        .get(pk=meeting.pk)
    )


def agenda_pack_pdf(
    meeting: Meeting, *, public_only: bool, changes: list[str] | None = None
) -> bytes:
    """The agenda pack as PDF: agenda with times, the compiled updates, the list of documents.

    ``public_only`` leaves out confidential items, their documents and the updates (for guests
    and the public site).
    """
    from adviesraad.pdf import render_pdf
    from members.selectors import council_settings_get

    meeting = _meeting_for_pack(meeting)
    updates = (
        []
        if public_only
        else list(Update.objects.filter(meeting=meeting).select_related("author", "working_group"))
    )
    return render_pdf(
        "meetings/pdf/agenda_pack.html",
        {
            "council": council_settings_get(),
            "meeting": meeting,
            "public_only": public_only,
            "updates": updates,
            "changes": changes or [],
            **agenda_context(meeting, public_only=public_only),
        },
        public=public_only,
    )


def _guest_view(sending: AgendaPackSending) -> tuple[list[str], set[str]]:
    """What changed for the guests since the previous sending (``rules.agenda_changes_for_guests``:
    public items only), and the addresses an earlier sending already reached."""
    earlier = AgendaPackSending.objects.filter(
        meeting_id=sending.meeting_id,
        status=AgendaPackSending.Status.SENT,
        created_at__lte=sending.created_at,
    ).exclude(pk=sending.pk)
    previous = earlier.order_by("-created_at", "-id").first()
    if previous is None:
        return [], set()
    reached = {a for row in earlier.values_list("delivered", flat=True) for a in row}
    return rules.agenda_changes_for_guests(previous.snapshot, sending.snapshot), reached


def agenda_pack_deliver(*, sending_id: int) -> AgendaPackSending:
    """Send a queued agenda pack: one e-mail per recipient, each at most once.

    Members (active on the meeting's day) get the full pack with every change; invited guests
    get the public version, whose list of changes names public items only
    (``rules.agenda_changes_for_guests``). A sending again in which nothing public changed
    goes only to guests who did not get the agenda before. ``delivered`` records each address
    as it goes, so a task that runs again after a crash sends only what is missing; a sent row
    is never sent again.
    """
    from adviesraad.mail import build_email
    from members.selectors import council_settings_get

    sending = AgendaPackSending.objects.select_related("meeting", "meeting__location").get(
        pk=sending_id
    )
    if sending.status == AgendaPackSending.Status.SENT:
        return sending
    meeting = sending.meeting
    if meeting.is_cancelled:  # cancelled while the sending waited: nothing goes out
        agenda_pack_failed(sending_id=sending.pk, error="cancelled")
        return sending
    members = pack_member_addresses(meeting)  # who want it by e-mail (notices)
    guests = [g.email for g in meeting.guests.all() if g.email]
    delivered = set(sending.delivered)
    meeting_full = _meeting_for_pack(meeting)
    council = council_settings_get()
    date_label = timezone.localtime(meeting.start).strftime("%Y-%m-%d")
    guest_changes, reached = _guest_view(sending) if guests else ([], set())
    if sending.changes and not guest_changes:  # nothing public changed: only new guests
        guests = [a for a in guests if a.lower() not in reached]
    for public_only, addresses in ((False, members), (True, guests)):
        todo = [a for a in dict.fromkeys(addresses) if a.lower() not in delivered]
        if not todo:
            continue
        changes = guest_changes if public_only else sending.changes
        pdf = agenda_pack_pdf(meeting, public_only=public_only, changes=changes)
        context = {
            "council": council,
            "meeting": meeting_full,
            "changes": changes,
            "is_resend": bool(changes),
            "public_only": public_only,
            **agenda_context(meeting_full, public_only=public_only),
            **invitation_context(meeting_full, public_only=public_only),
        }
        ics = invitation_ics(meeting_full, public_only=public_only)
        for address in todo:
            build_email(
                template_prefix="meetings/email/agenda_pack",
                context=context,
                to=[address],
                attachments=[
                    (f"agendapakket-{date_label}.pdf", pdf, "application/pdf"),
                    (f"vergadering-{date_label}.ics", ics, "text/calendar"),
                ],
            ).send()
            delivered.add(address.lower())
            sending.delivered = sorted(delivered)
            # Saved outside any transaction: survives a crash before the next address.
            AgendaPackSending.objects.filter(pk=sending.pk).update(delivered=sending.delivered)
    now = timezone.now()
    with transaction.atomic():
        sending.status = AgendaPackSending.Status.SENT
        sending.sent_at = now
        sending.save(update_fields=["status", "sent_at", "delivered"])
        Meeting.objects.filter(pk=meeting.pk).update(agenda_sent_at=now)
        audit_record(
            actor=sending.by,
            action="agenda_pack.sent",
            obj=meeting,
            data={"sending": sending.pk, "recipients": len(delivered)},
        )
    return sending


def agenda_pack_failed(*, sending_id: int, error: str) -> None:
    """Mark a sending failed after its last retry (a sent one stays sent)."""
    AgendaPackSending.objects.filter(pk=sending_id).exclude(
        status=AgendaPackSending.Status.SENT
    ).update(status=AgendaPackSending.Status.FAILED, error=error[:300])
