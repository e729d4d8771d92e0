"""The form renderer (``FORM_RENDERER``): Django's, with a Dutch empty choice.

Django, its model fields and django-filter all label the empty choice of a select (or a radio
list) "---------". Every choice widget is rendered through this renderer, so this is the one
place where that label becomes "Kies …" (issue 13.16). A form that sets its own ``empty_label``
("Alle", "Op persoonlijke titel") keeps it.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext as _

DJANGO_EMPTY_LABEL = "---------"


def empty_label() -> str:
    return _("Kies …")


def choice_label(label):
    """``label`` for an option, with Django's "---------" replaced (also for code that builds
    its own ``<option>`` elements, such as ``meetings_fields.bs_field``)."""
    return empty_label() if label == DJANGO_EMPTY_LABEL else label


class CouncilFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict) and "optgroups" in widget:
            for _group, options, _index in widget["optgroups"]:
                for option in options:
                    option["label"] = choice_label(option.get("label"))
        return super().render(template_name, context, request=request)
