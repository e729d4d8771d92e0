"""Open-data rules (docs/rules.md, D36–D38): pure functions, no database.

- Which Woo information categories the council publishes in the Woo-index sitemaps, with the
  codes of the TOOI value list "Informatiecategorieën Woo" (KOOP).
- The API's page size (capped) and its ``gewijzigdSinds`` filter.
- The public theme dossiers ("Waar we aan werken").
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"


class Category:
    """Woo information categories (TOOI "Informatiecategorieën Woo")."""

    ADVIEZEN = "c_99a836c7"
    JAARSTUKKEN = "c_c6cd1213"
    ONDERZOEK = "c_fdaee95e"
    VERGADERSTUKKEN = "c_db4862c3"  # vergaderstukken decentrale overheden
    ALL = (ADVIEZEN, JAARSTUKKEN, ONDERZOEK, VERGADERSTUKKEN)
    LABELS = {
        ADVIEZEN: "adviezen",
        JAARSTUKKEN: "jaarplannen en jaarverslagen",
        ONDERZOEK: "onderzoeksrapporten",
        VERGADERSTUKKEN: "vergaderstukken decentrale overheden",
    }
    SLUGS = {
        ADVIEZEN: "adviezen",
        JAARSTUKKEN: "jaarplannen-en-jaarverslagen",
        ONDERZOEK: "onderzoeksrapporten",
        VERGADERSTUKKEN: "vergaderstukken",
    }


class Handling:
    """TOOI "soort handeling": the council made it (vaststelling) or received it (ontvangst)."""

    VASTSTELLING = "c_641ecd76"
    ONTVANGST = "c_dfcee535"
    LABELS = {VASTSTELLING: "vaststelling", ONTVANGST: "ontvangst"}


PUBLICATION_KINDS = {
    "annual_plan": "jaarplan",
    "annual_report": "jaarverslag",
    "research": "onderzoeksrapport",
}
# The council's kinds of meeting, as Dutch codes in the API's ``vergaderingstype`` (the ODS
# list names the meetings of a municipal council, which an advisory council does not hold).
MEETING_TYPES = {
    "plenary": "plenaire_vergadering",
    "alderman": "overleg_wethouder",
    "management": "overleg_management",
    "working_group": "werkgroepoverleg",
    "work_visit": "werkbezoek",
    "training": "training",
    "informal": "informeel_overleg",
    "interview": "selectiegesprek",
}
# The ODS "informatieobjecttype" of each kind of document, where the standard has one.
ODS_TYPES = {
    "adviesaanvraag": "ingekomen_stuk",
    "reactie": "antwoord",
    "vergaderstuk": "ingekomen_stuk",
}


def sitemap_categories(*, meetings_under_woo: bool, publisher: str) -> tuple[str, ...]:
    """The categories with a sitemap index in robots.txt: advices (with requests and
    responses), annual plans and reports, research reports, and meeting documents only when
    the council's meetings fall under the Woo (a council setting). None until the council
    has set its municipality's TOOI code: the Woo-index needs a publisher."""
    if not publisher:
        return ()
    categories: tuple[str, ...] = (Category.ADVIEZEN, Category.JAARSTUKKEN, Category.ONDERZOEK)
    if meetings_under_woo:
        categories += (Category.VERGADERSTUKKEN,)
    return categories


SITEMAP_PAGE_SIZE = 1000  # URLs per sitemap (the protocol allows 50,000)


def sitemap_pages(count: int) -> int:
    """How many sitemaps a category's index lists: at least one, even when empty."""
    return max(1, -(-count // SITEMAP_PAGE_SIZE))


DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class FilterError(ValueError):
    """A query parameter the API cannot use; ``param`` names it, the message says why."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param


def page_size(value: str | None) -> int:
    """``pageSize``: a whole number from 1 to ``MAX_PAGE_SIZE``; absent: the default."""
    if value in (None, ""):
        return DEFAULT_PAGE_SIZE
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise FilterError(
            "pageSize", _("Kies een paginagrootte van 1 tot %(max)d.") % {"max": MAX_PAGE_SIZE}
        )
    return int(value)


def page_number(value: str | None) -> int:
    """``page``: a whole number from 1; absent: 1."""
    if value in (None, ""):
        return 1
    if not value.isdigit() or int(value) < 1:
        raise FilterError("page", _("Een paginanummer is een heel getal vanaf 1."))
    return int(value)


def changed_since(value: str | None) -> datetime.datetime | None:
    """``gewijzigdSinds``: an ISO 8601 date-time (a date means its start, Dutch time); a
    time without a zone is Dutch time. Absent: no filter."""
    if value in (None, ""):
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is None:
                raise ValueError(value)
            moment = datetime.datetime.combine(day, datetime.time())
    except ValueError as exc:
        raise FilterError(
            "gewijzigdSinds",
            _("Geef een datum en tijd volgens ISO 8601, zoals 2025-01-31T12:00:00+01:00."),
        ) from exc
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def unknown_params(given, allowed) -> list[str]:
    """The query parameters the resource does not know, in the order given."""
    return [name for name in given if name not in allowed]


def dossier_is_listed(*, status: str, is_public: bool) -> bool:
    """A theme dossier is on "Waar we aan werken" only when it is accepted and the council
    marked it public; proposed, rejected and closed dossiers never show."""
    return status == "accepted" and is_public


def municipality_code(tooi: str) -> str:
    """The CBS municipality code of a TOOI municipality id: ``gm0439`` → ``0439``."""
    return tooi[2:] if tooi.startswith("gm") else ""


# Document titles are data in Dutch (the documents' language is ``nl`` in the API and the
# sitemaps), the same whatever language the visitor chose.


def request_title(title: str) -> str:
    return f"Adviesaanvraag: {title}"


def response_title(title: str) -> str:
    return f"Reactie van het college: {title}"


def agenda_title(title: str, day: datetime.date) -> str:
    return f"Agenda {title}, {day:%d-%m-%Y}"


def minutes_title(title: str, day: datetime.date) -> str:
    return f"Notulen {title}, {day:%d-%m-%Y}"
