"""Public pages of recruitment: the vacancies, one vacancy, the application form and its
thank-you page (``/vacatures/...``). They show vacancies only, never an applicant.

The application form is protected as the signal form is (docs/rules.md, S14): a honeypot, a
rate limit per client that counts stored applications only (a form sent back with an error
does not count), limited field lengths and no line breaks in names. Whatever goes wrong,
the form comes back with what the visitor typed.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.generic import FormView, ListView, TemplateView
from django_ratelimit.core import get_usage, is_ratelimited

from adviesraad.errors import DomainError
from adviesraad.views_mixins import form_error_from
from members.selectors import council_settings_get

from . import rules, selectors, services
from .forms import ApplicationForm
from .models import Vacancy

RATE = "5/h"  # stored applications per client per hour
RATE_GROUP = "members.recruitment.apply"


def _accepting(vacancy: Vacancy) -> bool:
    return rules.accepts_applications(
        published=vacancy.status == Vacancy.Status.PUBLISHED,
        closes_on=vacancy.closes_on,
        today=timezone.localdate(),
    )


class VacancyPublicListView(ListView):
    template_name = "members/vacancy_public_list.html"
    context_object_name = "vacancies"

    def get_queryset(self):
        return selectors.vacancy_public_list(today=timezone.localdate())


class VacancyPublicMixin:
    def dispatch(self, request, *args, **kwargs):
        self.vacancy = selectors.vacancy_public_get(slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs):
        return super().get_context_data(  # type: ignore[misc]
            vacancy=self.vacancy, accepting=_accepting(self.vacancy), **kwargs
        )


class VacancyPublicDetailView(VacancyPublicMixin, TemplateView):
    template_name = "members/vacancy_public_detail.html"


class ApplyView(VacancyPublicMixin, FormView):
    template_name = "members/vacancy_apply.html"
    form_class = ApplicationForm

    def get_context_data(self, **kwargs):
        cs = council_settings_get()
        return super().get_context_data(retention_months=cs.applicant_retention_months, **kwargs)

    def _limited(self) -> bool:
        usage = get_usage(self.request, group=RATE_GROUP, key="ip", rate=RATE, increment=False)
        return bool(usage and usage["count"] >= usage["limit"])

    def post(self, request, *args, **kwargs):
        if self._limited():
            form = self.get_form()
            form.is_valid()  # keep what was typed, shown with the message
            return render(
                request,
                self.template_name,
                self.get_context_data(form=form, limited=True),
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if data.get("website"):
            # A bot filled the honeypot: pretend all went well, store nothing.
            return redirect("vacancies_public:thanks", slug=self.vacancy.slug)
        cv = data.get("cv")
        try:
            services.application_submit(
                vacancy=self.vacancy,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                motivation=data["motivation"],
                reserve_pool=data["reserve_pool"],
                cv=cv or None,
                cv_original_name=form.cv_checked.original_name if cv else "",
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        is_ratelimited(self.request, group=RATE_GROUP, key="ip", rate=RATE, increment=True)
        return redirect("vacancies_public:thanks", slug=self.vacancy.slug)


class ApplyThanksView(VacancyPublicMixin, TemplateView):
    template_name = "members/vacancy_apply_thanks.html"
