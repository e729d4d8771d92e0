"""The public search through the list, on both of its paths: PostgreSQL's stored vector and
trigram index (only where PostgreSQL is present), and the path elsewhere (substrings in the
database, ranked in Python), which runs on any database. What is found, what is left out, and
in which order."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from adviezen import search, selectors
from tests.factories.adviezen import published_advice

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["elsewhere", pytest.param("postgres", marks=pytest.mark.postgres)])
def path(request, monkeypatch):
    """Which search runs: PostgreSQL's only on PostgreSQL, the other on any database."""
    if request.param == "elsewhere":
        monkeypatch.setattr(search, "is_postgres", lambda: False)
    return request.param


def _advice(title, *, summary="", text="", days=0, **kwargs):
    moment = timezone.make_aware(datetime.datetime(2025, 1, 1, 12, 0))
    return published_advice(
        title=title,
        summary=summary,
        final_text=text,
        published_at=moment + datetime.timedelta(days=days),
        **kwargs,
    )


def _titles(q):
    return [a.title for a in selectors.advice_public_list(q=q)]


def test_a_word_is_found_in_the_title_the_summary_or_the_text(path):
    _advice("Stadspas voor iedereen")
    _advice("Eerste", summary="Over de stadspas.")
    _advice("Tweede", text="<p>De stadspas raakt op.</p>")
    _advice("Derde", summary="Iets anders.", text="<p>Niets.</p>")
    assert set(_titles("stadspas")) == {"Stadspas voor iedereen", "Eerste", "Tweede"}


def test_a_match_in_the_title_ranks_before_the_summary_before_the_text(path):
    # created in the opposite order, so that no order of the rows themselves passes
    _advice("Tekst", text="<p>Over schulden.</p>", days=2)
    _advice("Samenvatting", summary="Schulden en werk.", days=1)
    _advice("Schulden van jongeren", days=0)
    assert _titles("schulden") == ["Schulden van jongeren", "Samenvatting", "Tekst"]


def test_equal_matches_are_newest_first_and_the_newest_id_first_on_the_same_day(path):
    first = _advice("Schulden", days=0)
    second = _advice("Schulden", days=0)
    newer = _advice("Schulden", days=1)
    oldest = _advice("Schulden", days=-1)
    found = list(selectors.advice_public_list(q="schulden"))
    assert found == [newer, second, first, oldest]


def test_a_part_of_a_compound_in_the_title_ranks_before_the_word_in_the_text(path):
    _advice("Over de wijk", text="<p>De straten worden veiliger.</p>", days=1)
    _advice("Winkelstraten", days=0)
    assert _titles("straten") == ["Winkelstraten", "Over de wijk"]


def test_a_four_letter_word_is_found_inside_a_compound_word(path):
    _advice("Mantelzorg")
    assert _titles("zorg") == ["Mantelzorg"]


def test_every_word_must_occur_also_as_parts_of_compound_words(path):
    _advice("Mantelzorg")
    _advice("Mantelzorg voor jongeren")
    assert _titles("jongeren zorg") == ["Mantelzorg voor jongeren"]
    assert _titles("mantel zorg") == ["Mantelzorg voor jongeren", "Mantelzorg"]


def test_only_words_to_leave_out_list_the_others_newest_first(path):
    newer = _advice("Inkomen", days=2)
    first = _advice("Werk", days=0)
    second = _advice("Wonen", days=0)
    _advice("Werk voor jongeren", days=5)
    assert list(selectors.advice_public_list(q="-jongeren")) == [newer, second, first]


def test_a_word_left_out_also_leaves_out_the_compounds_that_contain_it(path):
    _advice("Schuldhulpverlening")
    kept = _advice("Schulden")
    assert list(selectors.advice_public_list(q="schulden -hulpverlening")) == [kept]
    assert list(selectors.advice_public_list(q="-hulpverlening")) == [kept]


# --- PostgreSQL's own path: Dutch word forms ---------------------------------------------


@pytest.mark.postgres
def test_postgresql_finds_another_dutch_form_of_the_word():
    # "straten" and "straat" share their Dutch stem; neither contains the other
    _advice("Veilige straat")
    _advice("Iets anders")
    assert _titles("straten") == ["Veilige straat"]
    assert _titles("-straten") == ["Iets anders"]


@pytest.mark.postgres
def test_postgresql_finds_a_word_that_starts_with_the_search_word():
    # "wmo" is too short to be looked for inside words: only the prefix search finds the rest
    _advice("Wmo en schuldhulpverlening")
    assert _titles("wmo schuld") == ["Wmo en schuldhulpverlening"]


@pytest.mark.postgres
def test_postgresql_ranks_a_whole_word_in_the_title_before_a_part_of_one():
    _advice("Veilige straat", days=0)
    _advice("Winkelstraten", days=1)
    assert _titles("straten") == ["Veilige straat", "Winkelstraten"]


@pytest.mark.postgres
def test_only_words_to_leave_out_order_by_id_on_the_same_day_also_without_an_index():
    first = _advice("Werk")
    second = _advice("Wonen")
    with connection.cursor() as cur:  # read the table in the order its rows were written
        cur.execute("SET LOCAL enable_indexscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        cur.execute("SET LOCAL enable_indexonlyscan = off")
        cur.execute("SET LOCAL enable_hashjoin = off")
        cur.execute("SET LOCAL enable_mergejoin = off")
        assert list(selectors.advice_public_list(q="-jongeren")) == [second, first]
