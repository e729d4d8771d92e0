from .panels import collect


def council(request):
    """The council's settings and the user's navigation for every template."""
    from members.selectors import council_settings_get

    user = getattr(request, "user", None)
    nav = collect("nav_items", user) if user is not None and user.is_authenticated else []
    return {"council": council_settings_get(), "nav_items": nav}
