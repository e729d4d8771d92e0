"""Small view helpers shared by every app."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin

from .errors import DomainError


class PermissionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Anonymous users go to the log-in page; logged-in users without the permission get 403."""


def form_error_from(form, exc: DomainError) -> None:
    """Put a refused service's Dutch message on the form (next to the field when it names one)."""
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, exc.message)


def message_error(request, exc: DomainError) -> None:
    messages.error(request, exc.message)
