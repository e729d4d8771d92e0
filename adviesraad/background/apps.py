from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "adviesraad.background"
    label = "background"
    verbose_name = _("Achtergrondwerk")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the Celery signal handlers)
