"""Public pages: meetings list, public agenda with public documents and approved public minutes,
the public agenda PDF and the iCalendar feeds. Everything comes from the public selectors."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from django_filters.views import FilterView

from adviesraad.pagecache import public_page
from adviesraad.rows import Dates, url_maker
from members.models import User
from members.selectors import council_settings_get

from . import selectors, services
from .filters import PublicMeetingFilter
from .ical import build_calendar
from .models import Minutes


@method_decorator(public_page, name="dispatch")
class PublicMeetingListView(FilterView):
    """``/vergaderingen/``: public meetings, filtered by period and year, 20 per page.
    A bad filter value shows a message next to the field and no meetings (``strict``)."""

    filterset_class = PublicMeetingFilter
    template_name = "meetings/public_meeting_list.html"
    paginate_by = 20

    def get_queryset(self):
        return selectors.public_meeting_list().order_by("-start")

    def paginate_queryset(self, queryset, page_size):
        # a page number out of range or not a number shows the nearest page, not a 404
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, _meeting_rows(page.object_list), page.has_other_pages()


def _meeting_rows(meetings) -> list[dict]:
    """What a list row shows, computed once per request instead of per row in the template."""
    now = timezone.now()
    detail = url_maker("meetings_public:detail")
    dates = Dates()
    return [
        {
            "title": m.title,
            "url": detail(m.pk),
            "when": dates.day_and_time(m.start),
            "where": m.location.name if m.location else "",
            "upcoming": m.end >= now,
            "cancelled": m.is_cancelled,
        }
        for m in meetings
    ]


@method_decorator(public_page, name="dispatch")
class PublicMeetingDetailView(TemplateView):
    """A public meeting: its public agenda items and documents and, once approved, the
    public minutes."""

    template_name = "meetings/public_meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = selectors.public_meeting_page_get(pk=self.kwargs["pk"])
        minutes = selectors.minutes_get(meeting)
        approved = minutes if minutes and minutes.status == Minutes.Status.APPROVED else None
        agenda = selectors.agenda_context(meeting, public_only=True)
        document = url_maker("meetings_public:document")
        for doc in agenda["all_documents"]:
            doc.url = document(doc.pk)  # once per page, not a {% url %} per document
        for item in agenda["items"]:
            item.time = f"{timezone.localtime(item.starts_at):%H:%M}"
        return super().get_context_data(
            meeting=meeting, minutes_public=approved, **agenda, **kwargs
        )


def _pdf(content: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{name}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@method_decorator(public_page, name="dispatch")
class PublicAgendaPdfView(View):
    def get(self, request, pk):
        meeting = selectors.public_meeting_get(pk=pk)
        return _pdf(services.agenda_pack_pdf(meeting, public_only=True), f"agenda-{pk}.pdf")


@method_decorator(public_page, name="dispatch")
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


@method_decorator(public_page, name="dispatch")
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
