"""Public search of the published advices (``/adviezen/?q=``, issue 13, item 12).

A resident types ordinary Dutch words. Search looks at title, summary and text, finds Dutch
word forms ("schulden" finds "schuld") and parts of compound words ("schulden" and
"hulpverlening" both find "Schuldhulpverlening"), and ranks the results: a match in the title
before one in the summary before one in the text, newest first among equals. A word with a
minus in front (``-jongeren``) leaves out the advices that have it.

* PostgreSQL: the stored Dutch vector (``search_vector``, title A, summary B, text C; migration
  0004) matched with a prefix query of each word's Dutch stem (``to_tsquery('dutch',
  'schulden:*')`` is ``'schuld':*``, which matches ``schuldhulpverlen``), ranked with
  ``SearchRank``; OR the lower-cased title, summary and text contain each word's stem (a part of
  a compound word), through a pg_trgm index on that expression (migration
  0008_public_pages). Both sides use a GIN index: nothing is computed per row.
* SQLite (development): the same stems matched as substrings in the database, at most
  ``CANDIDATES`` advices, ranked in Python by :func:`score`.

Only letters and digits of the search text reach a query (as parameters): ``q=%00``, quotes,
tsquery operators and the like cannot cause an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Expression, F, FloatField, Q, QuerySet, Value, When

from .models import Advice

MAX_TERMS = 8
MIN_PART = 4  # a shorter stem is not looked for inside compound words (too many false hits)
CANDIDATES = 200  # SQLite: the most advices ranked in Python

# Words that say nothing about the subject (a short part of PostgreSQL's Dutch stop list).
STOP_WORDS = frozenset(
    "de het een en of van in op te voor met aan bij over om is zijn was er die dat dit deze "
    "als ook naar niet wat wie hoe waar wel nog maar dan door uit tot onder na tegen".split()
)
# Dutch endings stripped to find a word's other forms inside compounds, longest first.
SUFFIXES = ("ingen", "heden", "ing", "en", "es", "s", "e")

_WORD = re.compile(r"(-?)([^\W_]+)")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Terms:
    include: tuple[str, ...]
    exclude: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)


def parse(q: str) -> Terms:
    """The words of a search text, lower-cased, without stop words, at most ``MAX_TERMS``;
    a word written ``-word`` (after a space or at the start) is one to leave out."""
    include: list[str] = []
    exclude: list[str] = []
    for match in _WORD.finditer((q or "")[:200]):
        minus, word = match.group(1), match.group(2).lower()
        start = match.start()
        excluded = bool(minus) and (start == 0 or q[start - 1].isspace())
        if word in STOP_WORDS or word == "or":
            continue
        target = exclude if excluded else include
        if word not in target and len(include) + len(exclude) < MAX_TERMS:
            target.append(word)
    return Terms(tuple(include), tuple(exclude))


def stem(word: str) -> str:
    """A word without its Dutch plural or verbal ending, as long as at least four letters
    remain ("schulden" -> "schuld", "hulpverlening" -> "hulpverlen", "zorg" -> "zorg")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_PART:
            return word[: -len(suffix)]
    return word


def _hits(part: str, text: str) -> float:
    """How well ``part`` occurs in ``text`` (lower-cased): 1 at the start of a word, 0.5
    inside a word (a compound), 0 not at all."""
    if not part or part not in text:
        return 0.0
    return 1.0 if re.search(r"(?<![^\W_])" + re.escape(part), text) else 0.5


def score(terms: Terms, *, title: str, summary: str, text: str) -> float:
    """The rank of one advice for ``terms`` (0: not found). Every included word must occur
    (as a word or a part of one) in title, summary or text; an excluded word must not.
    Title counts 3, summary 2, text 1; with excluded words only, every other advice is 1."""
    fields = [
        (3.0, (title or "").lower()),
        (2.0, (summary or "").lower()),
        (1.0, (text or "").lower()),
    ]
    for word in terms.exclude:
        if any(_hits(stem(word), value) for _, value in fields):
            return 0.0
    total = 0.0 if terms.include else 1.0
    for word in terms.include:
        found = sum(weight * _hits(stem(word), value) for weight, value in fields)
        if not found:
            return 0.0
        total += found
    return total


class StoredSearchVector(Expression):
    """``adviezen_advice.search_vector``: the PostgreSQL-only column of migration 0004 (not a
    model field, so Django never reads or writes it; a trigger keeps it current)."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return (
            f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('search_vector')}",
            [],
        )


# The expression of the trigram index of migration 0008; the query must use the same text.
SEARCH_TEXT_SQL = (
    "lower(coalesce({t}title, '') || ' ' || coalesce({t}summary, '') || ' ' "
    "|| coalesce({t}final_text, ''))"
)


class ContainsPart(Expression):
    """PostgreSQL: the lower-cased title, summary and text contain ``part`` (a LIKE that the
    trigram index ``advice_search_text_trgm`` answers). ``part`` holds letters and digits only."""

    conditional = True

    def __init__(self, part: str):
        from django.db.models import BooleanField

        super().__init__(output_field=BooleanField())
        self.part = part

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return SEARCH_TEXT_SQL.format(t=alias + ".") + " LIKE %s", [f"%{self.part}%"]


def _prefix_query(words: tuple[str, ...], joiner: str):
    from django.contrib.postgres.search import SearchQuery

    # words are letters and digits only (``parse``): safe in a raw tsquery
    return SearchQuery(joiner.join(f"{w}:*" for w in words), search_type="raw", config="dutch")


def _postgres(qs: QuerySet[Advice], terms: Terms) -> QuerySet[Advice]:
    from django.contrib.postgres.search import SearchRank

    qs = qs.alias(search=StoredSearchVector())
    for word in terms.exclude:
        qs = qs.exclude(Q(search=_prefix_query((word,), " & ")) | ContainsPart(stem(word)))
    if not terms.include:
        return qs.order_by("-published_at", "-pk")
    parts = [stem(w) for w in terms.include]
    match = Q(search=_prefix_query(terms.include, " & "))
    if all(len(p) >= MIN_PART for p in parts):
        compound = Q()
        for part in parts:
            compound &= ContainsPart(part)
        match |= compound
    title_bonus = [When(title__icontains=p, then=Value(0.5)) for p in parts]
    return (
        qs.filter(match)
        .annotate(
            rank=SearchRank(F("search"), _prefix_query(terms.include, " | "))
            + Case(*title_bonus, default=Value(0.0), output_field=FloatField())
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def _elsewhere(qs: QuerySet[Advice], terms: Terms) -> QuerySet[Advice]:
    candidates = qs
    for word in terms.include:
        part = stem(word)
        candidates = candidates.filter(
            Q(title__icontains=part) | Q(summary__icontains=part) | Q(final_text__icontains=part)
        )
    rows = candidates.order_by("-published_at", "-pk").values_list(
        "pk", "title", "summary", "final_text"
    )[:CANDIDATES]
    ranked = sorted(
        (
            (-found, position, pk)
            for position, (pk, title, summary, text) in enumerate(rows)
            if (found := score(terms, title=title, summary=summary, text=text))
        )
    )
    order = [pk for _, _, pk in ranked]
    return qs.filter(pk__in=order).order_by(
        Case(*[When(pk=pk, then=Value(n)) for n, pk in enumerate(order)], default=Value(0))
    )


def advice_search(qs: QuerySet[Advice], q: str) -> QuerySet[Advice]:
    """``qs`` narrowed to the advices that match ``q``, best first (see the module)."""
    terms = parse(q)
    if not terms:
        return qs.none()
    if is_postgres():
        return _postgres(qs, terms)
    return _elsewhere(qs, terms)
