"""Every query the members pages need, scoped to the asking user."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from . import rules
from .models import CouncilSettings, Term, User, WorkingGroup, WorkingGroupMembership


def council_settings_get() -> CouncilSettings:
    """The single settings row (one query by primary key), created with defaults on first use."""
    cs, _created = CouncilSettings.objects.get_or_create(pk=1)
    return cs


def active_members_on(day: datetime.date) -> QuerySet[User]:
    """People with a term covering ``day`` (members and chair): the council's voters that day."""
    return User.objects.filter(
        terms__start__lte=day, terms__end__gte=day, is_active=True
    ).distinct()


def member_editable_list(*, user: User) -> QuerySet[User]:
    """The people the member pages may change: everyone except staff and superuser accounts,
    which are managed in the admin (issue 14: no take-over through the member form)."""
    return User.objects.filter(is_staff=False, is_superuser=False)


def voters_on(day: datetime.date) -> list[User]:
    """The active members who may vote on ``day`` (``rules.may_vote``; docs/rules.md, D16), by
    e-mail address."""
    people = active_members_on(day).prefetch_related("groups").order_by("email")
    return [p for p in people if rules.may_vote(term_covers_day=True, role_names=p.role_names())]


def member_list(*, user: User, today: datetime.date | None = None) -> QuerySet[User]:
    """People in the directory with roles, terms and current working groups prefetched."""
    today = today or datetime.date.today()
    current_memberships = (
        WorkingGroupMembership.objects.filter(start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("group")
    )
    return User.objects.prefetch_related(
        "groups",
        Prefetch("terms", queryset=Term.objects.order_by("start")),
        Prefetch("group_memberships", queryset=current_memberships, to_attr="current_memberships"),
    ).order_by("last_name", "first_name")


def current_term(member: User, today: datetime.date) -> Term | None:
    """The term covering ``today`` from a prefetched ``terms``."""
    return rules.covering(member.terms.all(), today)


def membership_label(membership: WorkingGroupMembership) -> str:
    """ "Werk" or, for a temporary membership, "Werk (tijdelijk)"."""
    from django.utils.translation import gettext as _

    if membership.end:
        return _("%(groep)s (tijdelijk)") % {"groep": membership.group.name}
    return membership.group.name


def working_group_list(*, user: User, today: datetime.date | None = None) -> QuerySet[WorkingGroup]:
    today = today or datetime.date.today()
    current = (
        WorkingGroupMembership.objects.filter(start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("member")
    )
    return WorkingGroup.objects.select_related("contact_person").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )


def term_spans(terms: QuerySet[Term]) -> list[rules.Span]:
    """``terms`` as the rules see them (tuples: no model instances to build)."""
    rows = terms.values_list("member_id", "role", "start", "end", "sequence", "ended_early")
    return [rules.Span(*row) for row in rows]


def seat_planning_get(*, today: datetime.date, months: int = 24) -> dict[str, Any]:
    """The seat plan for ``months`` months from ``today`` (see ``rules.seat_plan``)."""
    cs = council_settings_get()
    spans = term_spans(
        Term.objects.filter(end__gte=today - datetime.timedelta(days=1), member__is_active=True)
    )
    rows, steps = rules.seat_plan(
        spans, today=today, seat_maximum=cs.seat_maximum, max_terms=cs.max_terms, months=months
    )
    filled_today = rules.seats_filled_on(spans, today)
    return {
        "settings": cs,
        "filled_today": filled_today,
        "seat_maximum": cs.seat_maximum,
        "rows": rows,
        "steps": steps,
    }


def members_joined_and_left(*, year: int, today: datetime.date | None = None) -> dict[str, Any]:
    """Who joined and who left the council in ``year``, for the annual report (D24).

    ``{"joined": [...], "left": [...]}``, each a list of ``{"member", "on", "role"}`` in date
    order (``role`` as the council says it: "lid", "voorzitter"); the rule is
    ``rules.joined_and_left``. Three queries, however many people.
    """
    today = today or datetime.date.today()
    spans = term_spans(Term.objects.all())  # a renewal after the year means they stayed
    left_on = {
        pk: day
        for pk, day in User.objects.filter(left_on__isnull=False).values_list("pk", "left_on")
        if day
    }
    joined, left = rules.joined_and_left(spans, year=year, today=today, left_on=left_on)
    people = User.objects.in_bulk({m.member_id for m in joined + left})
    return {
        key: [
            {"member": people[m.member_id], "on": m.on, "role": Term.Role(m.role).label}
            for m in moves
        ]
        for key, moves in (("joined", joined), ("left", left))
    }
