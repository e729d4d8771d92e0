"""Every query the members pages need, scoped to the asking user."""

from __future__ import annotations

import datetime

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


def member_get_for_user(*, user: User, pk: int) -> User:
    return member_list(user=user).get(pk=pk)


def current_term(member: User, today: datetime.date) -> Term | None:
    """The term covering ``today`` from a prefetched ``terms``."""
    for t in member.terms.all():
        if t.start <= today <= t.end:
            return t
    return None


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


def seat_planning_get(*, today: datetime.date, months: int = 24):
    """The seat plan for ``months`` months from ``today`` (see ``rules.seat_plan``)."""
    cs = council_settings_get()
    terms = Term.objects.filter(
        end__gte=today - datetime.timedelta(days=1), member__is_active=True
    ).values_list("member_id", "role", "start", "end", "sequence")
    spans = [rules.Span(*row) for row in terms]  # tuples: no model instances to build
    rows, steps = rules.seat_plan(
        spans, today=today, seat_maximum=cs.seat_maximum, max_terms=cs.max_terms, months=months
    )
    filled_today = len({s.member_id for s in spans if s.start <= today <= s.end})
    return {
        "settings": cs,
        "filled_today": filled_today,
        "seat_maximum": cs.seat_maximum,
        "rows": rows,
        "steps": steps,
    }
