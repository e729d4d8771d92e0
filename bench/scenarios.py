"""The measured pages, built from the seeded data set's marker (``bench.seed``).

Kinds (each with its target in ``bench/run.py``):

- ``floor``: a fixed page through the same stack; every other row is judged against it.
- ``cold``: a public page rendered from scratch on every request. Each request gets its own
  query string (``bench/report.lua``), and the page cache never keeps a page with a query
  string (``adviesraad.pagecache``), so nothing can answer it but the render path: what the
  first visitor after a change pays, and what every filtered, searched or paged list costs.
- ``search``: ``/adviezen/?q=`` cold, with its own (lower) target.
- ``cached``: what anonymous visitors get from the page cache.
- ``internal`` and ``builder``: logged-in pages (never cached).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    kind: str  # floor, cold, search, cached, internal, builder
    user: str | None = None  # key of the logged-in demo user
    cookies: tuple[tuple[str, str], ...] = ()

    @property
    def unique(self) -> bool:
        """A new query string per request (bench/report.lua): no cache can answer."""
        return self.kind in ("cold", "search")


def scenarios(marker: dict) -> list[Scenario]:
    m = marker
    year, domain = m["filter_year"], m["filter_domain"]
    detail = f"/adviezen/{m['advice_slug']}/"
    agenda = f"/vergaderingen/{m['public_meeting_id']}/"
    return [
        Scenario("floor", "/__floor__/", "floor"),
        # every public page, rendered cold
        Scenario("home_cold", "/", "cold"),
        Scenario("adviezen_cold", "/adviezen/", "cold"),
        Scenario("adviezen_filtered_cold", f"/adviezen/?year={year}&domain={domain}", "cold"),
        Scenario("adviezen_page_5_cold", "/adviezen/?page=5", "cold"),
        Scenario("advice_detail_cold", detail, "cold"),
        Scenario("feed_cold", "/adviezen/feed/", "cold"),
        Scenario("meetings_cold", "/vergaderingen/", "cold"),
        Scenario("agenda_public_cold", agenda, "cold"),
        Scenario("publications_cold", "/publicaties/", "cold"),
        Scenario("adviezen_search_cold", f"/adviezen/?q={m['search']}", "search"),
        # anonymous visitors through the page cache
        Scenario("home_cached", "/", "cached"),
        Scenario("adviezen_cached", "/adviezen/", "cached"),
        Scenario("advice_detail_cached", detail, "cached"),
        Scenario("meetings_cached", "/vergaderingen/", "cached"),
        Scenario("agenda_public_cached", agenda, "cached"),
        # logged in
        Scenario("dashboard", "/dashboard/", "internal", user="secretaris"),
        Scenario(
            "budget", f"/intern/begroting/jaren/{m['budget_year']}/", "internal", user="secretaris"
        ),
        Scenario(
            "declaration_detail",
            f"/intern/begroting/declaraties/{m['three_receipt_declaration_id']}/",
            "internal",
            user="penningmeester",
        ),
        Scenario(
            "advice_with_open_ballot",
            f"/intern/adviezen/{m['ballot_advice_id']}/",
            "internal",
            user="lid",
        ),
        Scenario(
            "agenda_builder",
            f"/intern/vergaderingen/{m['builder_meeting_id']}/",
            "builder",
            user="secretaris",
        ),
    ]
