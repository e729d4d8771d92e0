"""Internal pages of one application, for the vacancy's selection committee only.

Every view here finds the application through ``selectors.application_get_for_user``: anyone
not on the committee gets 404 for the page, the CV and every step (docs/rules.md, S23).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.uploads import CONTENT_TYPES, PDF
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error
from members.models import User

from . import selectors, services
from .forms import AppointmentForm, AssessmentForm, InterviewForm, StatusForm
from .invitation import invitation_tokens
from .models import Application, Appointment

MANAGE = "members.manage_recruitment"
# The steps offered as buttons; inviting and appointing have forms of their own.
STEP_LABELS = {
    Application.Status.INTERVIEWED: gettext_lazy("Gesprek gevoerd"),
    Application.Status.PROPOSED: gettext_lazy("Voordragen aan het college"),
    Application.Status.NOT_SELECTED: gettext_lazy("Niet selecteren (afwijzing sturen)"),
    Application.Status.WITHDRAWN: gettext_lazy("Sollicitant trekt zich terug"),
}


class ApplicationMixin(LoginRequiredMixin):
    """Finds the application for the committee; 404 for everyone else."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.application = selectors.application_get_for_user(
                user=request.user, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)


class ApplicationDetailView(ApplicationMixin, TemplateView):
    template_name = "members/application_detail.html"

    def get_context_data(self, **kwargs):
        app = self.application
        user = self.request.user
        mine = next((a for a in app.assessments.all() if a.author_id == user.pk), None)
        steps = [
            (to, str(STEP_LABELS[to]))
            for to in Application.TRANSITIONS[app.status]
            if to in STEP_LABELS and not app.erased_at
        ]
        return super().get_context_data(
            application=app,
            vacancy=app.vacancy,
            steps=sorted(steps, key=lambda s: list(STEP_LABELS).index(s[0])),
            assessment_form=AssessmentForm(instance=mine),
            interview_form=InterviewForm(initial={"minutes": 45}),
            can_invite=app.status in (Application.Status.RECEIVED, Application.Status.INVITED),
            can_appoint=app.status == Application.Status.PROPOSED and user.has_perm(MANAGE),
            **kwargs,
        )


class ApplicationCVView(ApplicationMixin, View):
    def get(self, request, pk):
        if not self.application.cv:
            return redirect("members:application_detail", pk=pk)
        return private_file_response(
            self.application.cv,
            filename=f"cv-sollicitatie-{self.application.pk}.pdf",
            content_type=CONTENT_TYPES[PDF],
        )


class ApplicationTransitionView(ApplicationMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = StatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Onbekende stap."))
            return redirect("members:application_detail", pk=pk)
        to = form.cleaned_data["to"]
        try:
            services.application_transition(
                application=self.application, by=request.user, to=to, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            message_error(request, exc)
        else:
            messages.success(
                request,
                _("De sollicitatie staat nu op: %(status)s.")
                % {"status": self.application.status_label(to)},
            )
        return redirect("members:application_detail", pk=pk)


class AssessmentView(ApplicationMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.assessment_save(
                    application=self.application,
                    by=request.user,
                    judgement=form.cleaned_data["judgement"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                message_error(request, exc)
            else:
                messages.success(request, _("Je beoordeling is opgeslagen."))
        else:
            messages.error(request, _("Kies een oordeel."))
        return redirect("members:application_detail", pk=pk)


class InterviewPlanView(ApplicationMixin, FormView):
    form_class = InterviewForm
    template_name = "members/interview_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            services.interview_plan(
                application=self.application,
                by=self.request.user,
                start=d["start"],
                end=d["end"],
                location=d["location"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Het gesprek is gepland. De sollicitant krijgt een uitnodiging per e-mail."),
        )
        return redirect("members:application_detail", pk=self.application.pk)


class AppointView(ApplicationMixin, FormView):
    """Record the college's decision and appoint: the secretary, on the committee."""

    form_class = AppointmentForm
    template_name = "members/appointment_form.html"

    def get(self, request, *args, **kwargs):
        self._check()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._check()
        return super().post(request, *args, **kwargs)

    def _check(self):
        if not self.request.user.has_perm(MANAGE):
            raise PermissionDenied

    def get_initial(self):
        today = timezone.localdate()
        return {"decided_on": today, "start": max(today, self.application.vacancy.starts_on)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            appointment = services.application_appoint(
                application=self.application,
                by=self.request.user,
                decided_on=d["decided_on"],
                document=d["decision_document"],
                document_kind=form.document_checked.kind,
                start=d["start"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(naam)s is benoemd. Het account en de eerste termijn staan klaar; de "
                "uitnodiging om een wachtwoord te kiezen is verstuurd."
            )
            % {"naam": appointment.member},
        )
        return redirect("members:onboarding_member", pk=appointment.member_id)


class AppointmentDocumentView(PermissionMixin, View):
    """The college's decision, for whoever manages members or recruitment."""

    permission_required = MANAGE

    def get(self, request, pk):
        appointment = get_object_or_404(Appointment, pk=pk)
        return private_file_response(
            appointment.decision_document,
            filename=f"collegebesluit-benoeming-{appointment.pk}.pdf",
            content_type=CONTENT_TYPES[PDF],
        )


class InvitationResendView(PermissionMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, pk):
        member = get_object_or_404(User, pk=pk)
        try:
            services.member_invitation_resend(member=member, by=request.user)
        except DomainError as exc:
            message_error(request, exc)
        else:
            messages.success(request, _("Er is een nieuwe uitnodiging verstuurd."))
        return redirect("members:onboarding_member", pk=pk)


class InvitationConfirmView(PasswordResetConfirmView):
    """A new member chooses a password through the link in their invitation (works once)."""

    token_generator = invitation_tokens
    template_name = "members/invitation_confirm.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Je wachtwoord is ingesteld. Log nu in."))
        return response
