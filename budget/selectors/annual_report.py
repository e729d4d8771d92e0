"""The annual report, generated from what was recorded in the year: meetings held against
the plan's targets, attendance, advices, signals, people joining and leaving, and the budget
against actuals."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from .. import rules
from ..models import BudgetYear
from .years import budget_realisation


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
    targets = list(budget_year.meeting_targets().items())
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
