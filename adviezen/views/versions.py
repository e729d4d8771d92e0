"""Versions of an advice: writing a new one, reading one with its comments, comparing two."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import form_error_from

from .. import diff, rules, selectors, services
from ..forms import CommentForm, VersionForm, VersionPairForm
from .common import AdviceFormActionView, AdviceObjectMixin, ReadMixin


class VersionCreateView(AdviceFormActionView):
    permission_required = "adviezen.write_advice"
    form_class = VersionForm
    template_name = "adviezen/adviceversion_form.html"

    def get_initial(self):
        current = self.get_advice().versions.order_by("-number").first()
        return {"text": current.text if current else ""}

    def run(self, d):
        services.advice_version_add(
            advice=self.get_advice(),
            by=self.request.user,
            text=d["text"],
            change_note=d["change_note"],
        )

    def success_message(self):
        return _("De nieuwe versie is opgeslagen.")


class VersionDetailView(ReadMixin, AdviceObjectMixin, FormView):
    """One version with its comments, and the comment form for who may comment."""

    form_class = CommentForm
    template_name = "adviezen/adviceversion_detail.html"

    def get_version(self):
        if not hasattr(self, "_version"):
            self._version = selectors.version_get(
                advice=self.get_advice(), number=self.kwargs["number"]
            )
        return self._version

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        return super().get_context_data(
            advice=advice,
            version=self.get_version(),
            comments=list(self.get_version().comments.all()),
            can_comment=rules.may_comment(
                status=advice.status, perms=selectors.advice_perms(user=self.request.user)
            ),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.comment_add(
                version=self.get_version(), by=self.request.user, text=form.cleaned_data["text"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Je reactie is geplaatst."))
        return redirect(
            "adviezen:version", pk=self.get_advice().pk, number=self.get_version().number
        )


class VersionCompareView(ReadMixin, AdviceObjectMixin, TemplateView):
    """Two versions side by side (``?a=&b=``, by default the latest two)."""

    template_name = "adviezen/adviceversion_compare.html"

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        versions = {v.number: v for v in selectors.advice_versions(advice=advice)}
        if not versions:
            raise Http404
        numbers = list(versions)  # newest first
        pair = VersionPairForm(self.request.GET, numbers=numbers)
        b = versions[pair.chosen("b", default=numbers[0])]
        a = versions[pair.chosen("a", default=numbers[min(1, len(numbers) - 1)])]
        return super().get_context_data(
            advice=advice,
            a=a,
            b=b,
            rows=diff.compare(a.text, b.text),
            numbers=numbers,
            **kwargs,
        )
