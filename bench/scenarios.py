"""The measured pages, built from the seeded data set's marker (``bench.seed``)."""

from __future__ import annotations

from dataclasses import dataclass

# Anonymous requests that carry a ``messages`` cookie bypass the anonymous page cache
# (adviesraad.middleware.AnonymousPageCacheMiddleware), so uncached pages are measured honestly
# ("public": what a member or a visitor with a session gets; /adviezen/ then still answers from
# its per-process results cache); the "cached" scenarios measure what an anonymous visitor
# normally gets, the "cold" ones a page rendered from scratch on every request.
NO_PAGE_CACHE = {"messages": "bench"}


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    kind: str  # floor, public, cached, cold, internal
    user: str | None = None  # key of the logged-in demo user
    cookies: tuple[tuple[str, str], ...] = ()
    unique: bool = False  # a new query string per request (bench/report.lua): no cache hits


def scenarios(marker: dict) -> list[Scenario]:
    m = marker
    nocache = tuple(NO_PAGE_CACHE.items())
    year, domain = m["filter_year"], m["filter_domain"]
    return [
        Scenario("floor", "/__floor__/", "floor"),
        Scenario("home", "/", "public", cookies=nocache),
        Scenario("home_cached", "/", "cached"),
        Scenario("adviezen", "/adviezen/", "public", cookies=nocache),
        Scenario(
            "adviezen_filtered",
            f"/adviezen/?year={year}&domain={domain}",
            "public",
            cookies=nocache,
        ),
        Scenario("adviezen_search", f"/adviezen/?q={m['search']}", "public", cookies=nocache),
        Scenario("adviezen_cached", "/adviezen/", "cached"),
        # every request a cache miss: what the first visitor after a publication pays
        Scenario("adviezen_cold", "/adviezen/", "cold", cookies=nocache, unique=True),
        Scenario(
            "adviezen_search_cold",
            f"/adviezen/?q={m['search']}",
            "cold",
            cookies=nocache,
            unique=True,
        ),
        Scenario("advice_detail", f"/adviezen/{m['advice_slug']}/", "public", cookies=nocache),
        Scenario("meetings", "/vergaderingen/", "public", cookies=nocache),
        Scenario("meetings_cached", "/vergaderingen/", "cached"),
        Scenario(
            "agenda_public",
            f"/vergaderingen/{m['public_meeting_id']}/",
            "public",
            cookies=nocache,
        ),
        Scenario("feed", "/adviezen/feed/", "public", cookies=nocache),
        Scenario("dashboard", "/dashboard/", "internal", user="secretaris"),
        Scenario(
            "agenda_builder",
            f"/intern/vergaderingen/{m['builder_meeting_id']}/",
            "internal",
            user="secretaris",
        ),
        Scenario(
            "budget", f"/intern/begroting/jaren/{m['budget_year']}/", "internal", user="secretaris"
        ),
    ]
