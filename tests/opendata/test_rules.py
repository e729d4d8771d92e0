"""The open-data rules (opendata/rules.py), each on both sides of its boundary."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from opendata import rules
from opendata.rules import Category, FilterError


def test_page_size_default_cap_and_floor():
    assert rules.page_size(None) == rules.DEFAULT_PAGE_SIZE == 20
    assert rules.page_size("1") == 1
    assert rules.page_size("100") == rules.MAX_PAGE_SIZE == 100
    for bad in ("0", "101", "-1", "2.5", "tien"):
        with pytest.raises(FilterError) as exc:
            rules.page_size(bad)
        assert exc.value.param == "pageSize"


def test_page_number_from_one():
    assert rules.page_number(None) == 1
    assert rules.page_number("1") == 1
    assert rules.page_number("7") == 7
    for bad in ("0", "-1", "x"):
        with pytest.raises(FilterError):
            rules.page_number(bad)


def test_changed_since_reads_iso_dates_and_times_in_dutch_time():
    assert rules.changed_since(None) is None
    assert rules.changed_since("") is None
    moment = rules.changed_since("2026-03-01T12:00:00+00:00")
    assert moment == datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    day = rules.changed_since("2026-03-01")
    assert timezone.localtime(day).hour == 0 and day.utcoffset() == datetime.timedelta(hours=1)
    naive = rules.changed_since("2026-07-01T10:00:00")
    assert naive.utcoffset() == datetime.timedelta(hours=2)  # summer time
    for bad in ("gisteren", "2026-13-01", "2026-02-30T10:00"):
        with pytest.raises(FilterError) as exc:
            rules.changed_since(bad)
        assert exc.value.param == "gewijzigdSinds"


def test_sitemap_categories_need_a_publisher_and_meetings_need_the_woo_setting():
    assert rules.sitemap_categories(meetings_under_woo=True, publisher="") == ()
    base = (Category.ADVIEZEN, Category.JAARSTUKKEN, Category.ONDERZOEK)
    assert rules.sitemap_categories(meetings_under_woo=False, publisher="gm0439") == base
    assert rules.sitemap_categories(meetings_under_woo=True, publisher="gm0439") == (
        *base,
        Category.VERGADERSTUKKEN,
    )


def test_tooi_codes_are_those_of_the_issue():
    assert Category.ADVIEZEN == "c_99a836c7"
    assert Category.JAARSTUKKEN == "c_c6cd1213"
    assert Category.ONDERZOEK == "c_fdaee95e"


def test_sitemap_pages_split_at_the_page_size():
    size = rules.SITEMAP_PAGE_SIZE
    assert rules.sitemap_pages(0) == 1
    assert rules.sitemap_pages(size) == 1
    assert rules.sitemap_pages(size + 1) == 2
    assert rules.sitemap_pages(2 * size) == 2


def test_dossier_is_listed_only_when_accepted_and_public():
    assert rules.dossier_is_listed(status="accepted", is_public=True)
    assert not rules.dossier_is_listed(status="accepted", is_public=False)
    for status in ("proposed", "rejected", "closed"):
        assert not rules.dossier_is_listed(status=status, is_public=True)


def test_municipality_code_and_unknown_params():
    assert rules.municipality_code("gm0439") == "0439"
    assert rules.municipality_code("") == ""
    assert rules.unknown_params(["page", "zoek", "pageSize", "x"], {"page", "pageSize"}) == [
        "zoek",
        "x",
    ]
    assert rules.unknown_params([], {"page"}) == []


def test_every_meeting_kind_has_a_dutch_api_type():
    assert set(rules.MEETING_TYPES) == set(Meeting.Kind.values)
