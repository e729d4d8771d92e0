"""The admin behind the app's own two-step log-in (issue 14 finding 4).

Django's admin has its own log-in form that checks the password only, which would skip the
second factor. Here the admin's log-in page sends people to the app's log-in (password, then
the code), and the admin refuses a session of someone with a second factor that did not pass
the code step.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse


class CouncilAdminSite(admin.AdminSite):
    def has_permission(self, request):
        """Active staff, and verified by the second factor when they have one."""
        from .auth_services import has_second_factor

        if not super().has_permission(request):
            return False
        user = request.user
        return user.is_verified() or not has_second_factor(user)

    def login(self, request, extra_context=None):
        """Send the admin's log-in to the app's two-step log-in, coming back to ``next``."""
        user = request.user
        if user.is_authenticated and not self.has_permission(request):
            if not (user.is_active and user.is_staff):
                raise PermissionDenied
            # Staff whose session skipped the code step: log in again, both steps.
            auth_logout(request)
        target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect_to_login(target, login_url=reverse("login"))
