"""The treasurer's batch exports; nobody else sees them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ..models import Declaration, DeclarationExport
from .common import label_of


def export_list(*, user) -> QuerySet[DeclarationExport]:
    if not user.has_perm("budget.export_declarations"):
        return DeclarationExport.objects.none()
    return (
        DeclarationExport.objects.select_related("requested_by")
        .annotate(status_label=label_of("status", DeclarationExport.Status.choices))
        .order_by("-created_at", "-id")
    )


def export_get_for_user(*, user, pk: int) -> DeclarationExport:
    obj = export_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def approved_waiting_count(*, user) -> int:
    """Approved declarations not yet sent to the municipality (for the treasurer's export)."""
    if not user.has_perm("budget.export_declarations"):
        return 0
    return Declaration.objects.filter(status=Declaration.Status.APPROVED).count()


def export_sending(*, export: DeclarationExport) -> dict:
    """How many of the export's declarations are still approved (to be marked as sent) and
    how many went to the municipality or were paid since, and their total (one query)."""
    from django.db.models import Count, Q, Sum

    from .. import rules

    Status = Declaration.Status
    approved = Q(status=Status.APPROVED)
    counts = export.declarations.aggregate(
        approved=Count("pk", filter=approved),
        sent=Count("pk", filter=Q(status__in=(Status.SENT, Status.PAID))),
        approved_total=Sum("total", filter=approved),
    )
    counts["may_mark_sent"] = rules.export_may_mark_sent(
        export_done=export.status == DeclarationExport.Status.DONE,
        approved_left=counts["approved"],
    )
    return counts
