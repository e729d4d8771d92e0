from django.urls import reverse
from django.utils.translation import gettext as _

from adviesraad.panels import NavItem, Panel


def nav_items(user):
    items = []
    if user.has_perm("budget.submit_declaration") or user.has_perm("budget.view_all_declarations"):
        items.append(NavItem(_("Declaraties"), reverse("budget:declaration_list"), order=60))
    if user.has_perm("budget.view_budget"):
        items.append(NavItem(_("Begroting"), reverse("budget:year_list"), order=61))
    if user.has_perm("budget.manage_annual_report"):
        items.append(NavItem(_("Publicaties"), reverse("budget:publications"), order=62))
    return items


def dashboard_panels(request):
    from .selectors import declarations_waiting

    counts = declarations_waiting(user=request.user)
    if not counts:
        return []
    return [Panel("budget/includes/_dashboard_declarations.html", counts, order=60)]
