import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from adviesraad.models import AuditEntry

from . import roles
from .models import User, WorkingGroup


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("Rol"),
        choices=[(r, roles.ROLE_LABELS[r]) for r in roles.ALL_ROLES],
        field_name="groups__name",
    )
    working_group = django_filters.ModelChoiceFilter(
        label=_("Werkgroep"), queryset=WorkingGroup.objects.all(), method="in_group"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("Met lopende termijn")), ("inactive", _("Zonder lopende termijn"))],
        method="by_status",
        empty_label=_("Iedereen"),
    )

    class Meta:
        model = User
        fields: list[str] = []

    def search(self, qs, name, value):
        return qs.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )

    def in_group(self, qs, name, value):
        today = datetime.date.today()
        return qs.filter(
            Q(group_memberships__end__isnull=True) | Q(group_memberships__end__gte=today),
            group_memberships__group=value,
            group_memberships__start__lte=today,
        ).distinct()

    def by_status(self, qs, name, value):
        today = datetime.date.today()
        active = Q(terms__start__lte=today, terms__end__gte=today)
        if value == "active":
            return qs.filter(active).distinct()
        return qs.exclude(pk__in=User.objects.filter(active).values("pk"))


class AuditFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(label=_("Actie"), lookup_expr="istartswith")
    actor = django_filters.CharFilter(
        label=_("Door"), field_name="actor_label", lookup_expr="icontains"
    )
    object_type = django_filters.ChoiceFilter(
        label=_("Objecttype"), choices=[], empty_label=_("Alle")
    )
    since = django_filters.DateFilter(
        label=_("Vanaf"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("Tot en met"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    request_id = django_filters.CharFilter(label=_("Request-id"))

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        types = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
        self.filters["object_type"].extra["choices"] = [(t, t) for t in types if t]
