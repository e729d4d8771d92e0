import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Meeting


def _years():
    y = timezone.localdate().year
    return [(str(v), str(v)) for v in range(y + 1, y - 6, -1)]


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Meeting.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Meeting.Status.choices)
    year = django_filters.ChoiceFilter(
        label=_("Jaar"), choices=_years, field_name="start", lookup_expr="year"
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def search(self, qs, name, value):
        return qs.filter(Q(title__icontains=value) | Q(location__name__icontains=value))


class PublicMeetingFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        label=_("Periode"),
        choices=[("komend", _("Komende vergaderingen")), ("geweest", _("Eerdere vergaderingen"))],
        method="by_when",
        empty_label=_("Alle"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Jaar"), choices=_years, field_name="start", lookup_expr="year"
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def by_when(self, qs, name, value):
        now = timezone.now()
        if value == "komend":
            return qs.filter(end__gte=now).order_by("start")
        if value == "geweest":
            return qs.filter(end__lt=now).order_by("-start")
        return qs
