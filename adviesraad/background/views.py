"""The secretary's view of background work: tasks, e-mails and reminders, with retry."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import View
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, message_error

from . import selectors, services
from .filters import OutboxFilter

PERM = "background.view_background_work"


class BackgroundWorkView(PermissionMixin, FilterView):
    permission_required = PERM
    filterset_class = OutboxFilter
    template_name = "background/outboxmessage_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.outbox_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["reminders"] = selectors.reminder_list(user=user)
        ctx["emails"] = selectors.email_list(user=user)
        ctx["state_counts"] = selectors.state_counts(user=user)
        ctx["periodic_runs"] = selectors.periodic_runs(user=user)
        return ctx


class OutboxRetryView(PermissionMixin, View):
    permission_required = PERM
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            message = services.outbox_retry(message_id=pk, by=request.user)
        except DomainError as exc:
            message_error(request, exc)
        else:
            messages.success(
                request,
                _("De taak ‘%(taak)s’ is opnieuw in de wachtrij gezet.")
                % {"taak": message.task_label},
            )
        return redirect("background:list")
