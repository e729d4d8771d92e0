import django_filters
from django.utils.translation import gettext_lazy as _

from .labels import task_choices
from .models import OutboxMessage


class OutboxFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=OutboxMessage.State.choices, empty_label=_("Alle")
    )
    task_name = django_filters.ChoiceFilter(
        label=_("Taak"), choices=task_choices, empty_label=_("Alle taken")
    )

    class Meta:
        model = OutboxMessage
        fields: list[str] = []
