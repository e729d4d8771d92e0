from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.panels import NavItem, Panel


def nav_items(user):
    items = []
    if user.has_perm("members.view_directory"):
        items.append(NavItem(_("Leden"), reverse("members:list"), order=80))
        items.append(NavItem(_("Werkgroepen"), reverse("members:group_list"), order=81))
        items.append(NavItem(_("Bezetting"), reverse("members:seat_planning"), order=82))
    if user.has_perm("members.view_vacancies"):
        items.append(NavItem(_("Vacatures"), reverse("members:vacancy_list"), order=83))
    if user.has_perm("members.manage_recruitment"):
        items.append(NavItem(_("Inwerken"), reverse("members:onboarding_overview"), order=84))
    return items


def home_panels(request):
    """Open vacancies on the public home page (only when there are any)."""
    from .recruitment.selectors import vacancy_public_list

    vacancies = list(vacancy_public_list(today=timezone.localdate())[:3])
    if not vacancies:
        return []
    return [Panel("members/includes/_home_vacancies.html", {"vacancies": vacancies}, order=5)]


def dashboard_panels(request):
    import datetime

    from .onboarding.selectors import in_progress, my_open_items, onboarding_members
    from .recruitment.selectors import open_vacancies
    from .selectors import seat_planning_get

    user = request.user
    today = datetime.date.today()
    panels = []
    if user.has_perm("members.view_directory"):
        plan = seat_planning_get(today=today, months=12)
        panels.append(
            Panel(
                "members/includes/_dashboard_seats.html", {"plan": plan, "today": today}, order=90
            )
        )
    if user.has_perm("members.view_vacancies"):
        vacancies = open_vacancies(user=user)
        if vacancies:
            panels.append(
                Panel(
                    "members/includes/_dashboard_vacancies.html",
                    {"vacancies": vacancies},
                    order=91,
                )
            )
    onboarding = in_progress(onboarding_members(user=user, today=today))
    if onboarding:
        panels.append(
            Panel("members/includes/_dashboard_onboarding.html", {"members": onboarding}, order=92)
        )
    done, total = my_open_items(user=user)
    if done < total:
        panels.append(
            Panel(
                "members/includes/_dashboard_my_onboarding.html",
                {"done": done, "total": total},
                order=1,
            )
        )
    return panels
