import re

import pytest
from playwright.sync_api import expect

from meetings import selectors
from tests.conftest import axe_violations, browser_login
from tests.factories.meetings import AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _titles(page):
    return page.locator('#agenda [data-section="other"] .item-title').all_inner_texts()


@pytest.fixture
def agenda():
    m = MeetingFactory(title="Plenaire vergadering april")
    for t in ["Alfa", "Bravo", "Charlie"]:
        AgendaItemFactory(meeting=m, title=t, section="other")
    return m


def test_reorder_by_keyboard_and_drag_survives_reload(page, secretary, agenda):
    browser_login(page, secretary)
    page.goto(f"/intern/vergaderingen/{agenda.pk}/")
    assert [t.split(". ", 1)[1] for t in _titles(page)] == ["Alfa", "Bravo", "Charlie"]
    assert axe_violations(page) == []

    # keyboard: focus Charlie's "omhoog" button and press Enter
    up = page.get_by_role("button", name="Charlie omhoog")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-status")).to_contain_text("omhoog verplaatst")
    assert [t.split(". ", 1)[1] for t in _titles(page)] == ["Alfa", "Charlie", "Bravo"]
    # focus stays on the moved item's button
    expect(page.get_by_role("button", name="Charlie omhoog")).to_be_focused()

    # drag Bravo (last) above Alfa (first)
    page.set_viewport_size({"width": 1280, "height": 1400})
    handles = page.locator('#agenda [data-section="other"] .drag-handle')
    handles.nth(0).scroll_into_view_if_needed()
    src = handles.nth(2).bounding_box()
    dst = handles.nth(0).bounding_box()
    page.mouse.move(src["x"] + src["width"] / 2, src["y"] + src["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(
            src["x"] + src["width"] / 2,
            src["y"] + (dst["y"] - src["y"]) * step / 10 - 2,
        )
        page.wait_for_timeout(20)  # let SortableJS see each move; not an assertion
    page.mouse.up()
    expect(page.locator("#agenda-status")).to_contain_text("volgorde is opgeslagen")
    expected = ["Bravo", "Alfa", "Charlie"]
    page.reload()
    assert [t.split(". ", 1)[1] for t in _titles(page)] == expected
    assert [i.title for i in selectors.agenda_items_ordered(agenda)] == expected
    page.screenshot(path="/tmp/meetings-shots/builder.png", full_page=True)


def test_public_pages_are_axe_clean(page, agenda):
    page.goto("/vergaderingen/")
    assert axe_violations(page) == []
    page.goto(f"/vergaderingen/{agenda.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == agenda.title
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/meetings-shots/public.png", full_page=True)


def test_delete_item_with_htmx_from_the_single_item_form(page, secretary, agenda):
    browser_login(page, secretary)
    page.goto(f"/intern/vergaderingen/{agenda.pk}/")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=re.compile(r"^Verwijderen\s*: Bravo$")).click()
    expect(page.locator("#agenda-status")).to_contain_text("is verwijderd")
    assert [t.split(". ", 1)[1] for t in _titles(page)] == ["Alfa", "Charlie"]
    page.reload()
    assert [t.split(". ", 1)[1] for t in _titles(page)] == ["Alfa", "Charlie"]
