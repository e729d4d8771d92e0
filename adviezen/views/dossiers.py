"""Theme dossiers: the list, proposing one, its page with the chair's review, and the
review and closing actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from .. import selectors, services
from ..filters import DossierFilter
from ..forms import DossierAcceptForm, DossierForm, DossierRejectForm
from ..models import Dossier


class DossierListView(PermissionMixin, FilterView):
    permission_required = "adviezen.view_internal"
    filterset_class = DossierFilter
    template_name = "adviezen/dossier_list.html"
    paginate_by = 25
    context_object_name = "dossiers"

    def get_queryset(self):
        return selectors.dossier_list(user=self.request.user).order_by("status", "title")


class DossierCreateView(PermissionMixin, FormView):
    permission_required = "adviezen.propose_dossier"
    form_class = DossierForm
    template_name = "adviezen/dossier_form.html"

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            dossier = services.dossier_propose(
                by=self.request.user,
                title=d["title"],
                domain=d["domain"],
                description=d["description"],
                working_group=d["working_group"],
                contact_person=d["contact_person"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Het dossier is voorgesteld; de voorzitter beoordeelt het.")
        )
        return redirect("adviezen:dossier", pk=dossier.pk)


class DossierDetailView(PermissionMixin, DetailView):
    permission_required = "adviezen.view_internal"
    template_name = "adviezen/dossier_detail.html"
    context_object_name = "dossier"

    def get_object(self, queryset=None):
        return selectors.dossier_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        d = self.object
        user = self.request.user
        review = user.has_perm("adviezen.review_dossier") and d.status == Dossier.Status.PROPOSED
        return super().get_context_data(
            similar=selectors.dossier_similar(dossier=d) if review else [],
            can_review=review,
            accept_form=DossierAcceptForm(
                initial={"working_group": d.working_group_id, "contact_person": d.contact_person_id}
            ),
            reject_form=DossierRejectForm(),
            can_close=d.can_transition_to(Dossier.Status.CLOSED)
            and (
                user.has_perm("adviezen.review_dossier") or user.has_perm("adviezen.manage_advice")
            ),
            can_publish=d.status == Dossier.Status.ACCEPTED
            and (
                user.has_perm("adviezen.review_dossier") or user.has_perm("adviezen.manage_advice")
            ),
            advices=list(d.advices.order_by("-created_at")),
            signals=list(d.signals.order_by("-received_at")),
            **kwargs,
        )


class DossierActionView(PermissionMixin, View):
    """POST-only: accept, reject as a duplicate, close, or show on or take off the website."""

    http_method_names = ["post"]

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.review_dossier") or u.has_perm("adviezen.manage_advice")

    def post(self, request, pk, action):
        dossier = get_object_or_404(Dossier, pk=pk)
        try:
            if action == "accepteren":
                form = DossierAcceptForm(request.POST)
                if not form.is_valid():
                    raise services.AdviceError(_("Kies de werkgroep die dit dossier oppakt."))
                services.dossier_accept(dossier=dossier, by=request.user, **form.cleaned_data)
                messages.success(request, _("Het dossier is geaccepteerd."))
            elif action == "dubbel":
                form = DossierRejectForm(request.POST)
                if not form.is_valid():
                    raise services.AdviceError(
                        _("Kies het dossier dat dit onderwerp al behandelt.")
                    )
                services.dossier_reject_duplicate(
                    dossier=dossier, by=request.user, **form.cleaned_data
                )
                messages.success(request, _("Het dossier is afgewezen als dubbel."))
            elif action == "sluiten":
                services.dossier_close(dossier=dossier, by=request.user)
                messages.success(request, _("Het dossier is gesloten."))
            elif action in ("tonen", "verbergen"):
                services.dossier_set_public(
                    dossier=dossier, by=request.user, public=action == "tonen"
                )
                messages.success(
                    request,
                    _("Het dossier staat op de website bij 'Waar we aan werken'.")
                    if action == "tonen"
                    else _("Het dossier staat niet meer op de website."),
                )
            else:
                raise Http404
        except DomainError as exc:
            message_error(request, exc)
        return redirect("adviezen:dossier", pk=pk)
