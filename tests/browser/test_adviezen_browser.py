# ruff: noqa: F811 - the fixtures imported from the app's conftest are used as arguments
"""A member votes in Chromium (htmx); axe-core on the public pages and the voting page."""

import pytest

from adviezen import services
from tests.adviezen.conftest import roles_ready, written_deadline  # noqa: F401 - a fixture
from tests.conftest import axe_violations, browser_login
from tests.factories.adviezen import college_response, published_advice

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def ballot(roles_ready, chair, member, other_member, secretary):
    from members.models import CouncilSettings
    from tests.adviezen.conftest import ensure_roles
    from tests.factories.members import TermFactory

    ensure_roles()
    CouncilSettings.objects.get_or_create(pk=1)
    for p in (chair, member, other_member):
        TermFactory(member=p)
    advice = services.advice_create(
        by=secretary,
        title="Stadspas voor iedereen",
        origin="unsolicited",
        kind="formal",
        domain="inkomen",
    )
    services.advice_transition(advice=advice, by=secretary, to="preparation")
    services.advice_version_add(
        advice=advice, by=member, text="Wij adviseren de stadspas te verruimen."
    )
    return services.ballot_open(advice=advice, by=chair, deadline=written_deadline())


def test_member_votes_and_changes_vote_with_htmx(page, ballot, member):
    from adviezen.models import Vote

    browser_login(page, member)
    page.goto(f"/intern/adviezen/{ballot.advice_id}/stemming/{ballot.pk}/")
    assert axe_violations(page) == []
    page.get_by_label("voor").check()
    page.get_by_role("button", name="Stem uitbrengen").click()
    page.get_by_text("Je stem is opgeslagen.").wait_for()
    assert Vote.objects.get(ballot=ballot, member=member).choice == "yes"
    page.get_by_label("tegen").check()
    page.get_by_role("button", name="Stem uitbrengen").click()
    page.get_by_text("Je stemde: tegen").wait_for()
    assert Vote.objects.filter(ballot=ballot, member=member).count() == 1
    assert Vote.objects.get(ballot=ballot, member=member).choice == "against"
    page.screenshot(path="/tmp/adviezen-shots/vote.png", full_page=True)


def test_public_pages_are_axe_clean(page, db):
    advice = published_advice(title="Advies over de stadspas")
    college_response(advice)
    for url in ["/adviezen/", f"/adviezen/{advice.slug}/", "/signaal/", "/"]:
        page.goto(url)
        assert axe_violations(page) == [], url
    page.goto("/adviezen/")
    page.screenshot(path="/tmp/adviezen-shots/public-list.png", full_page=True)
