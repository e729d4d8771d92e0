"""Every write on meetings, agendas, documents, updates, attendance, minutes and action items.

Each service checks its rule, writes, and records an audit entry in the same transaction.
Refusals raise :class:`MeetingError` with a Dutch message; nothing is changed then.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.pagecache import public_changed
from adviesraad.queue import enqueue
from adviesraad.uploads import DOCUMENT_KINDS, generated_name, validate_upload

from . import rules
from .models import (
    ActionItem,
    AgendaItem,
    AgendaPackSending,
    Attendance,
    Document,
    Guest,
    Location,
    Meeting,
    MeetingStatusChange,
    Minutes,
    Update,
)


class MeetingError(DomainError):
    pass


S = AgendaItem.Section

# A new plenary starts from this agenda (issue 3).
PLENARY_TEMPLATE: list[tuple[str, str, int]] = [
    (S.OPENING, "Opening en mededelingen", 5),
    (S.OPENING, "Vaststelling notulen vorige vergadering", 10),
    (S.UPDATES, "Updates van leden en werkgroepen", 20),
    (S.KNOWLEDGE, "Kennisoverdracht", 30),
    (S.OTHER, "Wat verder ter tafel komt", 10),
    (S.CLOSING, "Sluiting", 5),
]


def _check_times(start: datetime.datetime, end: datetime.datetime) -> None:
    if start is None or end is None:
        raise MeetingError(_("Vul een begin en een einde in."), field="start")
    if not rules.end_is_after_start(start=start, end=end):
        raise MeetingError(_("Het einde moet na het begin liggen."), field="end")


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _check_agenda_editable(meeting: Meeting) -> None:
    if not meeting.agenda_editable:
        raise MeetingError(
            _("De vergadering is al gehouden; de agenda kan niet meer worden gewijzigd.")
        )


# --- meetings ---------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    by: Any,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    location: Location | None = None,
    is_public: bool = False,
    description: str = "",
    working_group: Any = None,
    use_template: bool = True,
) -> Meeting:
    """Plan one meeting. A new plenary starts from the template agenda."""
    _check_times(start, end)
    if kind not in Meeting.Kind.values:
        raise MeetingError(_("Onbekende soort vergadering."), field="kind")
    meeting = Meeting.objects.create(
        kind=kind,
        title=title.strip(),
        start=start,
        end=end,
        location=location,
        is_public=is_public,
        description=description,
        working_group=working_group,
    )
    if use_template and kind == Meeting.Kind.PLENARY:
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, section=section, position=i, title=t, duration_minutes=d)
            for i, (section, t, d) in enumerate(PLENARY_TEMPLATE)
        )
    audit_record(actor=by, action="meeting.created", obj=meeting, data={"kind": kind})
    public_changed()
    return meeting


MEETING_FIELDS = {
    "kind",
    "title",
    "start",
    "end",
    "location",
    "is_public",
    "description",
    "working_group",
}


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: Any, data: dict[str, Any]) -> Meeting:
    """Change a single meeting (e.g. move one date of the year plan)."""
    meeting = _lock(meeting)
    values = {k: v for k, v in data.items() if k in MEETING_FIELDS}
    start = values.get("start", meeting.start)
    end = values.get("end", meeting.end)
    _check_times(start, end)
    if values.get("kind", meeting.kind) not in Meeting.Kind.values:
        raise MeetingError(_("Onbekende soort vergadering."), field="kind")
    changed = []
    for k, v in values.items():
        if getattr(meeting, k) != v:
            setattr(meeting, k, v)
            changed.append(k)
    meeting.save()
    if changed:
        audit_record(actor=by, action="meeting.updated", obj=meeting, data={"fields": changed})
    public_changed()
    return meeting


@transaction.atomic
def meeting_plan_year(
    *,
    by: Any,
    year: int,
    kind: str,
    title: str,
    weekday: int,
    n: int,
    start_time: datetime.time,
    duration_minutes: int,
    location: Location | None = None,
    is_public: bool = False,
    months: list[int] | None = None,
) -> list[Meeting]:
    """Plan a series at once, e.g. the second Tuesday of each month at 19:30.

    Dates that already have a meeting of the same kind that day are skipped, so planning
    twice creates nothing new.
    """
    if duration_minutes <= 0:
        raise MeetingError(_("De duur moet groter zijn dan nul."), field="duration_minutes")
    tz = timezone.get_current_timezone()
    created = []
    for day in rules.year_plan_dates(
        year=year, weekday=weekday, n=n, months=months or range(1, 13)
    ):
        start = timezone.make_aware(datetime.datetime.combine(day, start_time), tz)
        if Meeting.objects.filter(kind=kind, start__date=day).exists():
            continue
        created.append(
            meeting_create(
                by=by,
                kind=kind,
                title=title,
                start=start,
                end=start + datetime.timedelta(minutes=duration_minutes),
                location=location,
                is_public=is_public,
            )
        )
    return created


@transaction.atomic
def meeting_transition(*, meeting: Meeting, by: Any, to_status: str) -> Meeting:
    """Move a meeting through draft → agenda sent → held → minutes approved."""
    meeting = _lock(meeting)
    if not meeting.can_transition_to(to_status):
        raise MeetingError(
            _("Een vergadering met status '%(van)s' kan niet naar '%(naar)s'.")
            % {
                "van": meeting.get_status_display(),
                "naar": Meeting.Status(to_status).label
                if to_status in Meeting.Status.values
                else to_status,
            }
        )
    MeetingStatusChange.objects.create(
        meeting=meeting, from_status=meeting.status, to_status=to_status, by=by
    )
    old = meeting.status
    meeting.status = to_status
    meeting.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by, action="meeting.status_changed", obj=meeting, data={"from": old, "to": to_status}
    )
    public_changed()
    return meeting


@transaction.atomic
def guest_add(
    *, meeting: Meeting, by: Any, name: str, organisation: str = "", email: str = ""
) -> Guest:
    guest = Guest.objects.create(
        meeting=meeting, name=name.strip(), organisation=organisation.strip(), email=email.strip()
    )
    audit_record(actor=by, action="meeting.guest_added", obj=meeting, data={"guest": guest.pk})
    return guest


@transaction.atomic
def guest_remove(*, guest: Guest, by: Any) -> None:
    meeting = guest.meeting
    guest.delete()
    audit_record(actor=by, action="meeting.guest_removed", obj=meeting)


# --- agenda -----------------------------------------------------------------------------


def _next_position(meeting: Meeting, section: str) -> int:
    top = AgendaItem.objects.filter(meeting=meeting, section=section).aggregate(m=Max("position"))
    return (top["m"] if top["m"] is not None else -1) + 1


def _link_fields() -> set[str]:
    return {f.name for f in AgendaItem._meta.get_fields()} & {"advice", "dossier", "signal"}


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    by: Any,
    title: str,
    section: str,
    is_public: bool = True,
    presenter: str = "",
    duration_minutes: int = 10,
    description: str = "",
    advice: Any = None,
    dossier: Any = None,
    signal: Any = None,
) -> AgendaItem:
    """Add an item at the end of its section. Refused once the meeting has been held.

    ``advice``, ``dossier`` and ``signal`` link the item to the advices app (stored once the
    link fields exist).
    """
    meeting = _lock(meeting)
    _check_agenda_editable(meeting)
    if section not in S.values:
        raise MeetingError(_("Kies een onderdeel van de agenda."), field="section")
    if not title or not title.strip():
        raise MeetingError(_("Geef het agendapunt een titel."), field="title")
    if duration_minutes is None or not 0 <= duration_minutes <= 600:
        raise MeetingError(
            _("De duur moet tussen 0 en 600 minuten liggen."), field="duration_minutes"
        )
    item = AgendaItem(
        meeting=meeting,
        section=section,
        position=_next_position(meeting, section),
        title=title.strip()[:200],
        presenter=presenter.strip(),
        duration_minutes=duration_minutes,
        is_public=is_public,
        description=description,
    )
    links = {"advice": advice, "dossier": dossier, "signal": signal}
    for name in _link_fields():
        if links[name] is not None:
            setattr(item, name, links[name])
    item.save()
    audit_record(actor=by, action="agenda_item.added", obj=item, data={"meeting": meeting.pk})
    public_changed()
    return item


ITEM_FIELDS = {
    "title",
    "section",
    "presenter",
    "duration_minutes",
    "is_public",
    "description",
    "advice",
    "dossier",
    "signal",
}


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by: Any, data: dict[str, Any]) -> AgendaItem:
    meeting = _lock(item.meeting)
    _check_agenda_editable(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    allowed = (ITEM_FIELDS - {"advice", "dossier", "signal"}) | _link_fields()
    values = {k: v for k, v in data.items() if k in allowed}
    if "section" in values and values["section"] not in S.values:
        raise MeetingError(_("Kies een onderdeel van de agenda."), field="section")
    if "title" in values and not (values["title"] or "").strip():
        raise MeetingError(_("Geef het agendapunt een titel."), field="title")
    if values.get("section", item.section) != item.section:
        item.position = _next_position(meeting, values["section"])
    for k, v in values.items():
        setattr(item, k, v)
    item.save()
    audit_record(actor=by, action="agenda_item.updated", obj=item, data={"fields": sorted(values)})
    public_changed()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: Any) -> None:
    meeting = _lock(item.meeting)
    _check_agenda_editable(meeting)
    audit_record(actor=by, action="agenda_item.removed", obj=item, data={"meeting": meeting.pk})
    item.delete()
    public_changed()


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, by: Any, section: str, ids: list[int]) -> list[int]:
    """Put the items of one section in the given order (drag and drop).

    Refused when the list is not exactly this section's items of this meeting (an item of
    another meeting or section), or when the meeting has been held.
    """
    meeting = _lock(meeting)
    _check_agenda_editable(meeting)
    if section not in S.values:
        raise MeetingError(_("Onbekend onderdeel van de agenda."))
    current = list(
        AgendaItem.objects.filter(meeting=meeting, section=section).values_list("pk", flat=True)
    )
    if not rules.reorder_is_valid(current_ids=current, new_ids=ids):
        raise MeetingError(
            _("De nieuwe volgorde hoort niet bij dit onderdeel van deze agenda. Herlaad de pagina.")
        )
    items = {i.pk: i for i in AgendaItem.objects.filter(pk__in=ids)}
    for pos, pk in enumerate(ids):
        items[pk].position = pos
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    public_changed()
    audit_record(
        actor=by, action="agenda.reordered", obj=meeting, data={"section": section, "order": ids}
    )
    return ids


def _section_ids(meeting: Meeting, section: str) -> list[int]:
    return list(
        AgendaItem.objects.filter(meeting=meeting, section=section)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, by: Any, direction: str) -> list[int]:
    """Move an item one place up or down within its section (keyboard buttons)."""
    if direction not in ("up", "down"):
        raise MeetingError(_("Onbekende richting."))
    meeting = _lock(item.meeting)
    _check_agenda_editable(meeting)
    ids = _section_ids(meeting, item.section)
    return agenda_reorder(
        meeting=meeting, by=by, section=item.section, ids=rules.move(ids, item.pk, direction)
    )


# --- documents --------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    meeting: Meeting,
    by: Any,
    upload: Any,
    title: str = "",
    is_public: bool = False,
    agenda_item: AgendaItem | None = None,
) -> Document:
    """Attach a file, checked by content and size, stored under a generated name."""
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise MeetingError(
            _("Dit agendapunt hoort niet bij deze vergadering."), field="agenda_item"
        )
    try:
        checked = validate_upload(upload, kinds=DOCUMENT_KINDS)
    except ValidationError as exc:
        raise MeetingError(" ".join(exc.messages), field="file") from exc
    doc = Document(
        meeting=meeting,
        agenda_item=agenda_item,
        title=(title or checked.original_name).strip()[:200],
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        is_public=is_public,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    upload.seek(0)
    doc.file.save(generated_name(f"meetings/{meeting.pk}", checked.kind), upload, save=False)
    doc.save()
    audit_record(actor=by, action="document.added", obj=doc, data={"meeting": meeting.pk})
    public_changed()
    return doc


@transaction.atomic
def document_remove(*, document: Document, by: Any) -> None:
    audit_record(actor=by, action="document.removed", obj=document)
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    public_changed()


# --- updates ----------------------------------------------------------------------------


@transaction.atomic
def update_post(*, meeting: Meeting, author: Any, text: str, working_group: Any = None) -> Update:
    """A member posts (or replaces) their short update before the meeting is held."""
    meeting = _lock(meeting)
    if not meeting.agenda_editable:
        raise MeetingError(_("Deze vergadering is al gehouden; updates zijn gesloten."))
    text = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if not text:
        raise MeetingError(_("Schrijf minstens één punt."), field="text")
    if len(text) > 3000:
        raise MeetingError(_("Houd de update kort: hoogstens 3000 tekens."), field="text")
    update, _created = Update.objects.update_or_create(
        meeting=meeting,
        author=author,
        working_group=working_group,
        defaults={"text": text},
    )
    audit_record(actor=author, action="update.posted", obj=update, data={"meeting": meeting.pk})
    return update


# --- attendance -------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, meeting: Meeting, by: Any, statuses: dict[int, str]) -> list[Attendance]:
    """Record present / excused / absent per member (one row per member per meeting)."""
    meeting = _lock(meeting)
    if meeting.start > timezone.now() + datetime.timedelta(days=1) and any(
        s == Attendance.Status.PRESENT for s in statuses.values()
    ):
        raise MeetingError(_("Aanwezigheid kan pas worden vastgelegd als de vergadering begint."))
    rows = []
    for member_id, status in statuses.items():
        if not status:
            Attendance.objects.filter(meeting=meeting, member_id=member_id).delete()
            continue
        if status not in Attendance.Status.values:
            raise MeetingError(_("Onbekende aanwezigheid."))
        row, _created = Attendance.objects.update_or_create(
            meeting=meeting, member_id=member_id, defaults={"status": status}
        )
        rows.append(row)
    audit_record(
        actor=by,
        action="attendance.recorded",
        obj=meeting,
        data={str(k): v for k, v in statuses.items()},
    )
    return rows


# --- minutes ----------------------------------------------------------------------------


def _minutes_for(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    return minutes


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, by: Any, notes: str, decisions: dict[int, str] | None = None
) -> Minutes:
    """Write the general notes and the decision per agenda item. Approved minutes are final."""
    meeting = _lock(meeting)
    minutes = _minutes_for(meeting)
    if minutes.is_approved:
        raise MeetingError(_("Deze notulen zijn vastgesteld en kunnen niet meer worden gewijzigd."))
    if meeting.status == Meeting.Status.DRAFT or meeting.status == Meeting.Status.AGENDA_SENT:
        if meeting.start > timezone.now():
            raise MeetingError(
                _("Notulen kunnen pas worden gemaakt als de vergadering begonnen is.")
            )
    minutes.notes = notes
    minutes.save()
    items = {i.pk: i for i in AgendaItem.objects.filter(meeting=meeting)}
    for pk, text in (decisions or {}).items():
        if pk not in items:
            raise MeetingError(_("Dit agendapunt hoort niet bij deze vergadering."))
        items[pk].decision = text
    AgendaItem.objects.bulk_update(list(items.values()), ["decision"])
    public_changed()
    audit_record(actor=by, action="minutes.saved", obj=minutes)
    return minutes


@transaction.atomic
def minutes_schedule_approval(*, meeting: Meeting, by: Any, at_meeting: Meeting) -> AgendaItem:
    """Put the approval of these minutes on a later meeting's agenda (added automatically)."""
    meeting = _lock(meeting)
    minutes = _minutes_for(meeting)
    if minutes.is_approved:
        raise MeetingError(_("Deze notulen zijn al vastgesteld."))
    if at_meeting.start <= meeting.start:
        raise MeetingError(
            _("Notulen worden vastgesteld in een latere vergadering."), field="at_meeting"
        )
    title = _("Vaststelling notulen %(datum)s") % {
        "datum": timezone.localtime(meeting.start).strftime("%d-%m-%Y")
    }
    item = agenda_item_add(
        meeting=at_meeting, by=by, title=title, section=S.OPENING, duration_minutes=5
    )
    minutes.approval_meeting = at_meeting
    minutes.save(update_fields=["approval_meeting", "updated_at"])
    public_changed()
    audit_record(
        actor=by, action="minutes.approval_scheduled", obj=minutes, data={"at": at_meeting.pk}
    )
    return item


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by: Any) -> Minutes:
    """Approve the minutes of a held meeting; the meeting becomes 'minutes approved'."""
    meeting = _lock(meeting)
    minutes = _minutes_for(meeting)
    if minutes.is_approved:
        raise MeetingError(_("Deze notulen zijn al vastgesteld."))
    if meeting.status != Meeting.Status.HELD:
        raise MeetingError(
            _("Alleen notulen van een gehouden vergadering kunnen worden vastgesteld.")
        )
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = by if getattr(by, "pk", None) else None
    minutes.save()
    public_changed()
    meeting_transition(meeting=meeting, by=by, to_status=Meeting.Status.MINUTES_APPROVED)
    audit_record(actor=by, action="minutes.approved", obj=minutes)
    return minutes


# --- action items -----------------------------------------------------------------------


@transaction.atomic
def action_item_add(
    *,
    by: Any,
    description: str,
    owner: Any,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    due_date: datetime.date | None = None,
) -> ActionItem:
    if agenda_item is not None and meeting is not None and agenda_item.meeting_id != meeting.pk:
        raise MeetingError(_("Dit agendapunt hoort niet bij deze vergadering."))
    if not description.strip():
        raise MeetingError(_("Beschrijf de actie."), field="description")
    action = ActionItem.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        description=description.strip()[:300],
        owner=owner,
        due_date=due_date,
    )
    audit_record(actor=by, action="action_item.added", obj=action)
    return action


@transaction.atomic
def action_item_set_done(*, action: ActionItem, by: Any, done: bool = True) -> ActionItem:
    """The owner or the secretary marks an action item done (or open again)."""
    action = ActionItem.objects.select_for_update().get(pk=action.pk)
    if action.owner_id != getattr(by, "pk", None) and not by.has_perm("meetings.manage_meetings"):
        raise MeetingError(_("Alleen de eigenaar of het secretariaat kan deze actie afvinken."))
    action.done = done
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done", "done_at"])
    audit_record(
        actor=by, action="action_item.done" if done else "action_item.reopened", obj=action
    )
    return action


# --- agenda pack ------------------------------------------------------------------------


def agenda_snapshot(meeting: Meeting) -> dict:
    """What the recipients saw: used to say what changed when the agenda is sent again."""
    from .selectors import agenda_items_ordered

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

    The first sending moves the meeting to 'agenda sent'; a later one lists what changed since
    the previous sending.
    """
    meeting = _lock(meeting)
    _check_agenda_editable(meeting)
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
    audit_record(actor=by, action="agenda_pack.queued", obj=meeting, data={"sending": sending.pk})
    enqueue("meetings.tasks.send_agenda_pack", sending.pk)
    return sending


def agenda_pack_pdf(
    meeting: Meeting, *, public_only: bool, changes: list[str] | None = None
) -> bytes:
    """The agenda pack as PDF: agenda with times, the compiled updates, the list of documents.

    ``public_only`` leaves out confidential items, their documents and the updates (for guests
    and the public site).
    """
    from adviesraad.pdf import render_pdf
    from members.selectors import council_settings_get

    from .selectors import agenda_context

    meeting = (
        Meeting.objects.select_related("location")
        .prefetch_related("documents__agenda_item")
        .get(pk=meeting.pk)
    )
    ctx = agenda_context(meeting, public_only=public_only)
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
            **ctx,
        },
    )


def agenda_pack_deliver(*, sending_id: int) -> AgendaPackSending:
    """Send a queued agenda pack: one e-mail per recipient, each at most once.

    Members (active on the meeting's day) get the full pack; invited guests get the public
    version. ``delivered`` records each address as it goes, so a task that runs again after a
    crash sends only what is missing; a sent row is never sent again.
    """
    from adviesraad.mail import build_email
    from members.selectors import active_members_on, council_settings_get

    from .selectors import agenda_context

    sending = AgendaPackSending.objects.select_related("meeting", "meeting__location").get(
        pk=sending_id
    )
    if sending.status == AgendaPackSending.Status.SENT:
        return sending
    meeting = sending.meeting
    day = timezone.localtime(meeting.start).date()
    members = [m.email for m in active_members_on(day).order_by("email") if m.email]
    guests = [g.email for g in meeting.guests.all() if g.email]
    packs: dict[bool, bytes] = {}
    delivered = set(sending.delivered)
    meeting_full = (
        Meeting.objects.select_related("location")
        .prefetch_related("documents__agenda_item")
        .get(pk=meeting.pk)
    )
    council = council_settings_get()
    date_label = timezone.localtime(meeting.start).strftime("%Y-%m-%d")
    for public_only, addresses in ((False, members), (True, guests)):
        todo = [a for a in dict.fromkeys(addresses) if a.lower() not in delivered]
        if not todo:
            continue
        if public_only not in packs:
            packs[public_only] = agenda_pack_pdf(
                meeting, public_only=public_only, changes=sending.changes
            )
        ctx = agenda_context(meeting_full, public_only=public_only)
        context = {
            "council": council,
            "meeting": meeting_full,
            "changes": sending.changes,
            "is_resend": bool(sending.changes),
            "public_only": public_only,
            **ctx,
        }
        for address in todo:
            build_email(
                template_prefix="meetings/email/agenda_pack",
                context=context,
                to=[address],
                attachments=[
                    (f"agendapakket-{date_label}.pdf", packs[public_only], "application/pdf")
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
    AgendaPackSending.objects.filter(pk=sending_id).exclude(
        status=AgendaPackSending.Status.SENT
    ).update(status=AgendaPackSending.Status.FAILED, error=error[:300])
