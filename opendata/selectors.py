"""Every public document of the council, for the open-data API and the Woo-index sitemaps.

Nothing here decides what is public: every row comes from the public selectors the public pages
use (``adviezen.selectors.advice_public_qs``, ``meetings.selectors.public_meeting_list`` with
``meetings.rules.document_is_public``, ``budget.selectors.publication_public_list``), so the
API, the sitemaps and the pages show the same documents (docs/rules.md, S3). Each source is
one query, however many documents there are.
"""

from __future__ import annotations

import datetime
import mimetypes
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Max, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from adviezen.models import Advice
from adviezen.selectors import advice_public_qs
from budget.models import Publication
from budget.selectors import publication_public_list
from meetings import rules as meeting_rules
from meetings.models import AgendaItem, Document, Meeting, Minutes
from meetings.selectors import public_meeting_list

from . import rules
from .rules import Category, Handling


@dataclass(frozen=True)
class PublicDocument:
    """One public document (an *informatieobject*) with what the API and the sitemaps say."""

    id: str  # stable over time: "advies-12", "stuk-7", "notulen-3", "publicatie-5"
    title: str
    description: str
    kind: str  # rules.KINDS
    category: str  # TOOI informatiecategorie code
    handling: str  # TOOI soort handeling code
    path: str  # the file's URL on this site
    created: datetime.date
    changed: datetime.datetime
    identifier: str
    media_type: str = "application/pdf"
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    minutes_of: int | None = None


def _day(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def media_type(name: str) -> str:
    """The media type of a stored file, from its name (uploads are checked when stored)."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _latest(*values) -> datetime.datetime:
    return max(v for v in values if v is not None)


def advice_documents(*, publish_requests: bool) -> list[PublicDocument]:
    """Per published advice: its letter (formal advices), the college's request (only when
    the council publishes requests, ``adviezen.publication.requests_published``) and the
    college's response, at the public advice page's download URLs. One query."""
    rows = advice_public_qs().values(
        "pk",
        "slug",
        "reference",
        "title",
        "summary",
        "kind",
        "published_at",
        "updated_at",
        "letter_date",
        "sent_at",
        "request_document",
        "request_date",
        "response__received_on",
        "response__document",
        "response__registered_at",
    )
    docs: list[PublicDocument] = []
    for a in rows:
        changed = _latest(a["published_at"], a["updated_at"])
        if a["kind"] == Advice.Kind.FORMAL:
            docs.append(
                PublicDocument(
                    id=f"advies-{a['pk']}",
                    title=a["title"],
                    description=a["summary"],
                    kind="advies",
                    category=Category.ADVIEZEN,
                    handling=Handling.VASTSTELLING,
                    path=reverse("adviezen_public:pdf", args=[a["slug"]]),
                    created=_day(a["letter_date"] or a["sent_at"] or a["published_at"]),
                    changed=changed,
                    identifier=a["reference"],
                )
            )
        if publish_requests and a["request_document"]:
            docs.append(
                PublicDocument(
                    id=f"aanvraag-{a['pk']}",
                    title=rules.request_title(a["title"]),
                    description="",
                    kind="adviesaanvraag",
                    category=Category.ADVIEZEN,
                    handling=Handling.ONTVANGST,
                    path=reverse("adviezen_public:request_document", args=[a["slug"]]),
                    created=_day(a["request_date"] or a["published_at"]),
                    changed=changed,
                    identifier=f"{a['reference']}-aanvraag",
                    media_type=media_type(a["request_document"]),
                )
            )
        if a["response__document"]:
            docs.append(
                PublicDocument(
                    id=f"reactie-{a['pk']}",
                    title=rules.response_title(a["title"]),
                    description="",
                    kind="reactie",
                    category=Category.ADVIEZEN,
                    handling=Handling.ONTVANGST,
                    path=reverse("adviezen_public:response_document", args=[a["slug"]]),
                    created=a["response__received_on"],
                    changed=_latest(changed, a["response__registered_at"]),
                    identifier=f"{a['reference']}-reactie",
                    media_type=media_type(a["response__document"]),
                )
            )
    return docs


def meeting_documents() -> list[PublicDocument]:
    """Per public meeting: its public agenda, its approved public minutes and its public
    documents (``meetings.rules.document_is_public``). Two queries."""
    docs: list[PublicDocument] = []
    for m in meetings_with_changes().values(
        "pk", "title", "start", "changed", "minutes__status", "minutes__approved_at"
    ):
        docs.append(
            PublicDocument(
                id=f"agenda-{m['pk']}",
                title=rules.agenda_title(m["title"], _day(m["start"])),
                description="",
                kind="agenda",
                category=Category.VERGADERSTUKKEN,
                handling=Handling.VASTSTELLING,
                path=reverse("meetings_public:agenda_pdf", args=[m["pk"]]),
                created=_day(m["start"]),
                changed=m["changed"],
                identifier=f"vergadering-{m['pk']}-agenda",
                meeting_id=m["pk"],
            )
        )
        if m["minutes__status"] == Minutes.Status.APPROVED:
            docs.append(
                PublicDocument(
                    id=f"notulen-{m['pk']}",
                    title=rules.minutes_title(m["title"], _day(m["start"])),
                    description="",
                    kind="notulen",
                    category=Category.VERGADERSTUKKEN,
                    handling=Handling.VASTSTELLING,
                    path=reverse("meetings_public:minutes_pdf", args=[m["pk"]]),
                    created=_day(m["minutes__approved_at"] or m["start"]),
                    changed=m["changed"],
                    identifier=f"vergadering-{m['pk']}-notulen",
                    meeting_id=m["pk"],
                    minutes_of=m["pk"],
                )
            )
    for d in public_meeting_document_rows():
        docs.append(
            PublicDocument(
                id=f"stuk-{d['pk']}",
                title=d["title"],
                description="",
                kind="vergaderstuk",
                category=Category.VERGADERSTUKKEN,
                handling=Handling.ONTVANGST,
                path=reverse("meetings_public:document", args=[d["pk"]]),
                created=_day(d["uploaded_at"]),
                changed=d["uploaded_at"],
                identifier=f"vergaderstuk-{d['pk']}",
                media_type=d["content_type"] or "application/octet-stream",
                meeting_id=d["meeting_id"],
                agenda_item_id=d["agenda_item_id"],
            )
        )
    return docs


def public_meeting_document_rows() -> list[dict]:
    """The public documents of public meetings, as the public agenda page shows them."""
    rows = Document.objects.filter(meeting__in=public_meeting_list(), is_public=True).values(
        "pk",
        "title",
        "content_type",
        "uploaded_at",
        "meeting_id",
        "agenda_item_id",
        "agenda_item__is_public",
        "is_public",
    )
    return [
        d
        for d in rows
        if meeting_rules.document_is_public(
            document_public=d["is_public"],
            item_public=d["agenda_item__is_public"] if d["agenda_item_id"] else None,
        )
    ]


def publication_documents() -> list[PublicDocument]:
    """Annual plans and reports and research reports on /publicaties/. One query."""
    docs = []
    for p in publication_public_list().values(
        "pk", "kind", "year", "title", "summary", "published_at"
    ):
        research = p["kind"] == Publication.Kind.RESEARCH
        docs.append(
            PublicDocument(
                id=f"publicatie-{p['pk']}",
                title=p["title"],
                description=p["summary"],
                kind=rules.PUBLICATION_KINDS[p["kind"]],
                category=Category.ONDERZOEK if research else Category.JAARSTUKKEN,
                handling=Handling.VASTSTELLING,
                path=reverse("budget_public:file", args=[p["pk"]]),
                created=_day(p["published_at"]),
                changed=p["published_at"],
                identifier=f"publicatie-{p['pk']}",
            )
        )
    return docs


def public_documents(
    *, publish_requests: bool, categories: frozenset[str] | None = None
) -> list[PublicDocument]:
    """Every public document, newest change first (ties by id): the API's
    *informatieobjecten* and the sitemaps' URLs. ``categories`` narrows it to those TOOI
    categories, without querying the sources of the others."""
    wanted = categories or frozenset(Category.ALL)
    docs: list[PublicDocument] = []
    if Category.ADVIEZEN in wanted:
        docs += advice_documents(publish_requests=publish_requests)
    if Category.VERGADERSTUKKEN in wanted:
        docs += meeting_documents()
    if wanted & {Category.JAARSTUKKEN, Category.ONDERZOEK}:
        docs += [d for d in publication_documents() if d.category in wanted]
    docs.sort(key=lambda d: (d.changed, d.id), reverse=True)
    return docs


# --- meetings and agenda items (the API's vergaderingen and agendapunten) ----------------


def meetings_with_changes() -> QuerySet[Meeting]:
    """Public meetings with ``changed``: the latest change to the meeting, its public items,
    its public documents or its approved minutes (what ``gewijzigdSinds`` filters on)."""
    from django.db.models.functions import Coalesce, Greatest

    items = Max("items__updated_at", filter=Q(items__is_public=True))
    documents = Max("documents__uploaded_at", filter=Q(documents__is_public=True))
    minutes = Max("minutes__updated_at", filter=Q(minutes__status=Minutes.Status.APPROVED))
    return public_meeting_list().annotate(
        changed=Greatest(
            "updated_at",
            Coalesce(items, "updated_at"),
            Coalesce(documents, "updated_at"),
            Coalesce(minutes, "updated_at"),
        )
    )


def api_meetings(*, since: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """Public meetings for the API, with their public items and documents prefetched."""
    qs = meetings_with_changes().select_related("minutes")
    if since is not None:
        qs = qs.filter(changed__gt=since)
    return qs.prefetch_related(
        Prefetch(
            "items",
            queryset=AgendaItem.objects.filter(is_public=True).only(
                "id", "meeting_id", "section", "position"
            ),
            to_attr="public_items",
        ),
        Prefetch(
            "documents",
            queryset=Document.objects.filter(is_public=True)
            .filter(Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True))
            .only("id", "meeting_id"),
            to_attr="public_documents",
        ),
    ).order_by("-start", "-pk")


def api_agenda_items(
    *, since: datetime.datetime | None = None, meeting_id: int | None = None
) -> QuerySet[AgendaItem]:
    """Public agenda items of public meetings, with their public documents, newest meeting
    first and each meeting's items in agenda order."""
    qs = AgendaItem.objects.filter(meeting__in=public_meeting_list(), is_public=True)
    if since is not None:
        qs = qs.filter(updated_at__gt=since)
    if meeting_id is not None:
        qs = qs.filter(meeting_id=meeting_id)
    return (
        qs.select_related("meeting")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.filter(is_public=True).only("id", "agenda_item_id"),
                to_attr="public_documents",
            )
        )
        .order_by("-meeting__start", "meeting_id", _section_rank(), "position", "pk")
    )


def _section_rank() -> Case:
    """An item's place in the agenda's order of sections (``meetings.selectors.sort_items``),
    so the API lists a meeting's items as the public agenda numbers them."""
    from meetings.selectors import SECTION_RANK

    return Case(
        *[When(section=section, then=Value(rank)) for section, rank in SECTION_RANK.items()],
        default=Value(99),
        output_field=IntegerField(),
    )


# --- "Waar we aan werken" -----------------------------------------------------------------


def public_dossiers() -> list:
    """The theme dossiers on "Waar we aan werken" (``rules.dossier_is_listed`` as a query:
    accepted and marked public), each with its working group and its published advices
    (``advice_public_qs``), newest first. Two queries."""
    from adviezen.models import Dossier

    advices = advice_public_qs().only("title", "slug", "reference", "published_at", "dossier_id")
    return list(
        Dossier.objects.filter(status=Dossier.Status.ACCEPTED, is_public=True)
        .select_related("working_group")
        .only("title", "description", "domain", "working_group__name")
        .prefetch_related(
            Prefetch(
                "advices",
                queryset=advices.order_by("-published_at", "-pk"),
                to_attr="public_advices",
            )
        )
        .order_by("title", "pk")
    )
