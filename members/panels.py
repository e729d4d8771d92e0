from django.urls import reverse
from django.utils.translation import gettext as _

from adviesraad.panels import NavItem, Panel


def nav_items(user):
    items = []
    if user.has_perm("members.view_directory"):
        items.append(NavItem(_("Leden"), reverse("members:list"), order=80))
        items.append(NavItem(_("Werkgroepen"), reverse("members:group_list"), order=81))
        items.append(NavItem(_("Bezetting"), reverse("members:seat_planning"), order=82))
    return items


def dashboard_panels(request):
    import datetime

    from .selectors import seat_planning_get

    if not request.user.has_perm("members.view_directory"):
        return []
    today = datetime.date.today()
    plan = seat_planning_get(today=today, months=12)
    return [
        Panel("members/includes/_dashboard_seats.html", {"plan": plan, "today": today}, order=90)
    ]
