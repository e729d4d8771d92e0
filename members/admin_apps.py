"""``django.contrib.admin`` with the council's admin site (loaded before any model, so this
module imports nothing else)."""

from django.contrib.admin.apps import AdminConfig


class CouncilAdminConfig(AdminConfig):
    """The admin with ``members.admin_site.CouncilAdminSite`` as ``admin.site``."""

    default_site = "members.admin_site.CouncilAdminSite"
