"""From rows to the ODS field names: absolute URLs resolved once per request, numbers and start
times of agenda items from one query per page (``meetings.selectors.with_start_times``)."""

from __future__ import annotations

from django.utils import timezone

from adviesraad.rows import url_maker
from meetings.models import AgendaItem, Meeting, Minutes
from meetings.selectors import sort_items, with_start_times

from .. import rules

STATUS = {Meeting.Status.HELD: "gehouden", Meeting.Status.MINUTES_APPROVED: "gehouden"}
TAAL = "dut"  # ISO 639-2/B, as ODS asks
FORMATS = {"application/pdf": "pdf"}


class Maps:
    def __init__(self, request, council):
        self.council = council
        base = request.build_absolute_uri("/")[:-1]
        self.absolute = lambda path: f"{base}{path}"

        def maker(name):
            make = url_maker(name)
            return lambda arg: f"{base}{make(arg)}"

        self.meeting_url = maker("opendata:vergadering")
        self.item_url = maker("opendata:agendapunt")
        self.doc_url = maker("opendata:informatieobject")
        self.page_url = maker("meetings_public:detail")
        code = rules.municipality_code(council.tooi_publisher)
        self.gemeente = (
            {"gemeentecode": code, "gemeentenaam": council.municipality.removeprefix("Gemeente ")}
            if code
            else None
        )

    def meetings(self, meetings) -> list[dict]:
        return [
            {
                "url": self.meeting_url(m.pk),
                "id": str(m.pk),
                "naam": m.title,
                "vergaderingstype": rules.MEETING_TYPES.get(m.kind, m.kind),
                "status": STATUS.get(m.status, "gepland"),
                "vergaderdatum": timezone.localtime(m.start).date(),
                "geplandeAanvangVergadering": m.start,
                "geplandeEindeVergadering": m.end,
                "locatie": m.location.name if m.location else "",
                "vergadertoelichting": m.description,
                "gemeente": self.gemeente,
                "agendapunten": [self.item_url(i.pk) for i in sort_items(m.public_items)],
                "bijlagen": [self.doc_url(f"stuk-{d.pk}") for d in m.public_documents],
                "informatieobject": self.doc_url(f"notulen-{m.pk}") if _approved(m) else None,
                "agendaUrl": self.page_url(m.pk),
                "wijzigingsdatum": m.changed,
            }
            for m in meetings
        ]

    def agenda_items(self, items) -> list[dict]:
        numbered = _numbers({i.meeting_id: i.meeting for i in items})
        rows = []
        for i in items:
            number, starts = numbered[i.pk]
            rows.append(
                {
                    "url": self.item_url(i.pk),
                    "id": str(i.pk),
                    "vergadering": self.meeting_url(i.meeting_id),
                    "agendapuntTitel": i.title,
                    "agendapuntOmschrijving": i.description,
                    "agendapuntvolgnummer": str(number),
                    "agendapuntKenmerk": str(number),
                    "geplandeStarttijd": starts,
                    "indicatorBesloten": False,
                    "informatieobjecten": [
                        self.doc_url(f"stuk-{d.pk}") for d in i.public_documents
                    ],
                    "wijzigingsdatum": i.updated_at,
                }
            )
        return rows

    def documents(self, docs) -> list[dict]:
        author = self.council.name
        return [
            {
                "url": self.doc_url(d.id),
                "id": d.id,
                "titel": d.title,
                "omschrijving": d.description,
                "documentsoort": d.kind,
                "informatieobjecttype": rules.ODS_TYPES.get(d.kind),
                "informatiecategorie": rules.TOOI_KERN + d.category,
                "identificatie": d.identifier,
                "link": self.absolute(d.path),
                "formaat": FORMATS.get(d.media_type, d.media_type),
                "taal": TAAL,
                "auteur": "College van burgemeester en wethouders"
                if d.handling == rules.Handling.ONTVANGST and d.kind != "vergaderstuk"
                else author,
                "creatiedatum": d.created,
                "gemeente": self.gemeente,
                "vergaderingen": [self.meeting_url(d.meeting_id)] if d.meeting_id else [],
                "agendapunten": [self.item_url(d.agenda_item_id)] if d.agenda_item_id else [],
                "genotuleerdeVergadering": self.meeting_url(d.minutes_of) if d.minutes_of else None,
                "wijzigingsdatum": d.changed,
            }
            for d in docs
        ]


def _approved(meeting) -> bool:
    try:
        return meeting.minutes.is_approved  # select_related: no query
    except Minutes.DoesNotExist:
        return False


def _numbers(meetings: dict) -> dict[int, tuple[int, object]]:
    """``{item id: (number, start time)}`` for every public item of these meetings, as the
    public agenda numbers them (one query)."""
    found: dict[int, list] = {}
    for item in AgendaItem.objects.filter(meeting_id__in=meetings, is_public=True).only(
        "id", "meeting_id", "section", "position", "duration_minutes"
    ):
        found.setdefault(item.meeting_id, []).append(item)
    numbered = {}
    for meeting_id, items in found.items():
        for item in with_start_times(meetings[meeting_id], sort_items(items)):
            numbered[item.pk] = (item.number, item.starts_at)
    return numbered
