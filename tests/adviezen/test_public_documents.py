"""The complete public advice page (issue 13, item 13; issue 17, item 1): the college's request
letter where the council publishes requests, the advice, the college's response document,
the response's due date and its overdue status. Every document URL is tried anonymously on
published, unpublished and confidential advices."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from adviezen import publication
from adviezen.models import Advice
from members.forms import CouncilSettingsForm
from members.models import CouncilSettings
from members.selectors import council_settings_get
from members.services import council_settings_update
from tests.factories.adviezen import college_response, published_advice

pytestmark = pytest.mark.django_db

REQUEST_PDF = b"%PDF-1.4\n% adviesaanvraag van het college\n%%EOF\n"
RESPONSE_PDF = b"%PDF-1.4\n% reactie van het college\n%%EOF\n"
DOCUMENT_URLS = ("detail", "pdf", "request_document", "response_document")


def _with_documents(**kwargs) -> Advice:
    advice = published_advice(origin=Advice.Origin.REQUESTED, **kwargs)
    advice.request_document.save("aanvraag.pdf", ContentFile(REQUEST_PDF), save=True)
    response = college_response(advice)
    response.document.save("reactie.pdf", ContentFile(RESPONSE_PDF), save=True)
    return advice


def _url(name, advice):
    return reverse(f"adviezen_public:{name}", args=[advice.slug])


@pytest.fixture
def _publish_requests(django_capture_on_commit_callbacks):
    def change(on: bool, secretary):
        with django_capture_on_commit_callbacks(execute=True):
            council_settings_get()  # the row, as the settings page has it
            council_settings_update(by=secretary, data={"publish_requests": on})

    return change


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_setting_is_off_by_default():
    assert council_settings_get().publish_requests is False
    assert publication.requests_published() is False


def test_published_advice_offers_its_letter_and_response_but_not_the_request_by_default(
    client,
):
    advice = _with_documents(title="Advies over schuldhulpverlening")
    page = client.get(_url("detail", advice)).content.decode()
    assert _url("pdf", advice) in page
    assert _url("response_document", advice) in page
    assert _url("request_document", advice) not in page
    response = client.get(_url("response_document", advice))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{advice.reference}-reactie.pdf" in response["Content-Disposition"]
    assert _body(response) == RESPONSE_PDF
    assert client.get(_url("request_document", advice)).status_code == 404
    letter = client.get(_url("pdf", advice))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_the_council_setting_publishes_the_request_letter(client, secretary, _publish_requests):
    advice = _with_documents()
    client.get(_url("detail", advice))  # cached before the change
    _publish_requests(True, secretary)
    page = client.get(_url("detail", advice)).content.decode()
    assert _url("request_document", advice) in page
    response = client.get(_url("request_document", advice))
    assert response.status_code == 200 and _body(response) == REQUEST_PDF
    assert f"{advice.reference}-adviesaanvraag.pdf" in response["Content-Disposition"]
    _publish_requests(False, secretary)
    assert client.get(_url("request_document", advice)).status_code == 404
    assert (
        _url("request_document", advice) not in client.get(_url("detail", advice)).content.decode()
    )


@pytest.mark.parametrize(
    "state",
    [
        {"status": Advice.Status.SENT, "is_public": False, "published_at": None},  # unpublished
        {"status": Advice.Status.SENT, "is_public": True, "published_at": None},
        {"is_public": False},  # published, but confidential
        {"status": Advice.Status.APPROVED},
    ],
)
def test_no_document_of_an_advice_that_is_not_public_is_served(
    client, secretary, state, _publish_requests
):
    _publish_requests(True, secretary)
    advice = _with_documents(**state)
    for name in DOCUMENT_URLS:
        assert client.get(_url(name, advice)).status_code == 404, name


def test_no_response_document_before_the_college_sent_one(client):
    advice = published_advice()
    assert client.get(_url("response_document", advice)).status_code == 404
    college_response(advice)  # registered without a document
    assert client.get(_url("response_document", advice)).status_code == 404
    assert client.get(_url("request_document", advice)).status_code == 404


def test_an_unknown_advice_has_no_documents(client):
    for name in DOCUMENT_URLS:
        response = client.get(reverse(f"adviezen_public:{name}", args=["bestaat-niet"]))
        assert response.status_code == 404


def _sent_days_ago(days: int) -> Advice:
    sent = timezone.now() - datetime.timedelta(days=days)
    return published_advice(title="Advies over vervoer", sent_at=sent)


def test_the_due_date_is_shown_and_overdue_only_after_it_passes(client):
    # the council's term is six weeks (42 days): on the due date itself it is not late yet
    on_time = _sent_days_ago(42)
    page = client.get(_url("detail", on_time)).content.decode()
    due = timezone.localdate()
    assert "Reactie college verwacht" in page and f"{due:%Y}" in page
    assert "Termijn verstreken" not in page
    late = _sent_days_ago(43)
    page = client.get(_url("detail", late)).content.decode()
    assert "Termijn verstreken" in page


def test_the_due_date_follows_the_council_setting(client):
    advice = _sent_days_ago(43)
    assert "Termijn verstreken" in client.get(_url("detail", advice)).content.decode()
    CouncilSettings.objects.update_or_create(pk=1, defaults={"response_deadline_weeks": 7})
    status = publication.public_response_status(advice, today=timezone.localdate())
    assert status.overdue is False
    assert status.due_on == timezone.localdate(advice.sent_at) + datetime.timedelta(weeks=7)


def test_an_answered_advice_is_not_overdue(client):
    advice = _sent_days_ago(100)
    college_response(advice)
    page = client.get(_url("detail", advice)).content.decode()
    assert "Termijn verstreken" not in page and "Reactie college verwacht" not in page


@pytest.mark.parametrize("answered", [True, False])
def test_the_detail_page_query_count_is_pinned(
    client, council, django_assert_num_queries, answered
):
    """Pinned: the advice with its response, the council settings (base template); an
    unanswered advice reads the response term (council settings once more); an advice with a
    request letter reads the council settings for the publication choice."""
    advice = _with_documents() if answered else _sent_days_ago(10)
    if not answered:
        advice.request_document.save("aanvraag.pdf", ContentFile(REQUEST_PDF), save=True)
    from adviesraad.pagecache import forget_public_pages

    forget_public_pages()
    with django_assert_num_queries(3 if answered else 4):
        assert client.get(_url("detail", advice)).status_code == 200


def test_the_secretary_changes_the_setting_under_council_settings_and_a_member_may_not(
    client, secretary, member
):
    url = reverse("members:settings")
    current = council_settings_get()
    data = {f: getattr(current, f) for f in CouncilSettingsForm.Meta.fields}
    data = {k: v for k, v in data.items() if v not in (None, False)} | {"publish_requests": "on"}
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert publication.requests_published() is False
    client.force_login(secretary)
    assert "adviesaanvragen van het college publiceren" in client.get(url).content.decode().lower()
    assert client.post(url, data).status_code == 302
    assert publication.requests_published() is True
