"""The pure parts of the public search (``adviezen.search``): how a search text is read into
words, how a word loses its Dutch ending, and the exact weights of a match (title 3, summary 2,
text 1; a word start counts whole, a part of a compound word half)."""

import pytest

from adviezen import search


def test_a_minus_at_the_very_start_leaves_the_word_out():
    terms = search.parse("-jongeren schulden")
    assert (terms.include, terms.exclude) == (("schulden",), ("jongeren",))


def test_a_minus_inside_a_word_is_not_a_leave_out():
    assert search.parse("e-mail").exclude == ()
    assert search.parse("zorg -jongeren").exclude == ("jongeren",)


def test_or_is_no_search_word():
    assert search.parse("zorg or werk OR wonen").include == ("zorg", "werk", "wonen")


def test_words_left_out_count_towards_the_eight():
    q = " ".join(f"-weg{n}" for n in range(4)) + " " + " ".join(f"woord{n}" for n in range(8))
    terms = search.parse(q)
    assert terms.exclude == ("weg0", "weg1", "weg2", "weg3")
    assert terms.include == ("woord0", "woord1", "woord2", "woord3")


def test_no_search_text_has_no_words():
    assert not search.parse(None)
    assert not search.parse("")
    assert search.parse("-zorg")  # a word to leave out is something to search for


@pytest.mark.parametrize(
    "word, expected",
    [("huis", "huis"), ("kaas", "kaas"), ("zorgen", "zorg"), ("regels", "regel")],
)
def test_an_ending_is_stripped_only_when_four_letters_remain(word, expected):
    assert search.stem(word) == expected


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"title": "Schulden"}, 3.0),
        ({"summary": "Schulden"}, 2.0),
        ({"text": "<p>schulden</p>"}, 1.0),
        ({"title": "Betalingsschulden"}, 1.5),
        ({"summary": "Betalingsschulden"}, 1.0),
        ({"text": "betalingsschulden"}, 0.5),
        ({"title": "Schulden", "summary": "schuld", "text": "Schuldhulp"}, 6.0),
    ],
)
def test_a_match_weighs_by_field_and_whether_it_starts_a_word(fields, expected):
    terms = search.parse("schulden")
    assert search.score(terms, **{"title": "", "summary": "", "text": "", **fields}) == expected


def test_the_weights_of_every_word_add_up():
    terms = search.parse("schulden jongeren")
    assert search.score(terms, title="Schulden", summary="jongeren", text="") == 5.0


def test_with_only_words_to_leave_out_every_other_advice_weighs_one():
    terms = search.parse("-jongeren")
    assert search.score(terms, title="Werk", summary="", text="") == 1.0
    assert search.score(terms, title="Werk voor jongeren", summary="", text="") == 0.0


def test_an_empty_field_matches_nothing():
    terms = search.parse("xxxx")
    assert search.score(terms, title=None, summary=None, text=None) == 0.0
    assert search.score(search.parse("-xxxx"), title=None, summary=None, text=None) == 1.0
