"""Onboarding pages: the overview of new members, one member's checklist, the template."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error
from members.models import User

from . import rules, selectors, services
from .models import OnboardingStep

MANAGE = "members.manage_recruitment"


class StepForm(forms.ModelForm):
    class Meta:
        model = OnboardingStep
        fields = ["title", "description", "due_days", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class StartForm(forms.Form):
    member = forms.ModelChoiceField(
        label=gettext_lazy("Nieuw lid"),
        queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    start = forms.DateField(
        label=gettext_lazy("Eerste dag"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )


class OnboardingOverviewView(PermissionMixin, TemplateView):
    """Every new member with a checklist and how far they are (the secretary)."""

    permission_required = MANAGE
    template_name = "members/onboarding_overview.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        members = list(selectors.onboarding_members(user=self.request.user, today=today))
        for m in members:
            m.progress = rules.onboarding_progress(done=m.n_done, total=m.n_items)
        return super().get_context_data(
            members=members,
            start_form=StartForm(initial={"start": today}),
            has_steps=selectors.step_list().exists(),
            today=today,
            **kwargs,
        )


class OnboardingStartView(PermissionMixin, FormView):
    """Start the checklist for someone who joined without a vacancy (added by hand)."""

    permission_required = MANAGE
    form_class = StartForm
    template_name = "members/onboarding_start.html"

    def form_valid(self, form):
        member = form.cleaned_data["member"]
        tasks = services.onboarding_start(
            member=member, start=form.cleaned_data["start"], by=self.request.user
        )
        if not tasks:
            form.add_error(None, _("De inwerklijst is nog leeg. Voeg eerst stappen toe."))
            return self.form_invalid(form)
        messages.success(self.request, _("%(naam)s heeft nu een inwerklijst.") % {"naam": member})
        return redirect("members:onboarding_member", pk=member.pk)


class ChecklistView(LoginRequiredMixin, TemplateView):
    """One member's checklist: the member themself and the secretary; anyone else 404."""

    template_name = "members/onboarding_member.html"

    def get_context_data(self, **kwargs):
        ctx = selectors.checklist_for(
            user=self.request.user, member_id=self.kwargs["pk"], today=timezone.localdate()
        )
        member = ctx["member"]
        ctx["can_manage"] = self.request.user.has_perm(MANAGE)
        ctx["invitation_pending"] = ctx["can_manage"] and not member.has_usable_password()
        ctx["appointments"] = list(member.appointments.select_related("vacancy", "term"))
        return super().get_context_data(**ctx, **kwargs)


class TaskToggleView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        task = selectors.task_get_for_user(user=request.user, pk=pk)
        done = request.POST.get("done") == "1"
        services.task_set_done(task=task, by=request.user, done=done)
        if done:
            messages.success(request, _("“%(stap)s” is afgevinkt.") % {"stap": task.title})
        else:
            messages.success(request, _("“%(stap)s” staat weer open.") % {"stap": task.title})
        return redirect("members:onboarding_member", pk=task.member_id)


class StepListView(PermissionMixin, FormView):
    """The checklist template: its steps, and a form to add one."""

    permission_required = MANAGE
    form_class = StepForm
    template_name = "members/onboarding_steps.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(steps=list(selectors.step_list()), **kwargs)

    def form_valid(self, form):
        try:
            services.step_create(by=self.request.user, data=form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De stap is toegevoegd."))
        return redirect("members:onboarding_steps")


class StepUpdateView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = StepForm
    template_name = "members/onboarding_step_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.step = get_object_or_404(OnboardingStep, pk=kwargs["pk"], is_active=True)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.step}

    def get_context_data(self, **kwargs):
        return super().get_context_data(step=self.step, **kwargs)

    def form_valid(self, form):
        try:
            services.step_update(step=self.step, by=self.request.user, data=form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De stap is opgeslagen."))
        return redirect("members:onboarding_steps")


class StepRetireView(PermissionMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, pk):
        step = get_object_or_404(OnboardingStep, pk=pk, is_active=True)
        services.step_retire(step=step, by=request.user)
        messages.success(request, _("“%(stap)s” staat niet meer op de lijst.") % {"stap": step})
        return redirect("members:onboarding_steps")


class StepExampleView(PermissionMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request):
        try:
            services.steps_take_example(by=request.user)
        except DomainError as exc:
            message_error(request, exc)
        else:
            messages.success(request, _("De voorbeeldlijst staat klaar. Pas hem gerust aan."))
        return redirect("members:onboarding_steps")
