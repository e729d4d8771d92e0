"""Phone width (issue 13, item 11): at 375 px no page scrolls sideways, for any role.

On the demo council (``seed_demo``) each role logs in through the form (the secretary, a
member, the treasurer, the chair) or stays anonymous, opens every page its navigation
offers, and from each of them the first detail pages it links to (a meeting, an advice, a
dossier, a declaration, a member, a working group, ...). On every page
``document.documentElement.scrollWidth <= innerWidth`` (a wide table scrolls inside its own
``.table-responsive``) and no id occurs twice.
"""

import re

import pytest
from django.core.management import call_command

from members.demo import DEMO_PASSWORD, LOGINS
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "secretary": LOGINS[0][0],
    "chair": LOGINS[1][0],
    "member": LOGINS[2][0],
    "treasurer": LOGINS[3][0],
    "anonymous": None,
}
# Downloads, feeds and anything that is not a page.
NOT_A_PAGE = re.compile(
    r"(\.pdf|\.ics|\.csv|\.xlsx|\.xml|/pdf/|/document|/download|/feed|/export|logout|/admin"
    r"|/adviesaanvraag/$|/reactie-college/$|/brief|ical|/bon/|/bijlage|/api/|#)"
)
DETAIL = re.compile(r"/\d+/|/adviezen/[a-z0-9-]+/$|/vacatures/[a-z0-9-]+/$")
DETAILS_PER_PAGE = 2

MEETING_PAGE = re.compile(r"^/intern/vergaderingen/\d+/$")

MEASURE = """() => {
    const ids = new Map();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
    return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        duplicates: [...ids].filter(([, n]) => n > 1).map(([id]) => id),
    };
}"""


def _links(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")


def _walk(page, start: str) -> tuple[list[str], list[tuple]]:
    """Every navigation page and the first detail pages they link to; what each measured."""
    page.goto(start)
    nav = _links(page, "header a[href^='/'], nav a[href^='/'], footer a[href^='/']")
    pages = list(dict.fromkeys([start, *(h for h in nav if not NOT_A_PAGE.search(h))]))
    details: list[str] = []
    seen: list[str] = []
    problems: list[tuple] = []

    def visit(url: str, collect: bool) -> None:
        seen.append(url)
        response = page.goto(url)
        assert response is not None and response.status < 400, (url, response and response.status)
        found = page.evaluate(MEASURE)
        duplicates = set(found["duplicates"])
        if found["scrollWidth"] > found["innerWidth"] or duplicates:
            problems.append((url, found["scrollWidth"], sorted(duplicates)))
        if collect:
            added = 0
            for href in _links(page, "main a[href^='/']"):
                if added == DETAILS_PER_PAGE:
                    break
                if NOT_A_PAGE.search(href) or not DETAIL.search(href):
                    continue
                if href in pages or href in details:
                    continue
                details.append(href)
                added += 1

    for url in pages:
        visit(url, collect=True)
    for url in details:
        visit(url, collect=False)
    return seen, problems


def test_no_page_scrolls_sideways_at_375_px_for_any_role(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    page.set_viewport_size({"width": 375, "height": 812})
    visited: dict[str, list[str]] = {}
    problems: dict[str, list[tuple]] = {}
    for role, email in ROLES.items():
        page.context.clear_cookies()
        if email:
            user = get_user_model().objects.get(email=email)
            browser_login(page, user, password=DEMO_PASSWORD)
            start = "/dashboard/"
        else:
            start = "/"
        seen, found = _walk(page, start)
        visited[role] = seen
        if found:
            problems[role] = found
    assert problems == {}, problems
    # every role saw its navigation and some detail pages
    assert all(len(urls) >= 8 for urls in visited.values()), visited
    assert any(re.search(r"/intern/begroting/declaraties/\d+/", u) for u in visited["member"])
    assert any(MEETING_PAGE.match(u) for u in visited["secretary"])
