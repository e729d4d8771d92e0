"""Publications: the public ones on /publicaties/ (one published-only selector feeds every
public view), and all of them for whoever manages them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ..models import BudgetYear, Publication
from .common import label_of


def publication_public_list(*, kind: str = "") -> QuerySet[Publication]:
    """The one published-only selector behind every public publication view; ``kind``
    narrows it to one kind (an unknown kind is ignored)."""
    qs = (
        Publication.objects.filter(is_public=True)
        .annotate(kind_label=label_of("kind", Publication.Kind.choices))
        .order_by("-year", "-published_at", "-id")
    )
    if kind in Publication.Kind.values:
        qs = qs.filter(kind=kind)
    return qs


def publication_list(*, user) -> QuerySet[Publication]:
    """Every publication, public or withdrawn, for whoever manages them (the latest 100)."""
    if not user.has_perm("budget.manage_annual_report"):
        return Publication.objects.none()
    return Publication.objects.order_by("-year", "-published_at", "-id")[:100]


def publication_get_for_user(*, user, pk: int) -> Publication:
    obj = Publication.objects.filter(pk=pk).first()
    if obj is None or not user.has_perm("budget.manage_annual_report"):
        raise Http404
    return obj


def annual_report_publication(*, budget_year: BudgetYear) -> Publication | None:
    """The year's published annual report, if it is public (a withdrawn one is not)."""
    return budget_year.publications.filter(
        kind=Publication.Kind.ANNUAL_REPORT, is_public=True
    ).first()


def publication_public_get(*, pk: int) -> Publication:
    obj = publication_public_list().filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj
