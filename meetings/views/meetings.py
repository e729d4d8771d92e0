"""Meetings: the list, planning one or a year of them, editing, the status, the agenda pack."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, message_error

from .. import selectors, services
from ..filters import MeetingFilter
from ..forms import MeetingForm, YearPlanForm
from ..models import Meeting
from .common import MANAGE, VIEW, ManagePost, MeetingPdfView, ServiceFormView


class MeetingListView(PermissionMixin, FilterView):
    permission_required = VIEW
    filterset_class = MeetingFilter
    template_name = "meetings/meeting_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.meeting_list(user=self.request.user).order_by("-start")


class MeetingCreateView(ServiceFormView):
    permission_required = MANAGE
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("De vergadering is gepland.")

    def get_initial(self):
        return {"kind": Meeting.Kind.PLENARY}

    def perform(self, form) -> str:
        meeting = services.meeting_create(by=self.request.user, **form.cleaned_data)
        return reverse("meetings:detail", args=[meeting.pk])


class MeetingUpdateView(ServiceFormView):
    permission_required = MANAGE
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("De vergadering is bijgewerkt.")

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(Meeting, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Meeting.objects.get(pk=self.meeting.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def perform(self, form) -> str:
        services.meeting_update(meeting=self.meeting, by=self.request.user, data=form.cleaned_data)
        return reverse("meetings:detail", args=[self.meeting.pk])


class YearPlanView(ServiceFormView):
    permission_required = MANAGE
    form_class = YearPlanForm
    template_name = "meetings/meeting_plan_year.html"

    def get_initial(self):
        return {"year": timezone.localdate().year + 1}

    def perform(self, form) -> str:
        d = form.cleaned_data
        created = services.meeting_plan_year(by=self.request.user, **d)
        self.success_message = _(
            "%(n)s vergaderingen gepland. Losse data pas je aan per vergadering."
        ) % {"n": len(created)}
        return reverse("meetings:list") + f"?year={d['year']}"


class MeetingTransitionView(ManagePost):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        try:
            services.meeting_transition(
                meeting=meeting, by=request.user, to_status=request.POST.get("status", "")
            )
            messages.success(request, _("De status is gewijzigd."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("meetings:detail", pk=pk)


class PackPdfView(MeetingPdfView):
    """Preview of the agenda pack (the version members receive)."""

    filename = "agendapakket"

    def pdf(self, meeting: Meeting) -> bytes:
        return services.agenda_pack_pdf(meeting, public_only=False)
