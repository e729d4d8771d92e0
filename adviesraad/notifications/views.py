"""The person's own notifications and delivery preferences."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView, View
from django_filters.views import FilterView

from adviesraad.views_mixins import form_error_from

from . import selectors, services
from .filters import NotificationFilter
from .forms import PreferencesForm
from .kinds import DEFAULT_DELIVERY
from .models import Notification, NotificationPreference


class NotificationListView(LoginRequiredMixin, FilterView):
    filterset_class = NotificationFilter
    template_name = "notifications/notification_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.notification_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_view_background"] = self.request.user.has_perm("background.view_background_work")
        return ctx


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification read: htmx swaps the row, a normal post returns to the list."""

    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            notification = services.notification_mark_read(user=request.user, notification_id=pk)
        except Notification.DoesNotExist as exc:
            raise Http404 from exc
        if request.headers.get("HX-Request"):
            return render(
                request,
                "notifications/includes/_notification_row.html",
                {
                    "n": notification,
                    "announce": True,
                    "unread": selectors.unread_count(user=request.user),
                },
            )
        messages.success(request, _("De melding is als gelezen gemarkeerd."))
        return redirect("notifications:list")


class NotificationReadAllView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.notification_mark_all_read(user=request.user)
        messages.success(request, _("%(n)s meldingen als gelezen gemarkeerd.") % {"n": count})
        return redirect("notifications:list")


class PreferencesView(LoginRequiredMixin, FormView):
    template_name = "notifications/notificationpreference_form.html"
    form_class = PreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        current = dict(
            NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
        )
        kinds = services.preference_kinds(user=user)
        kwargs["kinds"] = kinds
        kwargs["current"] = {k: current.get(k, DEFAULT_DELIVERY) for k in kinds}
        return kwargs

    def form_valid(self, form):
        try:
            services.preferences_save(user=self.request.user, choices=form.cleaned_data)
        except services.NotificationError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Je voorkeuren zijn opgeslagen."))
        return redirect("notifications:preferences")
