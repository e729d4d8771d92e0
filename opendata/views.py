"""Public pages and files of the open-data app: the college's request letter and response
document of a published advice, the accessibility statement and "Waar we aan werken".
Everything reads the public selectors only."""

from __future__ import annotations

from pathlib import PurePath

from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from adviesraad.files import private_file_response
from adviesraad.pagecache import public_page
from adviezen.selectors import advice_public_get
from members.selectors import council_settings_get

from .selectors import media_type


def _file(fieldfile, name: str):
    suffix = PurePath(fieldfile.name).suffix.lower()
    response = private_file_response(
        fieldfile, filename=f"{name}{suffix}", content_type=media_type(fieldfile.name), inline=True
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


def advice_request(request, slug):
    """The college's request letter of a published advice, when the council publishes
    requests (council setting ``publish_requests``)."""
    advice = advice_public_get(slug=slug)
    if not (council_settings_get().publish_requests and advice.request_document):
        raise Http404
    return _file(advice.request_document, f"{advice.reference}-adviesaanvraag")


def advice_response(request, slug):
    """The college's response document of a published advice."""
    advice = advice_public_get(slug=slug)
    response = getattr(advice, "response", None)
    if response is None or not response.document:
        raise Http404
    return _file(response.document, f"{advice.reference}-reactie")


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
