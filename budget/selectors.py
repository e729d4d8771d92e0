"""Every query the budget pages need, scoped to the asking user.

A member sees only their own declarations, receipts and PDFs; the secretary and the treasurer
see all declarations; only the treasurer sees exports. Anything else is a 404, so nobody
learns that another person's declaration exists.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from . import rules
from .models import (
    BudgetLine,
    BudgetYear,
    Declaration,
    DeclarationExport,
    DeclarationLine,
    DeclarationStatusChange,
    Expense,
    Publication,
    Receipt,
)

ZERO = Decimal("0.00")


def _label(field: str, choices: list[tuple[str, str]]) -> Case:
    """The Dutch (or English) name of ``field``'s value, from the database: each choice is
    translated once per list instead of every choice again in each row's
    ``get_<field>_display``."""
    return Case(
        *[When(**{field: value}, then=Value(str(label))) for value, label in choices],
        default=F(field),
        output_field=CharField(),
    )


def sees_all_declarations(user) -> bool:
    return user.has_perm("budget.view_all_declarations")


def declaration_list(*, user) -> QuerySet[Declaration]:
    qs = Declaration.objects.select_related("claimant", "budget_year").annotate(
        line_count=Count("lines"), status_label=_label("status", Declaration.Status.choices)
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


def export_list(*, user) -> QuerySet[DeclarationExport]:
    if not user.has_perm("budget.export_declarations"):
        return DeclarationExport.objects.none()
    return (
        DeclarationExport.objects.select_related("requested_by")
        .annotate(status_label=_label("status", DeclarationExport.Status.choices))
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


def budget_year_list(*, user) -> QuerySet[BudgetYear]:
    return BudgetYear.objects.annotate(
        budget_total=Sum("lines__amount"), status_label=_label("status", BudgetYear.Status.choices)
    ).order_by("-year")


def budget_year_get(*, user, year: int) -> BudgetYear:
    obj = BudgetYear.objects.filter(year=year).first()
    if obj is None:
        raise Http404
    return obj


def budget_year_current(*, user, today: datetime.date) -> BudgetYear | None:
    """This calendar year's budget, if there is one."""
    return BudgetYear.objects.filter(year=today.year).first()


def budget_year_overview(*, budget_year: BudgetYear) -> dict:
    """What the budget year page shows below its header: budget against actuals and the
    latest 20 other expenses. Two queries, whatever the number of declarations."""
    labels = _category_labels()
    expenses = Expense.objects.filter(budget_year=budget_year).values_list(
        "date", "budget_line__category", "description", "amount"
    )[:20]
    return {
        "realisation": budget_realisation(budget_year=budget_year),
        "expenses": [
            {"date": day, "category": labels[category], "description": text, "amount": amount}
            for day, category, text, amount in expenses
        ],
    }


def _in_category_order(lines) -> list[BudgetLine]:
    order = {c: i for i, c in enumerate(BudgetLine.Category.values)}
    return sorted(lines, key=lambda b: order[b.category])


def budget_lines(*, budget_year: BudgetYear) -> list[BudgetLine]:
    return _in_category_order(BudgetLine.objects.filter(budget_year=budget_year))


def _category_labels() -> dict[str, str]:
    """The budget categories' names in the active language, translated once per page (a
    ``get_category_display`` per row translates every choice again)."""
    return {value: str(label) for value, label in BudgetLine.Category.choices}


def _sum_on_line(rows: QuerySet) -> Coalesce:
    """The sum of ``rows``' amounts booked on the outer budget line (0 when none)."""
    total = (
        rows.filter(budget_line=OuterRef("pk"))
        .order_by()
        .values("budget_line")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return Coalesce(
        Subquery(total), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2)
    )


def budget_realisation(*, budget_year: BudgetYear) -> dict:
    """Budget against actuals per line and in total: approved, sent and paid declarations plus
    other recorded expenses. One query, whatever the number of declarations."""
    lines = _in_category_order(
        BudgetLine.objects.filter(budget_year=budget_year).annotate(
            declared=_sum_on_line(
                DeclarationLine.objects.filter(
                    declaration__budget_year=OuterRef("budget_year"),
                    declaration__status__in=Declaration.SPENT,
                )
            ),
            spent=_sum_on_line(Expense.objects.filter(budget_year=OuterRef("budget_year"))),
        )
    )
    labels = _category_labels()
    rows = []
    for line in lines:
        d = rules.money(line.declared)
        e = rules.money(line.spent)
        r = rules.Realisation(budget=line.amount, actual=d + e)
        rows.append(
            {"line": line, "label": labels[line.category], "declared": d, "expenses": e, "real": r}
        )
    total = rules.Realisation(
        budget=rules.total(r["line"].amount for r in rows),
        actual=rules.total(r["real"].actual for r in rows),
    )
    scale = max(
        [Decimal("0.01"), *[r["line"].amount for r in rows], *[r["real"].actual for r in rows]]
    )
    for i, row in enumerate(rows):
        row["bar_budget"] = rules.bar_width(row["line"].amount, scale, width=400)
        row["bar_actual"] = rules.bar_width(row["real"].actual, scale, width=400)
        row["y"] = i * 44
    return {
        "rows": rows,
        "total": total,
        "declared_total": rules.total(r["declared"] for r in rows),
        "expenses_total": rules.total(r["expenses"] for r in rows),
        "exceeded": [r for r in rows if r["real"].exceeded],
        "chart_height": len(rows) * 44 + 10,
    }


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


def publication_public_list(*, kind: str = "") -> QuerySet[Publication]:
    """The one published-only selector behind every public publication view; ``kind``
    narrows it to one kind (an unknown kind is ignored)."""
    qs = (
        Publication.objects.filter(is_public=True)
        .annotate(kind_label=_label("kind", Publication.Kind.choices))
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
    """The year's published annual report, if it was published."""
    return budget_year.publications.filter(kind=Publication.Kind.ANNUAL_REPORT).first()


def publication_public_get(*, pk: int) -> Publication:
    obj = publication_public_list().filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --- annual report ---------------------------------------------------------------------------


def _attendance(year: int) -> dict:
    from meetings.models import Attendance, Meeting

    held = [Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED]
    rows = (
        Attendance.objects.filter(
            meeting__start__year=year,
            meeting__status__in=held,
            meeting__kind=Meeting.Kind.PLENARY,
        )
        .values_list("status")
        .annotate(n=Count("id"))
    )
    counts = dict(rows)
    recorded = sum(counts.values())
    present = counts.get(Attendance.Status.PRESENT, 0)
    return {
        "present": present,
        "excused": counts.get(Attendance.Status.EXCUSED, 0),
        "absent": counts.get(Attendance.Status.ABSENT, 0),
        "recorded": recorded,
        "percent": rules.share_percent(present, recorded) if recorded else None,
    }


def _advices(year: int) -> dict:
    """Advices requested and unsolicited with their outcome and the college's response time
    (``adviezen.selectors.advice_year_summary``), with Dutch labels for the report."""
    from adviezen.selectors import advice_year_summary

    data = advice_year_summary(year=year)
    labels = {"requested": _("Gevraagd"), "unsolicited": _("Ongevraagd")}
    rows = []
    for key, label in labels.items():
        bucket = data.get(key) or {}
        rows.append({"label": label, **{k: bucket.get(k, 0) for k in OUTCOMES}})
    return {
        "rows": rows,
        "total": data.get("total", sum(r["total"] for r in rows)),
        "responses": data.get("responses", 0),
        "average_response_days": data.get("average_response_days"),
    }


OUTCOMES = ("total", "sent", "shared", "withdrawn", "open")


def _signals(year: int) -> dict:
    """Signals received and how they were handled (``adviezen.selectors.signal_year_summary``)."""
    from adviezen.models import Signal
    from adviezen.selectors import signal_year_summary

    data = signal_year_summary(year=year)
    statuses = dict(Signal.Status.choices)
    sources = dict(Signal.Source.choices)
    return {
        "received": data.get("received", 0),
        "per_status": [(statuses.get(k, k), n) for k, n in (data.get("per_status") or {}).items()],
        "per_source": [(sources.get(k, k), n) for k, n in (data.get("per_source") or {}).items()],
    }


def _people(year: int) -> dict:
    from members.models import Term, User

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    joined = User.objects.filter(
        Q(joined_on__range=(start, end)) | Q(terms__sequence=1, terms__start__range=(start, end))
    ).distinct()
    # A term ending in the year without a following term also means someone left.
    later = Term.objects.filter(member=OuterRef("member"), start__gt=OuterRef("end"))
    ended_last = Term.objects.filter(end__range=(start, end)).filter(~Exists(later))
    left = User.objects.filter(
        Q(left_on__range=(start, end))
        | Q(terms__end__range=(start, end), terms__ended_early=True)
        | Q(pk__in=ended_last.values("member_id"))
    ).distinct()
    return {
        "joined": sorted({str(u) for u in joined}),
        "left": sorted({str(u) for u in left}),
    }


def annual_report_data(*, budget_year: BudgetYear) -> dict:
    """Everything the annual report shows, generated from what was recorded in the year."""
    from meetings.models import Meeting
    from meetings.selectors import meetings_held_per_kind

    year = budget_year.year
    held = meetings_held_per_kind(year=year)
    targets = [
        (Meeting.Kind.PLENARY, budget_year.target_plenaries),
        (Meeting.Kind.ALDERMAN, budget_year.target_alderman),
        (Meeting.Kind.MANAGEMENT, budget_year.target_management),
        (Meeting.Kind.WORK_VISIT, budget_year.target_work_visits),
        (Meeting.Kind.TRAINING, budget_year.target_training),
    ]
    meeting_rows = [
        {
            "label": Meeting.Kind(kind).label,
            "target": target,
            "held": held.get(kind, 0),
            "met": held.get(kind, 0) >= target,
        }
        for kind, target in targets
    ]
    for kind, label in Meeting.Kind.choices:
        if kind not in dict(targets):
            meeting_rows.append(
                {"label": label, "target": None, "held": held.get(kind, 0), "met": True}
            )
    try:
        report = budget_year.annual_report
    except BudgetYear.annual_report.RelatedObjectDoesNotExist:
        report = None
    return {
        "budget_year": budget_year,
        "report": report,
        "meetings": meeting_rows,
        "attendance": _attendance(year),
        "advices": _advices(year),
        "signals": _signals(year),
        "people": _people(year),
        "realisation": budget_realisation(budget_year=budget_year),
    }
