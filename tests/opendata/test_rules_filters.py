"""The API's query filters (opendata/rules.py): the empty value, the parameter each refusal
names and its Dutch message, and dates written without leading zeros."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from opendata import rules
from opendata.rules import FilterError

PAGE_SIZE_MESSAGE = "Kies een paginagrootte van 1 tot 100."
PAGE_MESSAGE = "Een paginanummer is een heel getal vanaf 1."
DATE_MESSAGE = "Geef een datum en tijd volgens ISO 8601, zoals 2025-01-31T12:00:00+01:00."


def test_page_size_empty_is_the_default_and_a_refusal_names_pagesize_in_dutch():
    assert rules.page_size("") == rules.DEFAULT_PAGE_SIZE
    for bad in ("0", "101"):
        with pytest.raises(FilterError) as exc:
            rules.page_size(bad)
        assert exc.value.param == "pageSize"
        assert str(exc.value) == PAGE_SIZE_MESSAGE


def test_page_number_empty_is_one_and_a_refusal_names_page_in_dutch():
    assert rules.page_number("") == 1
    for bad in ("0", "x"):
        with pytest.raises(FilterError) as exc:
            rules.page_number(bad)
        assert exc.value.param == "page"
        assert str(exc.value) == PAGE_MESSAGE


def test_changed_since_refusal_names_gewijzigdsinds_in_dutch():
    with pytest.raises(FilterError) as exc:
        rules.changed_since("gisteren")
    assert exc.value.param == "gewijzigdSinds"
    assert str(exc.value) == DATE_MESSAGE


def test_changed_since_a_date_without_leading_zeros_means_its_start_in_dutch_time():
    # "2026-3-1" is no date-time for parse_datetime, so the date branch reads it
    moment = rules.changed_since("2026-3-1")
    local = timezone.localtime(moment)
    assert (local.date(), local.time()) == (datetime.date(2026, 3, 1), datetime.time(0, 0))
    assert moment.utcoffset() == datetime.timedelta(hours=1)
    # one day later is one day later, not the same start
    assert rules.changed_since("2026-3-2") - moment == datetime.timedelta(days=1)


def test_municipality_code_only_of_a_gm_id():
    assert rules.municipality_code("gm0439") == "0439"
    assert rules.municipality_code("pv0027") == ""
