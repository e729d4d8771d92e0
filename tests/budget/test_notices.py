"""Issue 13, defect 5 (budget): a declaration submitted → the secretary; checked → the
treasurer. In the app and by e-mail as each person chose; nobody is told of their own
declaration or their own step, and a step that rolls back tells nobody."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from adviesraad.notifications.models import Notification, NotificationPreference
from budget import services
from budget.services import workflow
from tests.factories.budget import VALID_IBAN, receipt_pdf
from tests.factories.members import role_user

pytestmark = pytest.mark.django_db


def _told(kind=None) -> dict:
    qs = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    found: dict = {}
    for pk in qs.values_list("recipient_id", flat=True):
        found[pk] = found.get(pk, 0) + 1
    return found


def _draft(claimant, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Treinreis"
    )
    services.declaration_line_add_expense(
        declaration=d,
        by=claimant,
        date=datetime.date.today(),
        budget_line=budget_year.lines.get(category="other"),
        description="Kaartje",
        amount=Decimal("12.50"),
        invoices=[receipt_pdf()],
    )
    return d


def test_a_submitted_declaration_tells_the_secretary_in_the_app_and_by_email(
    claimant, budget_year, secretary, treasurer, django_capture_on_commit_callbacks
):
    d = _draft(claimant, budget_year)
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_submit(declaration=d, by=claimant)
    assert _told() == {secretary.pk: 1}
    n = Notification.objects.get()
    assert n.kind == "declaration_waiting_check"
    assert n.url == reverse("budget:declaration_detail", args=[d.pk])
    assert f"Declaratie {d.pk}" in n.title and "ingediend" in n.title and "12,50" in n.title
    assert [m.to for m in mail.outbox] == [[secretary.email]]
    assert n.url in mail.outbox[0].body


def test_a_checked_declaration_tells_the_treasurer_not_the_checker(
    claimant, budget_year, secretary, treasurer, django_capture_on_commit_callbacks
):
    d = _draft(claimant, budget_year)
    services.declaration_submit(declaration=d, by=claimant)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_check(declaration=d, by=secretary)
    assert _told() == {treasurer.pk: 1}
    n = Notification.objects.get()
    assert n.kind == "declaration_waiting_approval" and "gecontroleerd" in n.title
    assert [m.to for m in mail.outbox] == [[treasurer.email]]


def test_app_only_preference_gives_a_notification_but_no_email(
    claimant, budget_year, secretary, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=secretary, kind="declaration_waiting_check", delivery="app"
    )
    d = _draft(claimant, budget_year)
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_submit(declaration=d, by=claimant)
    assert _told() == {secretary.pk: 1}
    assert mail.outbox == []


def test_the_treasurer_is_not_told_of_their_own_declaration(
    treasurer, budget_year, secretary, django_capture_on_commit_callbacks
):
    treasurer.iban = VALID_IBAN
    treasurer.save()
    d = _draft(treasurer, budget_year)
    services.declaration_submit(declaration=d, by=treasurer)
    assert _told() == {secretary.pk: 1}
    services.declaration_check(declaration=d, by=secretary)
    assert _told("declaration_waiting_approval") == {}


def test_the_secretary_is_not_told_of_their_own_declaration(budget_year, treasurer):
    secretary = role_user("Secretariaat", "Leden", iban=VALID_IBAN)
    d = _draft(secretary, budget_year)
    services.declaration_submit(declaration=d, by=secretary)
    assert _told() == {}


def test_a_step_that_rolls_back_tells_nobody(
    claimant, budget_year, secretary, monkeypatch, django_capture_on_commit_callbacks
):
    d = _draft(claimant, budget_year)

    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    original = workflow.declaration_submitted_notify

    def notify_then_fail(**kwargs):
        original(**kwargs)
        fail()

    monkeypatch.setattr(workflow, "declaration_submitted_notify", notify_then_fail)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        services.declaration_submit(declaration=d, by=claimant)
    assert _told() == {} and mail.outbox == []
