"""Public meeting pages kept per process under the meetings' public version: a change shows at
once, a rolled-back change raises nothing, unknown meetings stay 404."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from meetings import selectors, services
from meetings.models import AgendaItem
from tests.factories.meetings import AgendaItemFactory, MeetingFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    selectors._public_values.clear()
    yield
    selectors._public_values.clear()


def _meeting_queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), [
        q["sql"] for q in ctx.captured_queries if "meetings_" in q["sql"]
    ]


def test_list_detail_and_home_are_rendered_once_per_version(client, member):
    meeting = MeetingFactory(title="Plenaire vergadering maart")
    AgendaItemFactory(meeting=meeting, title="Armoedebeleid")
    client.force_login(member)
    for path in ("/vergaderingen/", f"/vergaderingen/{meeting.pk}/", "/"):
        first, first_queries = _meeting_queries(client, path)
        second, second_queries = _meeting_queries(client, path)
        assert first_queries and not second_queries, path
        assert "Plenaire vergadering maart" in second, path


def test_a_change_through_a_service_shows_at_once(
    client, secretary, django_capture_on_commit_callbacks
):
    client.cookies["messages"] = "x"  # past the anonymous page cache: the kept body only
    meeting = MeetingFactory()
    path = f"/vergaderingen/{meeting.pk}/"
    client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_add(
            meeting=meeting, by=secretary, title="Wachttijden schuldhulp", section="other"
        )
    assert "Wachttijden schuldhulp" in client.get(path).content.decode()


def test_a_reorder_without_post_save_shows_at_once(
    client, secretary, django_capture_on_commit_callbacks
):
    client.cookies["messages"] = "x"
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = AgendaItemFactory(meeting=meeting, title="Eerste punt", position=0)
        second = AgendaItemFactory(meeting=meeting, title="Tweede punt", position=1)
    path = f"/vergaderingen/{meeting.pk}/"
    before = client.get(path).content.decode()
    assert before.index("Eerste punt") < before.index("Tweede punt")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_reorder(
            meeting=meeting,
            by=secretary,
            section=AgendaItem.Section.OTHER,
            ids=[second.pk, first.pk],
        )
    after = client.get(path).content.decode()
    assert after.index("Tweede punt") < after.index("Eerste punt")


def test_a_new_public_meeting_reaches_the_home_page_at_once(
    client, django_capture_on_commit_callbacks
):
    client.cookies["messages"] = "x"  # past the anonymous page cache
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(title="Extra vergadering jeugd", start=at(3))
    assert "Extra vergadering jeugd" in client.get("/").content.decode()


def test_a_rolled_back_change_raises_no_version(django_capture_on_commit_callbacks):
    version = selectors.public_version()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            MeetingFactory()
            raise RuntimeError
    assert selectors.public_version() == version
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory()
    assert selectors.public_version() > version


def test_an_unknown_or_private_meeting_stays_not_found(client):
    client.cookies["messages"] = "x"
    private = MeetingFactory(is_public=False)
    assert client.get(f"/vergaderingen/{private.pk}/").status_code == 404
    assert client.get("/vergaderingen/999999/").status_code == 404
    private.is_public = True
    private.save()
    assert client.get(f"/vergaderingen/{private.pk}/").status_code == 200
