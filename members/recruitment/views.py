"""Internal pages of vacancies: the list, making one (by hand or from the seat planning),
its page with the applications for the committee, its status and the recommendation letter."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, View

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from . import selectors, services
from .forms import VacancyForm
from .models import Application, Vacancy

MANAGE = "members.manage_recruitment"
VIEW = "members.view_vacancies"
# What the secretary may do with a vacancy in each status: (target status, button text).
WITHDRAW = (Vacancy.Status.CANCELLED, gettext_lazy("Vacature intrekken"))
VACANCY_ACTIONS = {
    Vacancy.Status.DRAFT: [(Vacancy.Status.PUBLISHED, gettext_lazy("Publiceren")), WITHDRAW],
    Vacancy.Status.PUBLISHED: [
        (Vacancy.Status.CLOSED, gettext_lazy("Sollicitaties sluiten")),
        WITHDRAW,
    ],
    Vacancy.Status.CLOSED: [
        (Vacancy.Status.FILLED, gettext_lazy("Markeren als vervuld")),
        (Vacancy.Status.PUBLISHED, gettext_lazy("Opnieuw publiceren")),
        WITHDRAW,
    ],
}


class VacancyListView(PermissionMixin, ListView):
    permission_required = VIEW
    template_name = "members/vacancy_list.html"
    context_object_name = "vacancies"
    paginate_by = 25

    def get_queryset(self):
        return selectors.vacancy_list(user=self.request.user)


class VacancyFormMixin(PermissionMixin):
    permission_required = MANAGE
    form_class = VacancyForm
    template_name = "members/vacancy_form.html"

    def save(self, form, data) -> Vacancy:
        raise NotImplementedError

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            vacancy = self.save(form, data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De vacature is opgeslagen."))
        return redirect("members:vacancy_detail", pk=vacancy.pk)


class VacancyCreateView(VacancyFormMixin, FormView):
    """A new vacancy; from the seat planning it arrives with the role, seats and date."""

    def get_initial(self):
        get = self.request.GET
        today = timezone.localdate()
        role = get.get("rol") if get.get("rol") in Vacancy.Role.values else Vacancy.Role.MEMBER
        try:
            starts_on = datetime.date.fromisoformat(get.get("per", ""))
        except ValueError:
            starts_on = today
        try:
            seats = max(1, min(int(get.get("zetels", "1")), 20))
        except ValueError:
            seats = 1
        title = _("Voorzitter") if role == Vacancy.Role.CHAIR else _("Lid")
        return {
            "role": role,
            "seats": seats,
            "starts_on": starts_on,
            "closes_on": today + datetime.timedelta(days=28),
            "title": _("%(rol)s van de adviesraad") % {"rol": title},
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Vacancy()}

    def save(self, form, data):
        return services.vacancy_create(
            by=self.request.user, data=data, committee=data.get("committee") or []
        )


class VacancyUpdateView(VacancyFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.vacancy = selectors.vacancy_get_for_user(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.vacancy}

    def get_context_data(self, **kwargs):
        return super().get_context_data(vacancy=self.vacancy, **kwargs)

    def save(self, form, data):
        return services.vacancy_update(
            vacancy=self.vacancy,
            by=self.request.user,
            data=data,
            committee=data.get("committee") or [],
        )


class VacancyDetailView(PermissionMixin, DetailView):
    """The vacancy; its applications only for the committee (S23)."""

    permission_required = VIEW
    template_name = "members/vacancy_detail.html"
    context_object_name = "vacancy"

    def get_object(self, queryset=None):
        return selectors.vacancy_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        vacancy = self.object
        user = self.request.user
        status = self.request.GET.get("status", "")
        if vacancy.on_committee:
            applications = selectors.application_list(user=user, vacancy=vacancy)
            ctx["counts"] = {s: 0 for s in Application.Status.values}
            for s in applications.values_list("status", flat=True):
                ctx["counts"][s] += 1
            if status in Application.Status.values:
                applications = applications.filter(status=status)
            ctx["applications"] = applications
            ctx["statuses"] = [
                (value, label, ctx["counts"][value]) for value, label in Application.Status.choices
            ]
        ctx["status_filter"] = status
        ctx["committee"] = selectors.committee_members(vacancy)
        ctx["actions"] = VACANCY_ACTIONS.get(vacancy.status, []) if user.has_perm(MANAGE) else []
        ctx["can_manage"] = user.has_perm(MANAGE)
        return ctx


class VacancyTransitionView(PermissionMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, pk):
        vacancy = selectors.vacancy_get_for_user(user=request.user, pk=pk)
        to = request.POST.get("to", "")
        if to not in Vacancy.Status.values:
            messages.error(request, _("Onbekende stap."))
            return redirect("members:vacancy_detail", pk=pk)
        try:
            services.vacancy_transition(vacancy=vacancy, by=request.user, to=to)
        except DomainError as exc:
            message_error(request, exc)
        else:
            messages.success(
                request,
                _("De vacature is nu: %(status)s.") % {"status": vacancy.status_label(to)},
            )
        return redirect("members:vacancy_detail", pk=pk)


class RecommendationLetterView(PermissionMixin, View):
    """The letter to the college as a PDF, for the committee only (others 404)."""

    permission_required = VIEW

    def get(self, request, pk):
        vacancy = get_object_or_404(selectors.committee_vacancies(request.user), pk=pk)
        try:
            pdf = services.recommendation_letter_pdf(vacancy=vacancy, by=request.user)
        except DomainError as exc:
            message_error(request, exc)
            return redirect("members:vacancy_detail", pk=pk)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="voordracht-{vacancy.slug}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
