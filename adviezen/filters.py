"""Filters for the advice, dossier and signal lists. Choices are allow-listed."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import WorkingGroup

from .models import Advice, Dossier, Signal
from .selectors import advice_search


class PublicAdviceFilter(django_filters.FilterSet):
    # the form refuses a NUL byte (PostgreSQL cannot search for one) and over-long text
    q = django_filters.CharFilter(
        label=_("Zoeken"), method="search", max_length=200, widget=forms.SearchInput
    )
    year = django_filters.ChoiceFilter(
        label=_("Jaar"), choices=[], method="by_year", empty_label=_("Alle jaren")
    )
    domain = django_filters.ChoiceFilter(
        label=_("Domein"), choices=WorkingGroup.Domain.choices, empty_label=_("Alle domeinen")
    )
    origin = django_filters.ChoiceFilter(
        label=_("Aanleiding"),
        choices=Advice.Origin.choices,
        empty_label=_("Gevraagd en ongevraagd"),
    )
    answered = django_filters.ChoiceFilter(
        label=_("Reactie college"),
        choices=[("yes", _("Beantwoord")), ("no", _("Nog geen reactie"))],
        method="by_answered",
        empty_label=_("Alle"),
    )

    class Meta:
        model = Advice
        fields: list[str] = []

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]

    def search(self, qs, name, value):
        value = value.strip()
        return advice_search(qs, value) if value else qs

    def by_year(self, qs, name, value):
        return qs.filter(published_at__year=int(value)) if str(value).isdigit() else qs

    def by_answered(self, qs, name, value):
        return qs.filter(response__isnull=(value == "no"))


class AdviceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Advice.Status.choices, empty_label=_("Alle")
    )
    domain = django_filters.ChoiceFilter(
        label=_("Domein"), choices=WorkingGroup.Domain.choices, empty_label=_("Alle")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Advice.Kind.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Advice
        fields: list[str] = []


class DossierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Dossier.Status.choices, empty_label=_("Alle")
    )
    domain = django_filters.ChoiceFilter(
        label=_("Domein"), choices=WorkingGroup.Domain.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Dossier
        fields: list[str] = []


class SignalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Signal.Status.choices, empty_label=_("Alle")
    )
    source = django_filters.ChoiceFilter(
        label=_("Afkomstig van"), choices=Signal.Source.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Signal
        fields: list[str] = []
