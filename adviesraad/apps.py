from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviesraadConfig(AppConfig):
    name = "adviesraad"
    verbose_name = _("Adviesraad")
