"""What the budget pages share: the permission for declaration pages, the year in the URL
and PDF responses."""

from __future__ import annotations

from django.http import HttpResponse

from adviesraad.views_mixins import PermissionMixin

from .. import selectors

SUBMIT = "budget.submit_declaration"


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A generated PDF as a download that no cache keeps."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class AnyDeclarationPermission(PermissionMixin):
    """Members with their own declarations, and the secretary and treasurer who handle them."""

    def has_permission(self):
        u = self.request.user
        return u.has_perm(SUBMIT) or u.has_perm("budget.view_all_declarations")


class YearMixin:
    """Pages of one budget year (``<int:year>`` in the URL); an unknown year is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.budget_year = selectors.budget_year_get(user=request.user, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(budget_year=self.budget_year, **kwargs)
