"""Issue 13, defect 10: after the batch export, the treasurer marks its declarations as sent
to the municipality: a confirmation page says how many, each declaration moves through the
workflow (status history and audit), the export is audited once."""

import datetime

import pytest
from django.test import TestCase
from django.urls import reverse

from adviesraad.models import AuditEntry
from budget import rules, services
from budget.models import Declaration, DeclarationExport
from budget.services import BudgetError
from tests.budget.test_services import add_expense
from tests.factories.budget import receipt_pdf

pytestmark = pytest.mark.django_db


def test_the_rule_needs_a_finished_export_with_approved_declarations_left():
    assert rules.export_may_mark_sent(export_done=True, approved_left=1) is True
    assert rules.export_may_mark_sent(export_done=True, approved_left=0) is False
    assert rules.export_may_mark_sent(export_done=False, approved_left=3) is False


def _approved(claimant, secretary, treasurer, budget_year, description):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description=description
    )
    add_expense(d, claimant, "10.00", files=[receipt_pdf()])
    services.declaration_submit(declaration=d, by=claimant)
    services.declaration_check(declaration=d, by=secretary)
    services.declaration_approve(declaration=d, by=treasurer)
    return d


@pytest.fixture
def export(claimant, secretary, treasurer, budget_year):
    for name in ("Maart", "April"):
        _approved(claimant, secretary, treasurer, budget_year, name)
    today = datetime.date.today()
    with TestCase.captureOnCommitCallbacks(execute=True):
        export = services.declarations_export(start=today, end=today, by=treasurer)
    export.refresh_from_db()
    assert export.status == DeclarationExport.Status.DONE
    return export


def test_marking_sends_every_approved_declaration_through_the_workflow(export, treasurer):
    assert services.declaration_export_mark_sent(export=export, by=treasurer) == 2
    for d in export.declarations.all():
        assert d.status == Declaration.Status.SENT and d.sent_at is not None
        change = d.status_changes.latest("pk")
        assert (change.from_status, change.to_status, change.by_id) == (
            "approved",
            "sent",
            treasurer.pk,
        )
    assert AuditEntry.objects.filter(action="declaration.sent").count() == 2
    entry = AuditEntry.objects.get(action="declaration_export.marked_sent")
    assert entry.data["count"] == 2


def test_a_declaration_sent_already_stays_and_is_not_counted(export, treasurer):
    first = export.declarations.order_by("pk").first()
    services.declaration_mark_sent(declaration=first, by=treasurer)
    services.declaration_mark_paid(declaration=first, by=treasurer)
    assert services.declaration_export_mark_sent(export=export, by=treasurer) == 1
    first.refresh_from_db()
    assert first.status == Declaration.Status.PAID


def test_nothing_left_to_mark_is_refused(export, treasurer):
    services.declaration_export_mark_sent(export=export, by=treasurer)
    with pytest.raises(BudgetError):
        services.declaration_export_mark_sent(export=export, by=treasurer)


def test_an_unfinished_export_cannot_be_marked(export, treasurer):
    DeclarationExport.objects.filter(pk=export.pk).update(status=DeclarationExport.Status.RUNNING)
    with pytest.raises(BudgetError):
        services.declaration_export_mark_sent(export=export, by=treasurer)
    assert not Declaration.objects.filter(status=Declaration.Status.SENT).exists()


def test_only_the_treasurer_marks(client, export, secretary):
    with pytest.raises(BudgetError):
        services.declaration_export_mark_sent(export=export, by=secretary)
    client.force_login(secretary)
    url = reverse("budget:export_mark_sent", args=[export.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Declaration.objects.filter(status=Declaration.Status.SENT).exists()


def test_the_confirmation_says_how_many_and_changes_nothing_until_confirmed(
    client, export, treasurer
):
    client.force_login(treasurer)
    detail = client.get(reverse("budget:export_detail", args=[export.pk])).content.decode()
    url = reverse("budget:export_mark_sent", args=[export.pk])
    assert url in detail and "0 van 2 declaraties staan op" in detail
    page = client.get(url).content.decode()
    assert "Je markeert 2 declaraties van deze export als verstuurd naar de gemeente" in page
    assert "€\u00a020,00" in page and "Ja, 2 declaraties als verstuurd markeren" in page
    assert not Declaration.objects.filter(status=Declaration.Status.SENT).exists()
    response = client.post(url, follow=True)
    body = response.content.decode()
    assert "2 declaraties staan nu op &#x27;naar de gemeente&#x27;." in body
    assert "2 van 2 declaraties staan op" in body and url not in body
    assert Declaration.objects.filter(status=Declaration.Status.SENT).count() == 2
    page = client.get(url).content.decode()
    assert "geen declaraties die nog verstuurd moeten worden" in page


def test_export_pages_query_counts_pinned(client, export, treasurer, django_assert_num_queries):
    client.force_login(treasurer)
    detail = reverse("budget:export_detail", args=[export.pk])
    confirm = reverse("budget:export_mark_sent", args=[export.pk])
    client.get(detail)
    client.get(confirm)  # warm the caches (council settings, permissions)
    with django_assert_num_queries(PINNED_DETAIL):
        assert client.get(detail).status_code == 200
    with django_assert_num_queries(PINNED_CONFIRM):
        assert client.get(confirm).status_code == 200


# Measured: the export and one aggregate for the sending counts, plus what every internal
# page costs (session, user, permissions, council settings, unread count).
PINNED_DETAIL = 8
PINNED_CONFIRM = 8


@pytest.mark.parametrize(
    ("state", "stalled"),
    [("stalled", True), ("running_silent", True), ("running_alive", False)],
)
def test_the_export_page_says_when_progress_has_stopped(client, export, treasurer, state, stalled):
    """Issue 12.3: a running export whose task has stalled (or runs without a heartbeat) says
    so on its page and in the polled block; a task alive says nothing."""
    from django.utils import timezone

    from adviesraad.background.models import OutboxMessage
    from tests.factories.background import OutboxMessageFactory

    DeclarationExport.objects.filter(pk=export.pk).update(status=DeclarationExport.Status.RUNNING)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    row = {
        "stalled": {"state": OutboxMessage.State.STALLED},
        "running_silent": {"state": OutboxMessage.State.RUNNING, "heartbeat_at": long_ago},
        "running_alive": {"state": OutboxMessage.State.RUNNING, "heartbeat_at": timezone.now()},
    }[state]
    OutboxMessageFactory(task_name="budget.tasks.render_export_part", args=[export.pk, 1], **row)
    OutboxMessageFactory(  # another export's task tells nothing about this one
        task_name="budget.tasks.render_export_part",
        args=[export.pk + 1000, 1],
        state=OutboxMessage.State.STALLED,
    )
    client.force_login(treasurer)
    url = reverse("budget:export_detail", args=[export.pk])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        body = client.get(url, **headers).content.decode()
        assert ("De voortgang staat stil" in body) is stalled, (state, headers)


def test_the_mark_as_sent_button_arrives_with_the_last_poll(client, export, treasurer):
    """The polled block carries the sending section, so the button shows when the export
    finishes without opening the page again (journey finding)."""
    client.force_login(treasurer)
    body = client.get(
        reverse("budget:export_detail", args=[export.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert reverse("budget:export_mark_sent", args=[export.pk]) in body
