"""The declarations a user may see: a member their own, the secretary and the treasurer all.
Anything else is a 404, so nobody learns that another person's declaration exists."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from ..models import Declaration, DeclarationLine, DeclarationStatusChange, Receipt
from .common import label_of


def sees_all_declarations(user) -> bool:
    return user.has_perm("budget.view_all_declarations")


def declaration_list(*, user) -> QuerySet[Declaration]:
    qs = Declaration.objects.select_related("claimant", "budget_year").annotate(
        line_count=Count("lines"), status_label=label_of("status", Declaration.Status.choices)
    )
    if not sees_all_declarations(user):
        qs = qs.filter(claimant=user)
    return qs.order_by("-created_at", "-id")


def declaration_get_for_user(*, user, pk: int) -> Declaration:
    qs = Declaration.objects.select_related(
        "claimant", "budget_year", "checked_by", "approved_by", "rejected_by"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=DeclarationLine.objects.select_related("budget_line").prefetch_related(
                "receipts"
            ),
        ),
        Prefetch("receipts", queryset=Receipt.objects.order_by("uploaded_at", "id")),
        Prefetch("status_changes", queryset=DeclarationStatusChange.objects.select_related("by")),
    )
    if not sees_all_declarations(user):
        qs = qs.filter(claimant=user)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def receipt_get_for_user(*, user, pk: int) -> Receipt:
    qs = Receipt.objects.select_related("declaration")
    if not sees_all_declarations(user):
        qs = qs.filter(declaration__claimant=user)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def line_get_for_user(*, user, pk: int) -> DeclarationLine:
    obj = DeclarationLine.objects.select_related("declaration").filter(
        pk=pk, declaration__claimant=user
    )
    line = obj.first()
    if line is None:
        raise Http404
    return line


def unclaimed_attendance(*, member, start: datetime.date, end: datetime.date) -> list:
    """Meetings the member attended (present) in the period and has not claimed yet (a
    rejected declaration's claim does not count)."""
    from meetings.selectors import attendance_for_member

    return list(
        attendance_for_member(member=member, start=start, end=end).exclude(
            declaration_lines__claim_active=True
        )
    )


def declarations_waiting(*, user) -> dict:
    """Counts for the dashboard: what waits for this user. Their own declarations wait for
    someone else (``rules.may_approve``, here as the SQL ``exclude(claimant=user)``)."""
    result = {}
    if user.has_perm("budget.check_declaration"):
        result["to_check"] = (
            Declaration.objects.filter(status=Declaration.Status.SUBMITTED)
            .exclude(claimant=user)
            .count()
        )
    if user.has_perm("budget.approve_declaration"):
        result["to_approve"] = (
            Declaration.objects.filter(status=Declaration.Status.CHECKED)
            .exclude(claimant=user)
            .count()
        )
    if user.has_perm("budget.submit_declaration"):
        result["own_open"] = Declaration.objects.filter(
            claimant=user, status__in=[Declaration.Status.DRAFT, Declaration.Status.SUBMITTED]
        ).count()
    return result
