"""The admin behind the app's own two-step log-in (issue 14 finding 4).

Django's admin has its own log-in form that checks the password only, which would skip the
second factor. Here the admin's log-in page is the app's log-in view (password, then the code
for whoever has a second factor), and the admin refuses a session of someone with a second
factor that did not pass the code step.
"""

from django.contrib import admin
from django.contrib.auth import logout as auth_logout
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
        """The app's two-step log-in, returning to ``next`` or the admin's index."""
        from .auth_views import LoginView

        user = request.user
        if user.is_authenticated and not self.has_permission(request):
            if not (user.is_active and user.is_staff):
                raise PermissionDenied
            # Staff whose session skipped the code step: log in again, both steps.
            auth_logout(request)
        index = reverse("admin:index", current_app=self.name)
        return LoginView.as_view(next_page=index)(request)
