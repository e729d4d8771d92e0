import django_filters
from django.utils.translation import gettext_lazy as _

from .models import BudgetYear, Declaration


def _years(request):
    return BudgetYear.objects.all()


class DeclarationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Declaration.Status.choices, empty_label=_("Alle")
    )
    budget_year = django_filters.ModelChoiceFilter(
        label=_("Jaar"), queryset=_years, empty_label=_("Alle")
    )
    claimant = django_filters.CharFilter(
        label=_("Declarant"), method="filter_claimant", max_length=100
    )

    class Meta:
        model = Declaration
        fields = ["status", "budget_year"]

    def filter_claimant(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(
            Q(claimant__first_name__icontains=value) | Q(claimant__last_name__icontains=value)
        )
