"""Action items: adding them at a meeting, ticking them off, the list."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from .. import rules, selectors, services
from ..forms import ActionItemForm
from .builder import builder_invalid
from .common import VIEW, ManagePost, meeting_for


class ActionAddView(ManagePost):
    def post(self, request, pk):
        meeting = meeting_for(request, pk)
        form = ActionItemForm(request.POST, meeting=meeting)
        if form.is_valid():
            try:
                services.action_item_add(by=request.user, meeting=meeting, **form.cleaned_data)
                messages.success(request, _("Het actiepunt is toegevoegd."))
                return redirect(reverse("meetings:detail", args=[pk]) + "#acties")
            except DomainError as exc:
                form_error_from(form, exc)
        return builder_invalid(request, meeting, action_form=form)


class ActionDoneView(PermissionMixin, View):
    permission_required = VIEW
    http_method_names = ["post"]

    def post(self, request, pk):
        action = get_object_or_404(selectors.action_item_list(user=request.user), pk=pk)
        try:
            services.action_item_set_done(
                action=action, by=request.user, done=request.POST.get("done") != "0"
            )
            messages.success(request, _("Het actiepunt is bijgewerkt."))
        except DomainError as exc:
            message_error(request, exc)
        nxt = request.POST.get("next", "")
        if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
            return redirect(nxt)
        return redirect("meetings:action_list")


class ActionListView(PermissionMixin, ListView):
    permission_required = VIEW
    template_name = "meetings/actionitem_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = selectors.action_item_list(user=self.request.user)
        if self.request.GET.get("status") == "open":
            qs = qs.filter(done=False)
        elif self.request.GET.get("status") == "afgerond":
            qs = qs.filter(done=True)
        return qs.order_by("done", "due_date", "id")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for a in ctx["object_list"]:  # an open item past its date (rules.action_is_overdue)
            a.overdue = not a.done and rules.action_is_overdue(due=a.due_date, today=today)
        return ctx
