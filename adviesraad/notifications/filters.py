import django_filters
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .models import Notification


class NotificationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("unread", _("Ongelezen")), ("read", _("Gelezen"))],
        method="by_status",
        empty_label=_("Alle"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=list(KINDS.items()), empty_label=_("Alle soorten")
    )

    class Meta:
        model = Notification
        fields: list[str] = []

    def by_status(self, qs, name, value):
        if value == "unread":
            return qs.filter(read_at__isnull=True)
        if value == "read":
            return qs.filter(read_at__isnull=False)
        return qs
