"""Locations (issue 13.15): the secretary's list, adding, editing and deleting one that no
meeting uses."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin

from .. import rules
from ..forms_plus import LocationForm
from ..models import Location
from ..services.locations import location_create, location_delete, location_update
from .common import MANAGE, ServiceFormView


class LocationListView(PermissionMixin, ListView):
    permission_required = MANAGE
    template_name = "meetings/plus/location_list.html"
    context_object_name = "locations"

    def get_queryset(self):
        return Location.objects.annotate(n_meetings=Count("meetings")).order_by(
            "-is_active", "name"
        )


class LocationCreateView(ServiceFormView):
    permission_required = MANAGE
    form_class = LocationForm
    template_name = "meetings/plus/location_form.html"
    success_message = gettext_lazy("De locatie is toegevoegd.")

    def perform(self, form) -> str:
        location_create(by=self.request.user, data=form.cleaned_data)
        return reverse("meetings:location_list")


class LocationUpdateView(ServiceFormView):
    permission_required = MANAGE
    form_class = LocationForm
    template_name = "meetings/plus/location_form.html"
    success_message = gettext_lazy("De locatie is bijgewerkt.")

    def dispatch(self, request, *args, **kwargs):
        self.location = get_object_or_404(Location, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Location.objects.get(pk=self.location.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(location=self.location, **kwargs)

    def perform(self, form) -> str:
        location_update(location=self.location, by=self.request.user, data=form.cleaned_data)
        return reverse("meetings:location_list")


class LocationDeleteView(PermissionMixin, TemplateView):
    """GET: what deleting does (or why it cannot); POST: delete."""

    permission_required = MANAGE
    template_name = "meetings/plus/location_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        self.location = get_object_or_404(
            Location.objects.annotate(n_meetings=Count("meetings")), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            location=self.location,
            deletable=rules.location_may_be_deleted(meetings_using=self.location.n_meetings),
            **kwargs,
        )

    def post(self, request, pk):
        name = self.location.name
        try:
            location_delete(location=self.location, by=request.user)
        except DomainError as exc:
            return self.render_to_response(self.get_context_data(error=exc.message), status=422)
        messages.success(request, _("De locatie %(naam)s is verwijderd.") % {"naam": name})
        return redirect("meetings:location_list")
