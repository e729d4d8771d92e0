"""Public pages of the open-data app: the accessibility statement and "Waar we aan werken".
Everything reads the public selectors only."""

from __future__ import annotations

from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from adviesraad.pagecache import public_page


@method_decorator(public_page, name="dispatch")
class AccessibilityView(TemplateView):
    """``/toegankelijkheid/``: the accessibility statement after the Digitoegankelijk model:
    status, date of the last check and how, known issues and contact, all from the council
    settings the base template already has (``council``)."""

    template_name = "opendata/accessibility.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(site=self.request.get_host(), **kwargs)


@method_decorator(public_page, name="dispatch")
class WorkingOnView(TemplateView):
    """``/waar-we-aan-werken/``: the accepted theme dossiers the council shows, each with its
    working group and its published advices."""

    template_name = "opendata/working_on.html"

    def get_context_data(self, **kwargs):
        from .selectors import public_dossiers

        return super().get_context_data(dossiers=public_dossiers(), **kwargs)
