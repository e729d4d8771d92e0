"""The public home page, the internal dashboard and the health check."""

import logging

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
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


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception:  # any failure means the database does not answer
        log.exception("health: database check failed")
        return "error"


def check_broker() -> str:
    """``ok`` when Redis answers within half a second, ``in-process`` without a broker."""
    from django.conf import settings

    if not settings.REDIS_URL:
        return "in-process"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5
        )
        client.ping()
        return "ok"
    except redis.RedisError:
        return "error"


@never_cache
def healthz(request):
    """Database down: 503 (outage). Broker down: 200 with status ``degraded`` (work waits)."""
    database = check_database()
    broker = check_broker()
    if database != "ok":
        status, code = "outage", 503
    elif broker == "error":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "database": database, "broker": broker}, status=code)


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch without a CSRF token, on purpose.

    The switch is on every page, and a token in it would make the public pages uncacheable
    (each visitor needs their own token). All a forged post can do is choose a visitor's
    language; it stays a POST, so no state changes on GET, and ``next`` is checked by Django.
    """
    return django_set_language(request)
