"""What the internal advice pages share: who may read, the advice of the URL, the small form
views that call one service, and the confirmation page of an irreversible step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import selectors
from ..consequences import Consequence
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
            advice=self.get_advice(),
            heading=self.heading,
            button=self.button,
            consequence=self.consequence(),
            **kwargs,
        )

    def consequence(self) -> Consequence | None:
        """What the step will do, shown above the form (``adviezen.consequences``)."""
        return None

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


class ConfirmActionView(PermissionMixin, AdviceObjectMixin, TemplateView):
    """An irreversible step (issue 13, defect 8). GET shows what it will do (``consequence``,
    worded by ``adviezen.consequences`` from the rules) and a form to confirm it; that form's
    POST runs ``run``. A POST without the confirmation shows the page again, so nothing happens
    unconfirmed, with or without JavaScript. A refusal (the outcome changed meanwhile, the step
    was taken by someone else) shows the page again with the reason."""

    template_name = "adviezen/advice_confirm.html"
    heading = ""
    button = ""
    button_class = "btn-primary"
    done = ""
    #: the ``rules.AdviceActions`` flag that offers this step ("" for none)
    action = ""
    advice_history = True

    def consequence(self) -> Consequence:
        raise NotImplementedError

    def run(self, *, outcome: str) -> None:
        raise NotImplementedError

    def back_url(self) -> str:
        return reverse("adviezen:detail", args=[self.get_advice().pk])

    def done_url(self) -> str:
        return self.back_url()

    def _consequence(self) -> Consequence:
        if self.action:
            actions = selectors.advice_actions_for_user(
                user=self.request.user, advice=self.get_advice()
            )
            if not getattr(actions, self.action):
                return Consequence(
                    blocked=_("Deze stap kan nu niet. Het advies heeft de status '%(status)s'.")
                    % {"status": self.get_advice().get_status_display()}
                )
        return self.consequence()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            advice=self.get_advice(),
            heading=self.heading,
            button=self.button,
            button_class=self.button_class,
            consequence=self._consequence(),
            back_url=self.back_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "1":
            return self.get(request, *args, **kwargs)
        try:
            self.run(outcome=request.POST.get("outcome", ""))
        except DomainError as exc:
            return self.render_to_response(self.get_context_data(error=exc.message))
        messages.success(request, self.done)
        return redirect(self.done_url())
