"""The queries of the onboarding pages, scoped to the asking user.

A member sees their own checklist; whoever manages recruitment (the secretary) sees every
new member's. Anyone else asking for someone's checklist gets 404.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404

from members.models import User

from . import rules
from .models import OnboardingStep, OnboardingTask

MANAGE = "members.manage_recruitment"


def may_see_checklist(user: Any, member: Any) -> bool:
    return user.is_authenticated and (user.pk == member.pk or user.has_perm(MANAGE))


def onboarding_members(*, user: Any, today: datetime.date) -> QuerySet[User]:
    """New members with a checklist, busiest first, with their counts in one query:
    ``n_items``, ``n_done``, ``n_overdue``, ``first_due`` and ``last_due``.

    Only for the secretary (``members.manage_recruitment``); anyone else gets none.
    """
    if not user.has_perm(MANAGE):
        return User.objects.none()
    return (
        User.objects.filter(onboarding_tasks__isnull=False)
        .annotate(
            n_items=Count("onboarding_tasks"),
            n_done=Count("onboarding_tasks", filter=Q(onboarding_tasks__done_at__isnull=False)),
            n_overdue=Count(
                "onboarding_tasks",
                filter=Q(
                    onboarding_tasks__done_at__isnull=True, onboarding_tasks__due_on__lt=today
                ),
            ),
            first_due=Min("onboarding_tasks__due_on"),
            last_due=Max("onboarding_tasks__due_on"),
        )
        .order_by("-last_due", "last_name", "first_name")
    )


def in_progress(members: Iterable[Any]) -> list[Any]:
    """The members of :func:`onboarding_members` with items still open, each with a
    ``progress`` in percent (``rules.onboarding_progress``)."""
    result = []
    for m in members:
        if m.n_done < m.n_items:
            m.progress = rules.onboarding_progress(done=m.n_done, total=m.n_items)
            result.append(m)
    return result


def checklist_for(*, user: Any, member_id: int, today: datetime.date) -> dict[str, Any]:
    """One member's checklist with progress and what is overdue; 404 for anyone else."""
    member = User.objects.filter(pk=member_id).first()
    if member is None or not may_see_checklist(user, member):
        raise Http404
    tasks = list(
        OnboardingTask.objects.filter(member=member)
        .select_related("done_by")
        .order_by("position", "due_on", "id")
    )
    rows = [
        {
            "task": t,
            "overdue": rules.onboarding_overdue(due_on=t.due_on, done=t.is_done, today=today),
        }
        for t in tasks
    ]
    done = sum(1 for t in tasks if t.is_done)
    return {
        "member": member,
        "rows": rows,
        "done": done,
        "total": len(tasks),
        "progress": rules.onboarding_progress(done=done, total=len(tasks)),
    }


def task_get_for_user(*, user: Any, pk: int) -> OnboardingTask:
    """An item the user may tick: their own, or any for the secretary; else 404."""
    task = OnboardingTask.objects.select_related("member").filter(pk=pk).first()
    if task is None or not may_see_checklist(user, task.member):
        raise Http404
    return task


def my_open_items(*, user: Any) -> tuple[int, int]:
    """(done, total) of the user's own checklist, for the dashboard."""
    counts = OnboardingTask.objects.filter(member=user).aggregate(
        total=Count("id"), done=Count("id", filter=Q(done_at__isnull=False))
    )
    return counts["done"], counts["total"]


def step_list() -> QuerySet[OnboardingStep]:
    return OnboardingStep.objects.filter(is_active=True).order_by("position", "id")
