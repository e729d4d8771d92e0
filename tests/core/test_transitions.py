"""The one transition helper (adviesraad.transitions), on a real state machine: the budget year
(draft → requested → granted, with a status history and its own audit action)."""

import pytest
from django.db import transaction

from adviesraad.errors import DomainError
from adviesraad.models import AuditEntry
from adviesraad.transitions import locked, transition
from budget.models import BudgetYear, BudgetYearStatusChange
from tests.factories.budget import BudgetYearFactory

pytestmark = pytest.mark.django_db


class RefusedError(DomainError):
    pass


def _audit(obj):
    return AuditEntry.objects.filter(object_id=str(obj.pk), object_type="budget.budgetyear")


def test_refused_step_raises_the_given_error_and_writes_nothing(secretary):
    year = BudgetYearFactory()
    with pytest.raises(RefusedError) as exc:
        transition(year, to=BudgetYear.Status.GRANTED, by=secretary, error=RefusedError)
    assert "concept" in exc.value.message and "toegekend" in exc.value.message
    assert year.status == BudgetYear.Status.DRAFT
    assert not BudgetYearStatusChange.objects.exists()
    assert not _audit(year).exists()


def test_step_writes_history_and_audit_sets_status_and_returns_the_old_one(secretary):
    year = BudgetYearFactory()
    old = transition(
        year,
        to=BudgetYear.Status.REQUESTED,
        by=secretary,
        note="Brief verstuurd",
        audit_data={"x": 1},
    )
    assert old == BudgetYear.Status.DRAFT
    assert year.status == BudgetYear.Status.REQUESTED
    # the caller saves: the row is unchanged until then
    assert BudgetYear.objects.get(pk=year.pk).status == BudgetYear.Status.DRAFT
    change = BudgetYearStatusChange.objects.get()
    assert (change.budget_year, change.from_status, change.to_status) == (
        year,
        "draft",
        "requested",
    )
    assert change.by == secretary and change.note == "Brief verstuurd"
    assert change.from_label() == "concept" and change.to_label() == "aangevraagd bij het college"
    entry = _audit(year).get()
    assert entry.action == "budget_year.status_changed" and entry.actor == secretary
    assert entry.data == {"from": "draft", "to": "requested", "x": 1}


def test_audit_action_defaults_to_prefix_dot_status(secretary, monkeypatch):
    monkeypatch.delattr(BudgetYear, "AUDIT_ACTION")  # the StatusMachine default
    year = BudgetYearFactory()
    transition(year, to=BudgetYear.Status.REQUESTED, by=secretary)
    monkeypatch.setattr(BudgetYear, "AUDIT_PREFIX", "")
    transition(year, to=BudgetYear.Status.DRAFT, by=secretary)
    actions = list(_audit(year).order_by("pk").values_list("action", flat=True))
    assert actions == ["budget_year.status", "budgetyear.status"]


def test_audit_action_may_name_the_step(secretary, monkeypatch):
    monkeypatch.setattr(BudgetYear, "AUDIT_ACTION", "{prefix}.{to}")
    year = BudgetYearFactory()
    transition(year, to=BudgetYear.Status.REQUESTED, by=secretary)
    assert _audit(year).get().action == "budget_year.requested"


def test_model_without_history_writes_only_the_audit_entry(secretary, monkeypatch):
    monkeypatch.setattr(BudgetYear, "STATUS_HISTORY", "")
    year = BudgetYearFactory()
    transition(year, to=BudgetYear.Status.REQUESTED, by=secretary)
    assert not BudgetYearStatusChange.objects.exists()
    assert _audit(year).count() == 1


def test_a_system_actor_is_kept_as_label_and_a_long_note_is_cut():
    year = BudgetYearFactory()
    transition(year, to=BudgetYear.Status.REQUESTED, by="systeem", note="x" * 600)
    change = BudgetYearStatusChange.objects.get()
    assert change.by is None and len(change.note) == 500
    assert _audit(year).get().actor_label == "systeem"


def test_locked_reads_the_row_again():
    year = BudgetYearFactory()
    BudgetYear.objects.filter(pk=year.pk).update(status=BudgetYear.Status.REQUESTED)
    with transaction.atomic():
        fresh = locked(year)
    assert fresh.pk == year.pk and fresh is not year
    assert fresh.status == BudgetYear.Status.REQUESTED and year.status == BudgetYear.Status.DRAFT
