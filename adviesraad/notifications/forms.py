from django import forms

from .kinds import kind_label
from .models import Delivery


class PreferencesForm(forms.Form):
    """One choice per kind: e-mail now, daily digest or app only."""

    def __init__(self, *args, kinds: list[str], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=kind_label(kind),
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind),
            )
