"""Dutch error pages (templates 403.html, 404.html, 500.html)."""

from django.views import defaults


def permission_denied(request, exception=None):
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request, exception=None):
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    return defaults.server_error(request, template_name="500.html")
