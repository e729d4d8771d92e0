"""Every query the meetings pages need, scoped to the asking user.

Public pages use only :func:`public_meeting_list` / :func:`public_meeting_get` and the
``public_*`` helpers, so nothing confidential reaches them (docs/rules.md, S3).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from . import rules
from .models import (
    ActionItem,
    AgendaItem,
    AgendaPackSending,
    Attendance,
    Document,
    Meeting,
    Minutes,
    Update,
)

SECTION_RANK = {s: i for i, s in enumerate(AgendaItem.SECTION_ORDER)}


def can_view_internal(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("meetings.view_internal_meetings"))


def can_manage(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("meetings.manage_meetings"))


def sort_items(items) -> list[AgendaItem]:
    return sorted(items, key=lambda i: (SECTION_RANK.get(i.section, 99), i.position, i.pk))


def with_start_times(meeting: Meeting, items: list[AgendaItem]) -> list[AgendaItem]:
    """Set ``item.starts_at`` and ``item.number`` on items in agenda order."""
    times = rules.item_start_times(
        start=meeting.start, durations=[i.duration_minutes for i in items]
    )
    for n, (item, t) in enumerate(zip(items, times, strict=True), start=1):
        item.starts_at = t
        item.number = n
    return items


def agenda_items_ordered(meeting: Meeting, *, public_only: bool = False) -> list[AgendaItem]:
    """The items in agenda order with their numbers and start times. ``public_only`` keeps the
    public items with the numbers and times they have on the full agenda (gaps where a
    confidential item is): the public sees what the members see (issue 13, defect 4)."""
    if public_only:  # the public agenda links no advice, dossier or signal: none joined
        numbered = with_start_times(meeting, sort_items(AgendaItem.objects.filter(meeting=meeting)))
        return [i for i in numbered if i.is_public]
    else:
        qs = AgendaItem.objects.select_related("advice", "dossier", "signal").filter(
            meeting=meeting
        )
    return with_start_times(meeting, sort_items(qs))


def sections(items: list[AgendaItem], *, include_empty: bool = True) -> list[dict]:
    """Items grouped by section in agenda order: ``[{"key", "label", "items"}]``."""
    grouped: dict[str, list[AgendaItem]] = {s: [] for s in AgendaItem.SECTION_ORDER}
    for item in items:
        grouped.setdefault(item.section, []).append(item)
    return [
        {"key": key, "label": AgendaItem.Section(key).label, "items": grouped[key]}
        for key in AgendaItem.SECTION_ORDER
        if include_empty or grouped[key]
    ]


# --- internal ---------------------------------------------------------------------------


def meeting_list(*, user: Any) -> QuerySet[Meeting]:
    if not can_view_internal(user):
        return Meeting.objects.none()
    return Meeting.objects.select_related("location").annotate(
        item_count=Count("items", distinct=True)
    )


def meeting_get_for_user(*, user: Any, pk: int) -> Meeting:
    """One meeting with everything the agenda builder shows, in a fixed number of queries."""
    if not can_view_internal(user):
        raise Http404
    qs = Meeting.objects.select_related(
        "location", "working_group", "minutes__approval_meeting"
    ).prefetch_related(
        # the minutes of earlier meetings approved (or to be approved) in this one
        Prefetch("minutes_to_approve", queryset=Minutes.objects.select_related("meeting")),
        # each document's agenda item is attached from the items by ``agenda_context``
        Prefetch("documents", queryset=Document.objects.order_by("uploaded_at", "id")),
        "guests",
        Prefetch("updates", queryset=Update.objects.select_related("author", "working_group")),
        Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
    )
    try:
        meeting = qs.get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    return meeting


def agenda_context(meeting: Meeting, *, public_only: bool = False) -> dict:
    """Items with start times, grouped into sections, with their documents attached.

    ``public_only`` (the public site, the guests' pack) keeps the public items and the public
    documents (``rules.document_is_public``: none of a confidential item).
    """
    items = agenda_items_ordered(meeting, public_only=public_only)
    visible_ids = {i.pk for i in items}
    docs = list(meeting.documents.all())
    if public_only:
        docs = [
            d
            for d in docs
            if rules.document_is_public(
                document_public=d.is_public,
                item_public=d.agenda_item_id in visible_ids if d.agenda_item_id else None,
            )
        ]
    by_item: dict[int, list[Document]] = {}
    for d in docs:
        if d.agenda_item_id:
            by_item.setdefault(d.agenda_item_id, []).append(d)
    for item in items:
        item.docs = by_item.get(item.pk, [])
        for d in item.docs:
            d.agenda_item = item  # already loaded: no query per document
    end = rules.agenda_end(start=meeting.start, durations=[i.duration_minutes for i in items])
    return {
        "items": items,
        "sections": sections(items, include_empty=not public_only),
        "meeting_documents": [d for d in docs if d.agenda_item_id not in visible_ids],
        "all_documents": docs,
        "agenda_end": end,
    }


def last_sending(meeting: Meeting) -> AgendaPackSending | None:
    """The latest sending of the agenda pack, without its snapshot and delivery list."""
    return (
        AgendaPackSending.objects.filter(meeting=meeting)
        .defer("snapshot", "delivered")
        .order_by("-created_at", "-id")
        .first()
    )


def minutes_get(meeting: Meeting) -> Minutes | None:
    try:
        return meeting.minutes
    except Minutes.DoesNotExist:
        return None


def document_get_for_user(*, user: Any, pk: int) -> Document:
    """A document the user may download: internal users any, anyone else only public ones of
    public meetings on public items. Everything else is a 404."""
    try:
        doc = Document.objects.select_related("meeting", "agenda_item").get(pk=pk)
    except Document.DoesNotExist as exc:
        raise Http404 from exc
    if can_view_internal(user):
        return doc
    if doc.meeting.is_public and rules.document_is_public(
        document_public=doc.is_public,
        item_public=doc.agenda_item.is_public if doc.agenda_item else None,
    ):
        return doc
    raise Http404


def attendance_people(meeting: Meeting) -> QuerySet:
    """Whose attendance the secretary records: the members with a term on the meeting's day,
    plus anyone who already has a row (a member whose term ended since)."""
    from members.models import User
    from members.selectors import active_members_on

    day = timezone.localtime(meeting.start).date()
    ids = set(active_members_on(day).values_list("pk", flat=True))
    ids |= {a.member_id for a in meeting.attendances.all()}
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name")


def attendance_for_member(
    *, member: Any, start: datetime.date, end: datetime.date
) -> QuerySet[Attendance]:
    """The member's meetings attended (status present) from ``start`` to ``end`` inclusive.

    Used by the budget app to pre-fill allowance lines.
    """
    return (
        Attendance.objects.filter(
            member=member,
            status=Attendance.Status.PRESENT,
            meeting__start__date__gte=start,
            meeting__start__date__lte=end,
        )
        .select_related("meeting", "meeting__location")
        .order_by("meeting__start")
    )


def attendance_overview(*, year: int) -> dict:
    """Per member the counts of present / excused / absent in ``year`` (one query)."""
    from members.models import User

    rows = (
        Attendance.objects.filter(meeting__start__year=year)
        .values("member", "status")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[str, int]] = {}
    for r in rows:
        counts.setdefault(r["member"], {s: 0 for s in Attendance.Status.values})[r["status"]] = r[
            "n"
        ]
    people = User.objects.filter(pk__in=counts.keys()).order_by("last_name", "first_name")
    return {
        "rows": [
            {"member": p, **counts[p.pk], "total": sum(counts[p.pk].values())} for p in people
        ],
        "meetings_held": Meeting.objects.filter(start__year=year, status__in=Meeting.HELD).count(),
    }


def meetings_held_per_kind(*, year: int) -> dict[str, int]:
    """``{kind: count}`` of meetings held in ``year`` (``Meeting.HELD``)."""
    rows = (
        Meeting.objects.filter(start__year=year, status__in=Meeting.HELD)
        .values("kind")
        .annotate(n=Count("id"))
    )
    return {r["kind"]: r["n"] for r in rows}


def year_at_a_glance(*, year: int, targets: dict[str, int] | None = None) -> list:
    held = meetings_held_per_kind(year=year)
    rows = rules.year_at_a_glance(held=held, targets=targets or rules.DEFAULT_TARGETS)
    return [{"row": r, "label": Meeting.Kind(r.kind).label} for r in rows]


def action_items_for_user(*, user: Any, open_only: bool = True) -> QuerySet[ActionItem]:
    qs = ActionItem.objects.filter(owner=user).select_related("meeting")
    if open_only:
        qs = qs.filter(done=False)
    return qs.order_by("due_date", "id")


def action_item_list(*, user: Any) -> QuerySet[ActionItem]:
    if can_manage(user):
        qs = ActionItem.objects.all()
    elif can_view_internal(user):
        qs = ActionItem.objects.filter(owner=user)
    else:
        return ActionItem.objects.none()
    return qs.select_related("owner", "meeting")


def meetings_for_calendar(*, user: Any) -> QuerySet[Meeting]:
    """The member's personal feed: every meeting they may see, from a year back."""
    since = timezone.now() - datetime.timedelta(days=365)
    if not can_view_internal(user):
        return public_meeting_list().filter(start__gte=since)
    return Meeting.objects.filter(start__gte=since).select_related("location")


def upcoming_for_user(*, user: Any, limit: int = 5) -> QuerySet[Meeting]:
    """The next meetings, without ``meeting_list``'s item count: counting items for every
    meeting before the limit applies made the dashboard scan the whole agenda table."""
    if not can_view_internal(user):
        return Meeting.objects.none()
    return (
        Meeting.objects.select_related("location")
        .filter(end__gte=timezone.now())
        .order_by("start")[:limit]
    )


# --- public -----------------------------------------------------------------------------


def public_meeting_list() -> QuerySet[Meeting]:
    """The only source of meetings for anonymous pages: public meetings, nothing else."""
    return Meeting.objects.filter(is_public=True).select_related("location")


def public_meeting_get(*, pk: int) -> Meeting:
    try:
        return (
            public_meeting_list()
            .select_related("minutes")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=Document.objects.filter(is_public=True).select_related("agenda_item"),
                )
            )
            .get(pk=pk)
        )
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def public_meeting_page_get(*, pk: int) -> Meeting:
    """The public agenda page's meeting: with its location and minutes, and of its public
    documents only what the page shows (title and agenda item; no file details, no join)."""
    documents = Document.objects.filter(is_public=True).only(
        "id", "title", "meeting_id", "agenda_item_id", "is_public"
    )
    try:
        return (
            public_meeting_list()
            .select_related("minutes")
            .prefetch_related(Prefetch("documents", queryset=documents))
            .get(pk=pk)
        )
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def public_upcoming(*, limit: int = 3) -> QuerySet[Meeting]:
    return public_meeting_list().filter(end__gte=timezone.now()).order_by("start")[:limit]
