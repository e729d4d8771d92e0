"""Forms of issue 13.14 and 13.15: locations, apologies and cancelling a meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Location


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "address", "accessibility", "notes", "is_active"]
        labels = {
            "name": _("Naam"),
            "address": _("Adres"),
            "accessibility": _("Toegankelijkheid"),
            "notes": _("Bijzonderheden"),
            "is_active": _("In gebruik (kiesbaar bij het plannen)"),
        }
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"address": _("Straat en huisnummer, en eventueel de plaats.")}


class ApologyForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Alleen het secretariaat ziet dit."),
    )


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Bericht aan de genodigden (niet verplicht)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld de reden, of wanneer de vergadering wel plaatsvindt."),
    )
