"""Public pages: meetings list, public agenda with public documents and approved public minutes,
the public agenda PDF and the iCalendar feeds. Everything comes from the public selectors."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import View

from members.models import User
from members.selectors import council_settings_get

from . import selectors, services
from .filters import PublicMeetingFilter
from .ical import build_calendar
from .models import Minutes


class PublicMeetingListView(View):
    """``/vergaderingen/``: public meetings, filtered by period and year, 20 per page.

    The results part (filter form, count, rows, pagination) is rendered once per process,
    public version, language and query string (``selectors.public_kept``); anonymous
    visitors usually get the whole page from the page cache before this view runs.
    """

    template_name = "meetings/public_meeting_list.html"
    results_template = "meetings/includes/_public_results.html"
    paginate_by = 20

    def get(self, request):
        key = ("list", translation.get_language(), request.META.get("QUERY_STRING", ""))
        results = selectors.public_kept(
            key, lambda: render_to_string(self.results_template, self.results_context(request))
        )
        # our own template's output (escaped when rendered), possibly kept
        return TemplateResponse(request, self.template_name, {"results": mark_safe(results)})  # noqa: S308

    def results_context(self, request) -> dict:
        queryset = selectors.public_meeting_list().order_by("-start")
        filterset = PublicMeetingFilter(request.GET or None, queryset=queryset)
        valid = not filterset.is_bound or filterset.is_valid()
        paginator = Paginator(filterset.qs if valid else queryset.none(), self.paginate_by)
        page_obj = paginator.get_page(request.GET.get("page"))
        return {
            "request": request,
            "filter": filterset,
            "object_list": page_obj.object_list,
            "page_obj": page_obj,
            "paginator": paginator,
            "is_paginated": page_obj.has_other_pages(),
            "now": timezone.now(),
        }


class PublicMeetingDetailView(View):
    """A public meeting: its public agenda items and documents and, once approved, the
    public minutes. The body is rendered once per process, public version and language."""

    template_name = "meetings/public_meeting_detail.html"
    body_template = "meetings/includes/_public_meeting_body.html"

    def get(self, request, pk):
        def render_body() -> tuple[str, str]:
            meeting = selectors.public_meeting_get(pk=pk)  # Http404: nothing is kept
            minutes = selectors.minutes_get(meeting)
            context = {
                "meeting": meeting,
                "minutes_public": minutes
                if minutes and minutes.status == Minutes.Status.APPROVED
                else None,
                **selectors.agenda_context(meeting, public_only=True),
            }
            return meeting.title, render_to_string(self.body_template, context)

        title, body = selectors.public_kept(("detail", translation.get_language(), pk), render_body)
        return TemplateResponse(
            request,
            self.template_name,
            {"title": title, "body": mark_safe(body)},  # noqa: S308 (our own template's output)
        )


def _pdf(content: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{name}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


class PublicAgendaPdfView(View):
    def get(self, request, pk):
        meeting = selectors.public_meeting_get(pk=pk)
        return _pdf(services.agenda_pack_pdf(meeting, public_only=True), f"agenda-{pk}.pdf")


class PublicMinutesPdfView(View):
    def get(self, request, pk):
        from .pdfs import minutes_pdf

        meeting = selectors.public_meeting_get(pk=pk)
        minutes = selectors.minutes_get(meeting)
        if minutes is None or minutes.status != Minutes.Status.APPROVED:
            raise Http404
        return _pdf(minutes_pdf(meeting, public_only=True), f"notulen-{pk}.pdf")


def _ics(content: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = f'inline; filename="{name}"'
    return resp


class PublicIcalView(View):
    """All public meetings from a year back and ahead, with their public agenda items."""

    def get(self, request):
        since = timezone.now() - timezone.timedelta(days=365)
        meetings = (
            selectors.public_meeting_list().filter(start__gte=since).prefetch_related("items")
        )
        council = council_settings_get()
        content = build_calendar(
            meetings,
            name=_("%(raad)s – openbare vergaderingen") % {"raad": council.name},
            public_only=True,
            url_for=lambda m: request.build_absolute_uri(
                reverse("meetings_public:detail", args=[m.pk])
            ),
        )
        return _ics(content, "vergaderingen.ics")


class PersonalIcalView(View):
    """A member's own feed of all their meetings, behind the secret ``calendar_token``."""

    def get(self, request, token):
        user = User.objects.filter(calendar_token=token, is_active=True).first()
        if user is None or len(token) < 20:
            raise Http404
        meetings = selectors.meetings_for_calendar(user=user).prefetch_related("items")
        internal = selectors.can_view_internal(user)
        content = build_calendar(
            meetings,
            name=_("Mijn vergaderingen"),
            public_only=not internal,
            url_for=lambda m: request.build_absolute_uri(
                reverse("meetings:detail", args=[m.pk])
                if internal
                else reverse("meetings_public:detail", args=[m.pk])
            ),
        )
        resp = _ics(content, "mijn-vergaderingen.ics")
        resp["Cache-Control"] = "private, no-store"
        return resp
