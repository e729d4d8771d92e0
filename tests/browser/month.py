"""Where each role's month begins (issue 13's journeys): a council with its chair, members and
their terms, a working group, the council's settings. Built with factories; everything after
this happens in the browser."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from members.models import CouncilSettings, User, WorkingGroup
from tests.conftest import browser_login
from tests.factories.members import MembershipFactory, TermFactory, WorkingGroupFactory


@dataclass
class Council:
    secretary: User
    chair: User
    member: User
    others: list[User] = field(default_factory=list)
    treasurer: User | None = None
    group: WorkingGroup | None = None

    @property
    def voters(self) -> list[User]:
        return [self.chair, self.member, *self.others]


def start_of_month(*, secretary, chair, member, others=(), treasurer=None) -> Council:
    """The council as it is on the first day of the month: terms running, one working group
    (werk en inkomen) with the member in it, the college's addresses set, no second factor."""
    today = timezone.localdate()
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.college_email = "college@gemeente.example"
    cs.advisors_email = "adviseurs@gemeente.example"
    cs.second_factor_required = False
    cs.save()
    TermFactory(member=chair, role="chair", start=today - datetime.timedelta(days=400))
    TermFactory(member=member, start=today - datetime.timedelta(days=300))
    for person in others:
        TermFactory(member=person, start=today - datetime.timedelta(days=200))
    if treasurer is not None:
        TermFactory(member=treasurer, start=today - datetime.timedelta(days=500))
    group = WorkingGroupFactory(name="Werkgroep Werk en Inkomen", domain="werk")
    MembershipFactory(group=group, member=member)
    return Council(
        secretary=secretary,
        chair=chair,
        member=member,
        others=list(others),
        treasurer=treasurer,
        group=group,
    )


def log_in_as(page, person) -> None:
    """A fresh session for ``person`` in the same browser tab."""
    page.context.clear_cookies()
    browser_login(page, person)


def go(page, name: str) -> None:
    """Click ``name`` in the main navigation (as a person finds a section)."""
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    nav.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def flash(page) -> str:
    """The text of the messages at the top of the page."""
    return " ".join(page.locator(".alert").all_inner_texts())


def open_pdf(page, link) -> bytes:
    """Follow a link to a PDF the browser shows inline (as a person clicking it would get it)
    and return its bytes; it must be a PDF."""
    response = page.request.get(link.get_attribute("href"))
    assert response.ok, (link.get_attribute("href"), response.status)
    body = response.body()
    assert body.startswith(b"%PDF"), body[:100]
    return body


def choose(select, text: str) -> None:
    """Pick the option of ``select`` whose visible text contains ``text``."""
    option = select.locator("option", has_text=text).first
    select.select_option(option.get_attribute("value"))
