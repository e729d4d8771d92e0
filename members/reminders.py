"""Members' reminders: a term ending within six months, to the secretary and the chair; and
overdue onboarding items (``members.onboarding.reminders``, kind ``onboarding_overdue``).

Kind ``term_ending``; the reminder's day is the term's end date, so each term is announced once
(the first sweep inside the six-month window), whatever day the sweeps run. The message says what
the end does to the seat count (``seat_planning_get``). Terms already followed by a recorded next
term, and terms ended early, are not announced.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from adviesraad.background.reminders import to_each

from . import roles
from .models import Term
from .onboarding import reminders as onboarding_reminders
from .rules import add_months, is_final_term
from .selectors import seat_planning_get

WINDOW_MONTHS = 6


def terms_ending(*, today: datetime.date):
    later = Term.objects.filter(member=OuterRef("member"), start__gt=OuterRef("end"))
    return (
        Term.objects.filter(
            end__gte=today,
            end__lte=add_months(today, WINDOW_MONTHS),
            ended_early=False,
            member__is_active=True,
        )
        .annotate(has_next=Exists(later))
        .filter(has_next=False)
        .select_related("member")
        .order_by("end", "pk")
    )


def sweep(*, today: datetime.date) -> list[dict]:
    return terms_ending_reminders(today=today) + onboarding_reminders.sweep(today=today)


def terms_ending_reminders(*, today: datetime.date) -> list[dict]:
    terms = list(terms_ending(today=today))
    if not terms:
        return []
    recipients = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.SECRETARY, roles.CHAIR])
        .distinct()
    )
    if not recipients:
        return []
    plan = seat_planning_get(today=today, months=WINDOW_MONTHS + 2)
    rows = {(r.month.year, r.month.month): r for r in plan["rows"]}
    max_terms = plan["settings"].max_terms
    reminders = []
    for term in terms:
        after = term.end + datetime.timedelta(days=1)
        row = rows.get((after.year, after.month))
        final = is_final_term(sequence=term.sequence, max_terms=max_terms)
        context = {
            "term": term,
            "member": term.member,
            "end": term.end,
            "final_term": final,
            "seat_maximum": plan["seat_maximum"],
            "filled_today": plan["filled_today"],
            "filled_after": row.filled if row else None,
            "to_recruit_after": row.to_recruit if row else None,
        }
        subject = _("Zittingstermijn van %(naam)s eindigt op %(datum)s") % {
            "naam": term.member,
            "datum": date_format(term.end, "j F Y"),
        }
        reminders += to_each(
            recipients,
            kind="term_ending",
            object=term,
            subject=subject,
            url=reverse("members:detail", args=[term.member_id]),
            context=context,
            day=term.end,
            email_template_prefix="background/email/reminder_term_ending",
        )
    return reminders
