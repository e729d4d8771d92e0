"""The checks every page a browser test visits passes (issue 13): axe-core finds no serious or
critical WCAG 2.1 AA violation, no id occurs twice, and the page does not scroll sideways at
375 px (a phone) nor at 1280 px (a laptop). A screenshot at each width goes to
``/tmp/shots-<prefix>-<name>-<width>.png`` to look at by hand (never committed)."""

from __future__ import annotations

from tests.conftest import axe_violations

WIDTHS = (1280, 375)
SHOTS = "/tmp/shots-journeys"

DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}"""
SIDEWAYS = """() => document.documentElement.scrollWidth
    > document.documentElement.clientWidth + 1"""


def layout_problems(page) -> dict:
    """Duplicate ids, and whether the page scrolls sideways at the current width."""
    return {
        "duplicate_ids": page.evaluate(DUPLICATE_IDS),
        "sideways": page.evaluate(SIDEWAYS),
    }


def check_page(page, name: str, *, axe: bool = True, shots: str = SHOTS) -> None:
    """Assert the checks on the current page at 1280 and 375 px, with a screenshot at each.

    The viewport is back at 1280 px afterwards, so the test goes on as before."""
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{shots}-{name}-{width}.png", full_page=True)
            problems = layout_problems(page)
            assert problems == {"duplicate_ids": [], "sideways": False}, (name, width, problems)
            if axe:
                violations = axe_violations(page)
                assert violations == [], (name, width, violations)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
