"""The public home page and the internal dashboard (the health check is in ``health.py``)."""

import logging

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django.views.i18n import set_language as django_set_language

from .panels import collect

log = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(panels=collect("home_panels", self.request), **kwargs)


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(panels=collect("dashboard_panels", self.request), **kwargs)


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch without a CSRF token, on purpose.

    The switch is on every page, and a token in it would make the public pages uncacheable
    (each visitor needs their own token). All a forged post can do is choose a visitor's
    language; it stays a POST, so no state changes on GET, and ``next`` is checked by Django.
    """
    return django_set_language(request)


def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever the page says: the site's SVG icon
    (``static/favicon.svg``, also linked from base.html), by a temporary redirect because its
    static name changes with every release."""
    response = HttpResponseRedirect(static("favicon.svg"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
