"""The public advice selectors: only published advices marked for the site reach the public,
newest first, with the joins their pages read (no query per row), and the list's summary of
count and years (docs/rules.md, S3)."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone

from adviezen import selectors
from adviezen.models import Advice
from tests.factories.adviezen import AdviceFactory, college_response, published_advice
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db


def _at(*args) -> datetime.datetime:
    """An aware moment in the council's time zone."""
    return timezone.make_aware(datetime.datetime(*args))


def _hidden() -> dict[str, Advice]:
    """Advices the public must never see, one for each condition of the public selector."""
    return {
        "not marked for the site": published_advice(title="Niet openbaar", is_public=False),
        "sent, not published": published_advice(title="Alleen verzonden", status="sent"),
        "a draft marked public": published_advice(title="Concept", status="draft"),
        "no publication date": published_advice(title="Zonder datum", published_at=None),
    }


# --- advice_public_qs / advice_public_list ------------------------------------------------


def test_the_public_sees_only_published_advices_marked_for_the_site():
    hidden = _hidden()
    shown = published_advice(title="Openbaar advies")
    assert list(selectors.advice_public_qs()) == [shown]
    assert list(selectors.advice_public_list()) == [shown]
    for advice in hidden.values():
        with pytest.raises(Http404):
            selectors.advice_public_get(slug=advice.slug)
        with pytest.raises(Http404):
            selectors.advice_public_detail(slug=advice.slug)


def test_the_public_search_never_finds_an_unpublished_advice():
    _hidden()
    found = published_advice(title="Openbaar advies", final_text="<p>Geheim</p>")
    assert list(selectors.advice_public_list(q="geheim")) == [found]
    assert list(selectors.advice_public_list(q="concept")) == []


def test_the_public_list_is_newest_published_first_and_the_newest_id_first_on_the_same_moment():
    moment = _at(2024, 5, 1, 12, 0)
    newest = published_advice(title="Nieuwst", published_at=moment + datetime.timedelta(days=1))
    first = published_advice(title="Eerste", published_at=moment)
    second = published_advice(title="Tweede", published_at=moment)
    older = published_advice(title="Ouder", published_at=moment - datetime.timedelta(minutes=1))
    assert list(selectors.advice_public_list()) == [newest, second, first, older]


LIST_FIELDS = (
    "title",
    "slug",
    "reference",
    "origin",
    "kind",
    "domain",
    "summary",
    "published_at",
    "sent_at",
    "status",
    "is_public",
)


@pytest.mark.postgres
def test_the_public_list_orders_by_id_on_the_same_moment_also_without_its_index():
    moment = _at(2024, 5, 1, 12, 0)
    first = published_advice(title="Eerste", published_at=moment)
    second = published_advice(title="Tweede", published_at=moment)
    with connection.cursor() as cur:  # read the table in the order its rows were written
        cur.execute("SET LOCAL enable_indexscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        cur.execute("SET LOCAL enable_indexonlyscan = off")
        cur.execute("SET LOCAL enable_hashjoin = off")
        cur.execute("SET LOCAL enable_mergejoin = off")
        assert list(selectors.advice_public_list()) == [second, first]


def test_the_public_list_reads_its_columns_and_the_response_date_in_one_query(
    django_assert_num_queries,
):
    for n in range(3):
        advice = published_advice(title=f"Advies {n}")
        college_response(advice, received_on=datetime.date(2024, 6, n + 1))
    published_advice(title="Nog zonder reactie")
    with django_assert_num_queries(1):
        rows = [
            (
                *(getattr(a, name) for name in LIST_FIELDS),
                hasattr(a, "response") and a.response.advice_id == a.pk,
                a.response.received_on if hasattr(a, "response") else None,
            )
            for a in selectors.advice_public_list()
        ]
    assert sorted(r[-1] for r in rows if r[-1]) == [datetime.date(2024, 6, d) for d in (1, 2, 3)]
    assert [r[0] for r in rows if r[-1] is None] == ["Nog zonder reactie"]
    assert [r[-2] for r in rows].count(True) == 3


def test_a_search_narrows_the_list_and_blank_search_text_leaves_it_whole():
    one = published_advice(title="Advies over de stadspas", final_text="")
    other = published_advice(title="Advies over mantelzorg", final_text="")
    assert list(selectors.advice_public_list(q="stadspas")) == [one]
    assert list(selectors.advice_public_list(q="  stadspas  ")) == [one]
    assert set(selectors.advice_public_list(q="   ")) == {one, other}
    assert set(selectors.advice_public_list(q=None)) == {one, other}


def test_only_the_first_two_hundred_characters_of_the_trimmed_search_count():
    found = published_advice(title="Advies over de stadspas", final_text="")
    # "-s" leaves out every advice with an s, when it falls within the first 200 characters
    assert list(selectors.advice_public_list(q="stadspas" + " " * 190 + "-s")) == []
    assert list(selectors.advice_public_list(q="   stadspas" + " " * 190 + "-s  ")) == []
    assert list(selectors.advice_public_list(q="stadspas" + " " * 191 + "-s")) == [found]


# --- advice_public_get / advice_public_detail ----------------------------------------------


def test_a_public_advice_is_read_with_its_response_and_signer_in_one_query(
    django_assert_num_queries,
):
    signer = UserFactory(first_name="Henk", last_name="Voorzitter")
    advice = published_advice(title="Getekend", signed_by=signer)
    college_response(advice, received_on=datetime.date(2024, 7, 1))
    with django_assert_num_queries(1):
        got = selectors.advice_public_get(slug=advice.slug)
        assert (got.response.received_on, got.signed_by.last_name) == (
            datetime.date(2024, 7, 1),
            "Voorzitter",
        )


def test_the_public_detail_reads_the_response_in_one_query(django_assert_num_queries):
    advice = published_advice(title="Beantwoord")
    college_response(advice, summary="Het college neemt het over.")
    with django_assert_num_queries(1):
        got = selectors.advice_public_detail(slug=advice.slug)
        assert got.response.summary == "Het college neemt het over."


def test_an_unknown_slug_is_not_found():
    published_advice(slug="bestaat")
    with pytest.raises(Http404):
        selectors.advice_public_get(slug="bestaat-niet")
    with pytest.raises(Http404):
        selectors.advice_public_detail(slug="bestaat-niet")
    assert selectors.advice_public_get(slug="bestaat").slug == "bestaat"
    assert selectors.advice_public_detail(slug="bestaat").slug == "bestaat"


# --- advice_public_latest -----------------------------------------------------------------


def test_the_home_page_shows_the_three_newest_public_advices():
    start = _at(2024, 1, 1, 9, 0)
    advices = [
        published_advice(title=f"Advies {n}", published_at=start + datetime.timedelta(days=n))
        for n in range(5)
    ]
    published_advice(title="Niet openbaar", is_public=False, published_at=_at(2025, 1, 1, 9, 0))
    assert selectors.advice_public_latest() == advices[:1:-1]
    assert selectors.advice_public_latest(limit=4) == advices[:0:-1]


# --- advice_public_summary ----------------------------------------------------------------


def test_the_summary_of_an_empty_site_is_zero_advices_and_no_years():
    AdviceFactory(status="draft")
    assert selectors.advice_public_summary() == {"total": 0, "years": []}


def test_the_summary_counts_public_advices_and_offers_every_year_newest_first():
    _hidden()
    published_advice(published_at=_at(2019, 6, 1, 12, 0))
    published_advice(published_at=_at(2022, 6, 1, 12, 0))
    published_advice(published_at=_at(2022, 7, 1, 12, 0))
    assert selectors.advice_public_summary() == {"total": 3, "years": [2022, 2021, 2020, 2019]}


def test_a_single_year_is_offered_alone():
    published_advice(published_at=_at(2021, 3, 1, 12, 0))
    assert selectors.advice_public_summary() == {"total": 1, "years": [2021]}


def test_the_years_are_those_of_the_local_publication_date():
    # 31 December 23:30 UTC is already 1 January in Amsterdam, and the other way round
    new_year = datetime.datetime(2019, 12, 31, 23, 30, tzinfo=datetime.UTC)
    published_advice(published_at=new_year)
    published_advice(published_at=datetime.datetime(2021, 12, 31, 22, 30, tzinfo=datetime.UTC))
    assert selectors.advice_public_summary()["years"] == [2021, 2020]


def test_the_summary_is_one_query(django_assert_num_queries):
    published_advice(published_at=_at(2020, 1, 1, 12, 0))
    with django_assert_num_queries(1):
        selectors.advice_public_summary()
