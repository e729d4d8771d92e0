"""Members' updates, attendance and minutes of a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, message_error

from .. import selectors, services
from ..forms import AttendanceForm, MinutesForm, ScheduleApprovalForm, UpdateForm
from ..models import Meeting
from .common import MANAGE, ManagePost, MeetingPdfView, ServiceFormView, meeting_for


class UpdatePostView(ServiceFormView):
    permission_required = "meetings.post_update"
    form_class = UpdateForm
    template_name = "meetings/update_form.html"
    success_message = gettext_lazy("Je update is geplaatst.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = meeting_for(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        mine = [u for u in self.meeting.updates.all() if u.author_id == self.request.user.pk]
        return super().get_context_data(meeting=self.meeting, mine=mine, **kwargs)

    def perform(self, form) -> str:
        services.update_post(
            meeting=self.meeting,
            author=self.request.user,
            text=form.cleaned_data["text"],
            working_group=form.cleaned_data["working_group"],
        )
        return reverse("meetings:detail", args=[self.meeting.pk]) + "#updates"


class AttendanceView(ServiceFormView):
    permission_required = MANAGE
    form_class = AttendanceForm
    template_name = "meetings/attendance_form.html"
    success_message = gettext_lazy("De aanwezigheid is opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = get_object_or_404(
                Meeting.objects.prefetch_related("attendances"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "people": selectors.attendance_people(self.meeting),
            "current": {a.member_id: a.status for a in self.meeting.attendances.all()},
        }

    def get_context_data(self, **kwargs):
        from ..services.attendance import apologies

        return super().get_context_data(
            meeting=self.meeting, apologies=apologies(self.meeting), **kwargs
        )

    def perform(self, form) -> str:
        services.attendance_record(
            meeting=self.meeting, by=self.request.user, statuses=form.statuses()
        )
        return reverse("meetings:detail", args=[self.meeting.pk])

    def refused(self, form, exc: DomainError) -> None:
        if isinstance(exc, services.AttendanceClaimed):
            for member_id in exc.member_ids:  # next to each member whose row must stay
                form.add_error(f"m{member_id}", exc.message)
        else:
            super().refused(form, exc)


class AttendanceOverviewView(PermissionMixin, TemplateView):
    permission_required = MANAGE
    template_name = "meetings/attendance_overview.html"

    def get_context_data(self, **kwargs):
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("jaar", ""))
        except ValueError:
            year = this_year
        year = min(max(year, 2000), 2100)
        return super().get_context_data(
            year=year,
            years=list(range(this_year + 1, this_year - 5, -1)),
            overview=selectors.attendance_overview(year=year),
            **kwargs,
        )


class MinutesView(ServiceFormView):
    permission_required = MANAGE
    form_class = MinutesForm
    template_name = "meetings/minutes_form.html"
    success_message = gettext_lazy("De notulen zijn opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(MANAGE):
            self.meeting = meeting_for(request, kwargs["pk"])
            self.items = selectors.agenda_items_ordered(self.meeting)
            self.minutes = selectors.minutes_get(self.meeting)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"notes": self.minutes.notes if self.minutes else ""}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": self.items}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            minutes=self.minutes,
            schedule_form=ScheduleApprovalForm(meeting=self.meeting),
            **kwargs,
        )

    def perform(self, form) -> str:
        services.minutes_save(
            meeting=self.meeting,
            by=self.request.user,
            notes=form.cleaned_data["notes"],
            decisions=form.decisions(),
        )
        return reverse("meetings:minutes", args=[self.meeting.pk])


class MinutesScheduleView(ManagePost):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        form = ScheduleApprovalForm(request.POST, meeting=meeting)
        if not form.is_valid():
            messages.error(request, _("Kies een latere vergadering."))
            return redirect("meetings:minutes", pk=pk)
        try:
            services.minutes_schedule_approval(
                meeting=meeting, by=request.user, at_meeting=form.cleaned_data["at_meeting"]
            )
            messages.success(
                request, _("De vaststelling van de notulen staat op de agenda van die vergadering.")
            )
        except DomainError as exc:
            message_error(request, exc)
        return redirect("meetings:minutes", pk=pk)


class MinutesPdfView(MeetingPdfView):
    filename = "notulen"

    def pdf(self, meeting: Meeting) -> bytes:
        from ..pdfs import minutes_pdf  # WeasyPrint is loaded when a PDF is asked for

        return minutes_pdf(meeting, public_only=False)
