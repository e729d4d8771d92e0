"""The council's publication settings (``/intern/adviezen/publicatie/``): whether the
college's request letters are published with the advices (issue 17, item 1)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from adviesraad.views_mixins import PermissionMixin

from .. import publication
from ..models import PublicationSettings


class PublicationSettingsForm(forms.ModelForm):
    class Meta:
        model = PublicationSettings
        fields = ["publish_requests"]


class PublicationSettingsView(PermissionMixin, FormView):
    permission_required = "members.manage_council_settings"
    form_class = PublicationSettingsForm
    template_name = "adviezen/publication_settings_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": publication.publication_settings_get()}

    def form_valid(self, form):
        publication.publication_settings_update(
            by=self.request.user, publish_requests=form.cleaned_data["publish_requests"]
        )
        messages.success(self.request, _("De publicatie-instellingen zijn opgeslagen."))
        return HttpResponseRedirect(reverse("adviezen:publication_settings"))
