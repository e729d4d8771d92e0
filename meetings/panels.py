from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.panels import NavItem, Panel


def nav_items(user):
    items = []
    if user.has_perm("meetings.view_internal_meetings"):
        items.append(NavItem(_("Vergaderingen"), reverse("meetings:list"), order=10))
        items.append(NavItem(_("Actiepunten"), reverse("meetings:action_list"), order=11))
    return items


def home_panels(request):
    from .selectors import public_upcoming

    return [
        Panel(
            "meetings/includes/_home_meetings.html",
            {"meetings": list(public_upcoming(limit=3))},
            order=10,
        )
    ]


def _targets(year: int) -> dict[str, int]:
    """The annual plan's targets (all five kinds: plenaries, alderman, management, work visits,
    training); the budget year holds them once it exists, else the plan's defaults."""
    from budget.selectors import meeting_targets

    from .rules import DEFAULT_TARGETS

    return meeting_targets(year=year) or DEFAULT_TARGETS


def dashboard_panels(request):
    from .rules import action_is_overdue
    from .selectors import action_items_for_user, upcoming_for_user, year_at_a_glance

    user = request.user
    if not user.has_perm("meetings.view_internal_meetings"):
        return []
    today = timezone.localdate()
    actions = list(action_items_for_user(user=user)[:8])
    for action in actions:
        action.overdue = action_is_overdue(due=action.due_date, today=today)
    panels = [
        Panel(
            "meetings/includes/_dashboard_actions.html",
            {
                "actions": actions,
                "upcoming": list(upcoming_for_user(user=user, limit=3)),
            },
            order=10,
        ),
        Panel(
            "meetings/includes/_dashboard_glance.html",
            {
                "year": today.year,
                "rows": year_at_a_glance(year=today.year, targets=_targets(today.year)),
            },
            order=11,
        ),
    ]
    return panels
