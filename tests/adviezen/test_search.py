"""Public search finds Dutch words (issue 13, item 12; ``adviezen.search``).

The tests that go through the list run on both backends: on PostgreSQL with ``DATABASE_URL``
set, on SQLite without. The ones marked ``postgres`` check PostgreSQL's own path (its
indexes, hostile text reaching ``to_tsquery``).
"""

import pytest
from django.db import connection

from adviezen import search, selectors
from adviezen.models import Advice
from tests.factories.adviezen import AdviceFactory, published_advice

LIST = "/adviezen/"


def _titles(q):
    return [a.title for a in selectors.advice_public_list(q=q)]


# --- the pure parts ---------------------------------------------------------------------------


def test_parse_keeps_words_drops_stop_words_and_reads_a_minus_as_leave_out():
    terms = search.parse("De schulden van jongeren -bijstand e-mail")
    assert terms.include == ("schulden", "jongeren", "e", "mail")
    assert terms.exclude == ("bijstand",)


def test_parse_lets_no_operator_or_nul_byte_through():
    terms = search.parse("mantel\x00zorg ':* & | ! ( ) <-> \\ %_")
    assert terms.include == ("mantel", "zorg")
    assert search.parse("x" * 500 + " zorg").include == ("x" * 200,)


def test_parse_keeps_at_most_eight_words():
    assert len(search.parse(" ".join(f"woord{n}" for n in range(20))).include) == 8


@pytest.mark.parametrize(
    "word, expected",
    [
        ("schulden", "schuld"),
        ("hulpverlening", "hulpverlen"),
        ("wachtlijsten", "wachtlijst"),
        ("zorg", "zorg"),  # four letters must remain
        ("zorgen", "zorg"),
        ("jeugd", "jeugd"),
    ],
)
def test_stem_strips_dutch_endings(word, expected):
    assert search.stem(word) == expected


def test_score_title_before_summary_before_text_and_a_word_start_before_a_part():
    terms = search.parse("schulden")
    in_title = search.score(terms, title="Schulden", summary="", text="")
    in_summary = search.score(terms, title="", summary="Schulden", text="")
    in_text = search.score(terms, title="", summary="", text="<p>schulden</p>")
    part = search.score(terms, title="Vroegsignalering van betalingsschulden", summary="", text="")
    assert in_title > in_summary > in_text > 0
    assert in_title > part > 0
    assert search.score(terms, title="Mantelzorg", summary="", text="") == 0


def test_score_needs_every_word_and_none_of_the_excluded():
    both = search.parse("schulden jongeren")
    assert search.score(both, title="Schulden", summary="", text="") == 0
    assert search.score(both, title="Schulden bij jongeren", summary="", text="") > 0
    minus = search.parse("schulden -jongeren")
    assert search.score(minus, title="Schulden bij jongeren", summary="", text="") == 0


# --- through the list, on both backends -------------------------------------------------------


@pytest.mark.django_db
def test_schulden_finds_schuldhulpverlening(client):
    published_advice(title="Advies over schuldhulpverlening", summary="Sneller helpen.")
    published_advice(title="Advies over mantelzorg", summary="Ondersteun mantelzorgers.")
    body = client.get(LIST, {"q": "schulden"}).content.decode()
    assert "Advies over schuldhulpverlening" in body
    assert "Advies over mantelzorg" not in body
    assert "1 advies gevonden" in body


@pytest.mark.django_db
def test_a_part_of_a_compound_word_finds_it():
    published_advice(title="Schuldhulpverlening", summary="", final_text="")
    assert _titles("hulpverlening") == ["Schuldhulpverlening"]
    assert _titles("verlening") == ["Schuldhulpverlening"]


@pytest.mark.django_db
def test_search_reads_title_summary_and_text():
    published_advice(title="Eerste", summary="Over de stadspas.", final_text="")
    published_advice(title="Tweede", summary="", final_text="<p>De stadspassen raken op.</p>")
    published_advice(title="Derde", summary="Iets anders.", final_text="<p>Niets.</p>")
    assert set(_titles("stadspas")) == {"Eerste", "Tweede"}


@pytest.mark.django_db
def test_results_are_ranked_title_first():
    published_advice(title="Iets over werk", summary="", final_text="<p>Over schulden.</p>")
    published_advice(title="Schulden van jongeren", summary="", final_text="")
    published_advice(title="Nog iets", summary="Schulden en werk.", final_text="")
    assert _titles("schulden") == ["Schulden van jongeren", "Nog iets", "Iets over werk"]


@pytest.mark.django_db
def test_a_minus_leaves_out_and_every_word_must_match():
    published_advice(title="Schulden bij jongeren", summary="", final_text="")
    published_advice(title="Schulden bij ouderen", summary="", final_text="")
    assert _titles("schulden -jongeren") == ["Schulden bij ouderen"]
    assert _titles("schulden ouderen") == ["Schulden bij ouderen"]


@pytest.mark.django_db
def test_search_never_finds_what_is_not_published():
    AdviceFactory(title="Concept over schuldhulpverlening")
    published_advice(title="Schulden", is_public=False)
    assert _titles("schulden") == []


@pytest.mark.django_db
def test_only_stop_words_find_nothing(client):
    published_advice(title="De stad en de wijk")
    assert client.get(LIST, {"q": "de en"}).status_code == 200
    assert _titles("de en") == []


# --- PostgreSQL's own path ---------------------------------------------------------------------


HOSTILE = [
    "\x00",
    "schuld\x00en",
    "':*",
    "schulden:*",
    "a & b | !c",
    "<-> <2>",
    "((((",
    "\\",
    "' OR 1=1 --",
    "%_%",
    "-",
    "--schulden",
    "😀 schulden",
    "ß ÿ ĳ",
    "x" * 300,
    " ".join(["schulden"] * 100),
]


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_search_text_is_never_an_error(client, q):
    published_advice(title="Schuldhulpverlening")
    response = client.get(LIST, {"q": q})
    assert response.status_code == 200
    # and straight through the selector, past the form's own checks
    list(selectors.advice_public_list(q=q))


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_compound_search_uses_the_trigram_index():
    one = published_advice(title="Schuldhulpverlening")
    Advice.objects.bulk_create(
        Advice(
            title=f"Advies over armoede {i}",
            slug=f"armoede-{i}",
            reference=f"AR-TRGM-{i}",
            origin=one.origin,
            kind=one.kind,
            domain=one.domain,
            status=Advice.Status.PUBLISHED,
            is_public=True,
            published_at=one.published_at,
            final_text="<p>Een langere tekst over werk en inkomen.</p>",
        )
        for i in range(6000)
    )
    sql, params = selectors.advice_public_list(q="hulpverlening").query.sql_with_params()
    with connection.cursor() as cur:
        # what autovacuum does: move the new rows from GIN's pending lists into the indexes
        cur.execute("SELECT gin_clean_pending_list('advice_search_vector_gin')")
        cur.execute("SELECT gin_clean_pending_list('advice_search_text_trgm')")
        cur.execute("ANALYZE adviezen_advice")
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "advice_search_text_trgm" in plan and "advice_search_vector_gin" in plan, plan
    assert _titles("hulpverlening") == ["Schuldhulpverlening"]
