"""``/adviezen/`` rendered without any cache: hostile input, counts, labels, queries."""

import pytest
from django.urls import reverse

from adviesraad.pagecache import forget_public_pages
from tests.factories.adviezen import AdviceFactory, college_response, published_advice

pytestmark = pytest.mark.django_db

LIST = "/adviezen/"


def test_a_nul_byte_in_the_search_is_a_message_next_to_the_field_not_a_500(client):
    """Issue 14, finding 8: PostgreSQL cannot search for a NUL byte."""
    published_advice(title="Mantelzorg in de wijk")
    response = client.get(LIST, {"q": "mantel\x00zorg"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Null-tekens zijn niet toegestaan" in body
    assert 'aria-invalid="true"' in body
    assert "0 adviezen gevonden" in body


@pytest.mark.parametrize(
    "query",
    [
        {"q": "\x00"},
        {"q": "x" * 500},
        {"q": "\x01\x02 mantelzorg"},
        {"q": '"mantel zorg" -jeugd OR (werk'},
        {"q": "'; DROP TABLE adviezen_advice; --"},
        {"year": "²"},
        {"year": "1999'"},
        {"year": "99999999999999999999"},
        {"domain": "<script>alert(1)</script>"},
        {"answered": "maybe"},
        {"page": "-1"},
        {"page": "999999"},
        {"page": "abc"},
        {"origin": ["requested", "unsolicited"]},
    ],
)
def test_hostile_filter_values_answer_without_an_error(client, query):
    published_advice(title="Mantelzorg in de wijk")
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_invalid_filter_keeps_what_was_typed_and_says_what_is_wrong(client):
    published_advice(title="Mantelzorg in de wijk")
    body = client.get(LIST, {"q": "mantelzorg", "domain": "bestaat-niet"}).content.decode()
    assert 'value="mantelzorg"' in body
    assert "Selecteer een geldige keuze" in body
    assert "Mantelzorg in de wijk" not in body  # nothing is shown for a bad filter


@pytest.mark.postgres
def test_search_with_websearch_syntax_finds_and_excludes(client):
    published_advice(title="Mantelzorg in de wijk")
    published_advice(title="Mantelzorg voor jongeren", summary="Jeugd en zorg.")
    body = client.get(LIST, {"q": "mantelzorg -jongeren"}).content.decode()
    assert "Mantelzorg in de wijk" in body and "Mantelzorg voor jongeren" not in body


def test_drafts_never_reach_the_list_or_its_search(client):
    AdviceFactory(title="Concept over de bijstand")
    published_advice(title="Gepubliceerd over de bijstand")
    for query in ({}, {"q": "bijstand"}):
        body = client.get(LIST, query).content.decode()
        assert "Gepubliceerd over de bijstand" in body and "Concept over de bijstand" not in body
        assert "1 advies gevonden" in body


def test_the_list_speaks_english_when_chosen(client):
    published_advice(title="Werk en re-integratie", domain="werk")
    client.cookies["django_language"] = "en"
    body = client.get(LIST, {"domain": "werk"}).content.decode()
    assert "1 advice item found" in body


def test_pages_keep_the_filters_in_their_links(client):
    for n in range(25):
        published_advice(title=f"Advies {n}", domain="werk")
    body = client.get(LIST, {"domain": "werk"}).content.decode()
    assert 'href="?domain=werk&amp;page=2"' in body
    body = client.get(LIST, {"domain": "werk", "page": "2"}).content.decode()
    assert 'href="?domain=werk&amp;page=1"' in body and "25 adviezen gevonden" in body


@pytest.mark.parametrize("rows", [1, 10])
def test_the_rendered_list_needs_three_queries_and_a_filtered_one_four(
    client, django_assert_num_queries, rows
):
    for i in range(rows):
        college_response(published_advice(title=f"Advies {i}"))
    client.get(LIST)
    forget_public_pages()
    # council settings, the summary (count and years), the page
    with django_assert_num_queries(3):
        assert f"{rows} advi" in client.get(LIST).content.decode()
    # ... and the filtered list counts its own rows; on SQLite the search first reads its
    # candidates, ranked in Python (adviezen.search)
    from django.db import connection

    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 5):
        assert client.get(LIST, {"domain": "werk", "q": "Advies"}).status_code == 200


def test_the_year_filter_offers_every_year_from_the_first_publication(client):
    from django.utils import timezone

    this_year = timezone.localdate().year
    published_advice(title="Oud", published_at=timezone.now().replace(year=this_year - 3))
    published_advice(title="Nieuw")
    body = client.get(reverse("adviezen_public:list")).content.decode()
    for year in range(this_year - 3, this_year + 1):
        assert f'<option value="{year}"' in body
    assert f'<option value="{this_year - 4}"' not in body


def test_a_long_summary_is_cut_after_forty_words(client):
    words = [f"woord{n}" for n in range(60)]
    published_advice(title="Lang advies", summary=" ".join(words))
    body = client.get(LIST).content.decode()
    assert " ".join(words[:40]) + " …" in body and "woord40" not in body
