"""Pages for members, terms, working groups, seat planning, council settings and the audit log."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView, View
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.models import AuditEntry
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from . import selectors, services
from .filters import AuditFilter, MemberFilter
from .forms import (
    CouncilSettingsForm,
    MemberCreateForm,
    MemberForm,
    MembershipForm,
    TermForm,
    WorkingGroupForm,
)
from .models import CouncilSettings, WorkingGroup, WorkingGroupMembership

MANAGE = "members.manage_members"


class MemberListView(PermissionMixin, FilterView):
    permission_required = "members.view_directory"
    filterset_class = MemberFilter
    template_name = "members/user_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.member_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = datetime.date.today()
        for m in ctx["object_list"]:
            m.current_term = selectors.current_term(m, today)
            m.group_labels = [selectors.membership_label(gm) for gm in m.current_memberships]
        ctx["today"] = today
        return ctx


class MemberDetailView(PermissionMixin, DetailView):
    permission_required = "members.view_directory"
    template_name = "members/user_detail.html"
    context_object_name = "member"

    def get_queryset(self):
        return selectors.member_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = datetime.date.today()
        ctx["today"] = today
        ctx["current_term"] = selectors.current_term(self.object, today)
        ctx["term_form"] = TermForm(initial={"start": today})
        ctx["can_manage"] = self.request.user.has_perm(MANAGE)
        return ctx


class MemberCreateView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = MemberCreateForm
    template_name = "members/user_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                member = services.member_create(
                    by=self.request.user,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    role_names=data["roles"],
                    phone=data["phone"],
                    organisation=data["organisation"],
                    joined_on=data["joined_on"],
                )
                if data.get("term_start"):
                    services.term_create(
                        member=member,
                        by=self.request.user,
                        start=data["term_start"],
                        role=data["term_role"],
                    )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(naam)s is toegevoegd.") % {"naam": member})
        return redirect("members:detail", pk=member.pk)


class MemberUpdateView(PermissionMixin, UpdateView):
    permission_required = MANAGE
    form_class = MemberForm
    template_name = "members/user_form.html"
    context_object_name = "member"

    def get_queryset(self):
        return selectors.member_editable_list(user=self.request.user)

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "roles"}
        try:
            services.member_update(
                member=self.object,
                by=self.request.user,
                data=data,
                role_names=form.cleaned_data["roles"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De gegevens zijn opgeslagen."))
        return redirect("members:detail", pk=self.object.pk)


class MemberDeactivateView(PermissionMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, pk):
        member = get_object_or_404(selectors.member_editable_list(user=request.user), pk=pk)
        try:
            if member.is_active:
                services.member_deactivate(member=member, by=request.user)
                messages.success(
                    request, _("%(naam)s is gedeactiveerd en overal uitgelogd.") % {"naam": member}
                )
            else:
                services.member_reactivate(member=member, by=request.user)
                messages.success(request, _("%(naam)s is weer actief.") % {"naam": member})
        except DomainError as exc:
            message_error(request, exc)
        return redirect("members:detail", pk=pk)


class WorkingGroupListView(PermissionMixin, ListView):
    permission_required = "members.view_directory"
    template_name = "members/workinggroup_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return selectors.working_group_list(user=self.request.user)


class WorkingGroupDetailView(PermissionMixin, DetailView):
    permission_required = "members.view_directory"
    template_name = "members/workinggroup_detail.html"
    context_object_name = "group"

    def get_queryset(self):
        return selectors.working_group_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["all_memberships"] = self.object.memberships.select_related("member").order_by("-start")
        ctx["membership_form"] = MembershipForm(initial={"start": datetime.date.today()})
        ctx["can_manage"] = self.request.user.has_perm(MANAGE)
        ctx["today"] = datetime.date.today()
        return ctx


class WorkingGroupFormMixin(PermissionMixin):
    permission_required = MANAGE
    model = WorkingGroup
    form_class = WorkingGroupForm
    template_name = "members/workinggroup_form.html"

    def form_valid(self, form):
        try:
            group = services.working_group_save(by=self.request.user, group=form.save(commit=False))
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De werkgroep is opgeslagen."))
        return redirect("members:group_detail", pk=group.pk)


class WorkingGroupCreateView(WorkingGroupFormMixin, FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = WorkingGroup()
        return kwargs


class WorkingGroupUpdateView(WorkingGroupFormMixin, UpdateView):
    context_object_name = "group"


class MembershipAddView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = MembershipForm
    template_name = "members/membership_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.group = get_object_or_404(WorkingGroup, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            services.membership_add(
                group=self.group,
                member=d["member"],
                by=self.request.user,
                start=d["start"],
                end=d["end"],
                note=d["note"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(naam)s is toegevoegd aan de werkgroep.") % {"naam": d["member"]}
        )
        return redirect("members:group_detail", pk=self.group.pk)


class MembershipEndView(PermissionMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, pk):
        membership = get_object_or_404(WorkingGroupMembership, pk=pk)
        try:
            services.membership_end(
                membership=membership, by=request.user, end=datetime.date.today()
            )
            messages.success(request, _("Het lidmaatschap is beëindigd."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("members:group_detail", pk=membership.group_id)


class CouncilSettingsView(PermissionMixin, FormView):
    permission_required = "members.manage_council_settings"
    form_class = CouncilSettingsForm
    template_name = "members/councilsettings_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = CouncilSettings.objects.get_or_create(pk=1)[0]
        return kwargs

    def form_valid(self, form):
        fields = form.Meta.fields
        try:
            services.council_settings_update(
                by=self.request.user, data={f: form.cleaned_data[f] for f in fields}
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De instellingen zijn opgeslagen."))
        return HttpResponseRedirect(reverse("members:settings"))


class AuditLogView(PermissionMixin, FilterView):
    permission_required = "adviesraad.view_audit_log"
    filterset_class = AuditFilter
    template_name = "members/audit_list.html"
    paginate_by = 50

    def get_queryset(self):
        return AuditEntry.objects.order_by("-created_at", "-id")


class CalendarTokenRenewView(PermissionMixin, View):
    permission_required: list[str] = []
    http_method_names = ["post"]

    def post(self, request):
        services.member_calendar_token_renew(member=request.user)
        messages.success(request, _("Je agenda-link is vernieuwd. De oude link werkt niet meer."))
        return redirect("members:profile")


class ProfileView(PermissionMixin, TemplateView):
    permission_required: list[str] = []
    template_name = "members/profile.html"
