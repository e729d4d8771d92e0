"""Every query the recruitment pages need, scoped to the asking user (docs/rules.md, S23).

Applicants' details are seen by the vacancy's selection committee only: the secretary and the
chair (permission ``members.sit_on_every_committee``) and the members named on the vacancy.
Anyone else asking for an application or its CV by id gets 404. The public sees vacancies
only, through the two ``vacancy_public_*`` selectors, never an applicant.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from members import roles
from members.models import Term, User
from members.selectors import council_settings_get, term_spans

from . import rules
from .models import Application, ApplicationStatusChange, Assessment, Interview, Vacancy

MANAGE = "members.manage_recruitment"
VIEW = "members.view_vacancies"
EVERY_COMMITTEE = "members.sit_on_every_committee"
OPEN_STATUSES = (Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED)


def committee_vacancies(user: Any) -> QuerySet[Vacancy]:
    """The vacancies whose applicants ``user`` may see (D30: secretary, chair, named members)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Vacancy.objects.none()
    if user.has_perm(EVERY_COMMITTEE):
        return Vacancy.objects.all()
    return Vacancy.objects.filter(committee=user)


def is_on_committee(user: Any, vacancy: Vacancy) -> bool:
    return committee_vacancies(user).filter(pk=vacancy.pk).exists()


# --- vacancies, internal ----------------------------------------------------------------------


def vacancy_list(*, user: Any) -> QuerySet[Vacancy]:
    """Vacancies for the internal list: drafts only for whoever manages recruitment.

    Each carries ``n_applications``, ``n_open`` (still in selection) and ``on_committee``
    (whether ``user`` sees its applicants), in one query however many there are.
    """
    qs = Vacancy.objects.all()
    if not user.has_perm(MANAGE):
        qs = qs.exclude(status=Vacancy.Status.DRAFT)
    mine = committee_vacancies(user).filter(pk=OuterRef("pk"))
    return qs.annotate(
        n_applications=Count("applications", distinct=True),
        n_open=Count(
            "applications",
            filter=~Q(applications__status__in=Application.FINAL),
            distinct=True,
        ),
        on_committee=Exists(mine),
    ).order_by("-closes_on", "-id")


def vacancy_get_for_user(*, user: Any, pk: int) -> Vacancy:
    return get_object_or_404(
        vacancy_list(user=user).select_related("created_by").prefetch_related("committee"), pk=pk
    )


def open_vacancies(*, user: Any) -> list[Vacancy]:
    """Published and closed vacancies still in selection, for the dashboard."""
    return list(vacancy_list(user=user).filter(status__in=OPEN_STATUSES))


def vacancy_openings(*, today: datetime.date, months: int = 24) -> list[dict[str, Any]]:
    """Seats to recruit for per role and date (``rules.vacancy_openings``), each with the
    vacancies already made for that role and date, for the buttons on the seat planning."""
    cs = council_settings_get()
    spans = term_spans(
        Term.objects.filter(end__gte=today - datetime.timedelta(days=1), member__is_active=True)
    )
    openings = rules.vacancy_openings(
        spans,
        today=today,
        max_members=cs.max_members,
        max_chairs=cs.max_chairs,
        max_terms=cs.max_terms,
        months=months,
    )
    existing = list(
        Vacancy.objects.exclude(status=Vacancy.Status.CANCELLED).values_list(
            "role", "starts_on", "seats"
        )
    )
    result = []
    for o in openings:
        made = sum(n for role, day, n in existing if role == o.role and day == o.by)
        result.append(
            {
                "opening": o,
                "role_label": Vacancy.Role(o.role).label,
                "made": made,
                "remaining": max(0, o.count - made),
            }
        )
    return result


# --- applications (the committee only) ---------------------------------------------------------


def application_list(*, user: Any, vacancy: Vacancy) -> QuerySet[Application]:
    """The applications of ``vacancy`` when ``user`` is on its committee, else none."""
    return (
        Application.objects.filter(vacancy__in=committee_vacancies(user), vacancy=vacancy)
        .annotate(n_assessments=Count("assessments"))
        .order_by("received_at", "id")
    )


def application_get_for_user(*, user: Any, pk: int) -> Application:
    """One application with what its page shows; 404 for anyone not on the committee."""
    qs = (
        Application.objects.filter(vacancy__in=committee_vacancies(user))
        .select_related("vacancy", "member")
        .prefetch_related(
            Prefetch(
                "assessments", queryset=Assessment.objects.select_related("author").order_by("id")
            ),
            Prefetch(
                "interviews",
                queryset=Interview.objects.select_related("meeting", "meeting__location"),
            ),
            Prefetch("transitions", queryset=ApplicationStatusChange.objects.select_related("by")),
        )
    )
    return get_object_or_404(qs, pk=pk)


def proposed_candidates(*, user: Any, vacancy: Vacancy) -> list[Application]:
    """The applications proposed to the college, for the recommendation letter."""
    return list(
        application_list(user=user, vacancy=vacancy).filter(status=Application.Status.PROPOSED)
    )


def committee_members(vacancy: Vacancy) -> list[Any]:
    """Everyone on the vacancy's committee: the active secretaries and chairs, then the
    named members (each once)."""
    by_role = User.objects.filter(
        is_active=True, groups__name__in=[roles.SECRETARY, roles.CHAIR]
    ).distinct()
    people = list(by_role.order_by("last_name", "first_name"))
    seen = {p.pk for p in people}
    people += [p for p in vacancy.committee.all() if p.pk not in seen and p.is_active]
    return people


# --- public ------------------------------------------------------------------------------------


def vacancy_public_list(*, today: datetime.date) -> QuerySet[Vacancy]:
    """Vacancies the public can apply for today: published, closing date not passed (S3)."""
    return Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, closes_on__gte=today).order_by(
        "closes_on", "id"
    )


def vacancy_public_get(*, slug: str) -> Vacancy:
    """A vacancy that was published (open, closed or filled); drafts and withdrawn ones 404."""
    return get_object_or_404(Vacancy.objects.filter(status__in=Vacancy.PUBLIC_STATUSES), slug=slug)
