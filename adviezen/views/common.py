"""What the internal advice pages share: who may read, the advice of the URL, and the small
form and POST views that call one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from .. import selectors
from ..models import Advice


class ReadMixin(PermissionMixin):
    """Members (full read) and policy advisors (consultation only) may open advice pages."""

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.view_internal") or u.has_perm("adviezen.consult_advice")


class AdviceObjectMixin:
    """The advice of the URL, as the user may see it (``selectors.advice_get_for_user``);
    ``advice_history`` also loads its versions and status history."""

    advice_history = False

    def get_advice(self) -> Advice:
        if not hasattr(self, "_advice"):
            self._advice = selectors.advice_get_for_user(
                user=self.request.user, pk=self.kwargs["pk"], history=self.advice_history
            )
        return self._advice


class AdviceFormActionView(PermissionMixin, AdviceObjectMixin, FormView):
    """Base for a small form on one advice that calls one service (``run``)."""

    template_name = "adviezen/advice_action_form.html"
    heading = ""
    button = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            advice=self.get_advice(), heading=self.heading, button=self.button, **kwargs
        )

    def form_valid(self, form):
        try:
            self.run(form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        except ValidationError as exc:  # the upload check
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message())
        return redirect(self.success_url_for())

    def run(self, data: dict) -> None:
        raise NotImplementedError

    def success_url_for(self):
        return reverse("adviezen:detail", args=[self.get_advice().pk])

    def success_message(self):
        return _("Opgeslagen.")


class SimplePostView(PermissionMixin, AdviceObjectMixin, View):
    """POST-only: one service on the advice, then back to its page with a message."""

    http_method_names = ["post"]
    service = None
    done = ""

    def post(self, request, pk):
        try:
            type(self).service(advice=self.get_advice(), by=request.user)
            messages.success(request, self.done)
        except DomainError as exc:
            message_error(request, exc)
        return redirect("adviezen:detail", pk=pk)
