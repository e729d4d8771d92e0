"""Forms for the adviezen pages. They validate input only; views hand the data to services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import User, WorkingGroup

from .models import Advice, Ballot, Dossier, Signal, Vote

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _no_newlines(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise forms.ValidationError(_("Gebruik één regel."))
    return value


class SignalPublicForm(forms.Form):
    """The public signal form: short, optional contact details, a honeypot field."""

    title = forms.CharField(label=_("Onderwerp"), max_length=200)
    description = forms.CharField(
        label=_("Wat wilt u ons laten weten?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Beschrijf wat u ziet of meemaakt. Noem geen medische of financiële details."),
    )
    domain = forms.ChoiceField(
        label=_("Over welk onderwerp gaat het?"),
        choices=[("", _("Weet ik niet"))] + list(WorkingGroup.Domain.choices),
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Uw naam (niet verplicht)"), max_length=200, required=False
    )
    contact_email = forms.EmailField(
        label=_("Uw e-mailadres (niet verplicht)"), max_length=254, required=False
    )
    contact_phone = forms.CharField(
        label=_("Uw telefoonnummer (niet verplicht)"), max_length=30, required=False
    )
    consent = forms.BooleanField(
        label=_(
            "Ik heb de privacyverklaring gelezen en ga akkoord met het bewaren van mijn gegevens."
        ),
        required=True,
    )
    # Honeypot: hidden from people by CSS, filled in by bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def clean_contact_name(self):
        return _no_newlines(self.cleaned_data["contact_name"])

    def clean_contact_phone(self):
        return _no_newlines(self.cleaned_data["contact_phone"])

    def clean_title(self):
        return _no_newlines(self.cleaned_data["title"])


class SignalRecordForm(forms.ModelForm):
    class Meta:
        model = Signal
        fields = [
            "source",
            "title",
            "description",
            "domain",
            "organisation",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class SignalActionForm(forms.Form):
    ACTIONS = [
        ("investigate", _("In onderzoek nemen")),
        ("agenda", _("Agenderen")),
        ("link", _("Koppelen aan dossier")),
        ("refer", _("Doorverwijzen naar wijkteam")),
        ("close", _("Afsluiten")),
    ]
    action = forms.ChoiceField(label=_("Actie"), choices=ACTIONS)
    dossier = forms.ModelChoiceField(
        label=_("Dossier"),
        queryset=Dossier.objects.filter(status=Dossier.Status.ACCEPTED),
        required=False,
    )
    meeting = forms.ModelChoiceField(label=_("Vergadering"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Notitie"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.models import Meeting

        # meetings whose agenda can still change: not yet held, from today on (one that has
        # started today but is not marked held yet still takes items)
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            start__gte=today, status__in=Meeting.AGENDA_EDITABLE
        ).order_by("start")

    def clean(self):
        data = super().clean()
        if data.get("action") == "link" and not data.get("dossier"):
            self.add_error("dossier", _("Kies het dossier."))
        if data.get("action") == "agenda" and not data.get("meeting"):
            self.add_error("meeting", _("Kies de vergadering."))
        return data


class DossierForm(forms.ModelForm):
    class Meta:
        model = Dossier
        fields = ["title", "domain", "description", "working_group", "contact_person"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(is_active=True)
        self.fields["contact_person"].queryset = User.objects.filter(is_active=True)


class DossierAcceptForm(forms.Form):
    working_group = forms.ModelChoiceField(
        label=_("Werkgroep"), queryset=WorkingGroup.objects.filter(is_active=True)
    )
    contact_person = forms.ModelChoiceField(
        label=_("Aanspreekpunt"), queryset=User.objects.filter(is_active=True), required=False
    )


class DossierRejectForm(forms.Form):
    duplicate_of = forms.ModelChoiceField(
        label=_("Dubbel met dossier"),
        queryset=Dossier.objects.filter(status=Dossier.Status.ACCEPTED),
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)


class AdviceForm(forms.ModelForm):
    request_document = forms.FileField(label=_("Adviesaanvraag (document)"), required=False)

    class Meta:
        model = Advice
        fields = [
            "title",
            "origin",
            "kind",
            "domain",
            "dossier",
            "working_group",
            "signal",
            "request_date",
            "deadline",
        ]
        widgets = {"request_date": DATE, "deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = Dossier.objects.filter(status=Dossier.Status.ACCEPTED)
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(is_active=True)


class VersionForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 18}),
        max_length=100_000,
        help_text=_(
            "Gewone tekst: lege regel tussen alinea's. Opmaak met eenvoudige HTML "
            "(p, strong, em, ul, li, h2, h3, a) mag; de rest wordt verwijderd."
        ),
    )
    change_note = forms.CharField(label=_("Wat is er veranderd?"), max_length=500, required=False)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Je reactie"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BallotOpenForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Soort stemming"),
        choices=[
            ("written", _("Schriftelijk, tussen vergaderingen")),
            ("meeting", _("In een vergadering")),
        ],
        widget=forms.RadioSelect,
        initial="written",
    )
    deadline = forms.DateTimeField(label=_("Sluit op"), required=False, widget=DATETIME)
    meeting = forms.ModelChoiceField(label=_("Vergadering"), queryset=None, required=False)
    tally = forms.ChoiceField(
        label=_("Hoe worden de stemmen vastgelegd?"),
        choices=[
            (
                Ballot.Tally.MEMBERS,
                _(
                    "Per lid: leden stemmen in de app. In een vergadering kan de secretaris ook "
                    "per lid de handopsteking vastleggen."
                ),
            ),
            (
                Ballot.Tally.COUNTS,
                _(
                    "Alleen de aantallen: de secretaris telt de handen in de vergadering. Leden "
                    "stemmen dan niet in de app."
                ),
            ),
        ],
        widget=forms.RadioSelect,
        initial=Ballot.Tally.MEMBERS,
        help_text=_("Alleen de aantallen kan alleen bij een stemming in een vergadering."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.order_by("-start")

    def clean(self):
        data = super().clean()
        if data.get("mode") == "written" and not data.get("deadline"):
            self.add_error("deadline", _("Geef aan wanneer de stemming sluit."))
        if data.get("mode") == "meeting" and not data.get("meeting"):
            self.add_error("meeting", _("Kies de vergadering."))
        if data.get("mode") == "written" and data.get("tally") == Ballot.Tally.COUNTS:
            self.add_error(
                "tally",
                _("Bij een schriftelijke stemming stemt elk lid in de app: kies 'Per lid'."),
            )
        return data


class HandCountsForm(forms.Form):
    """The counts of a show of hands, recorded by the secretary."""

    prefix = "handen"

    yes = forms.IntegerField(label=_("Voor"), min_value=0, max_value=999)
    against = forms.IntegerField(label=_("Tegen"), min_value=0, max_value=999)
    abstain = forms.IntegerField(label=_("Onthouding"), min_value=0, max_value=999)


class HandsForm(forms.Form):
    """A show of hands per member: for each eligible voter their raised hand; a member left
    without a choice keeps the vote they have (or none)."""

    prefix = "handen"

    def __init__(self, *args, hands, **kwargs):
        super().__init__(*args, **kwargs)
        for member, choice in hands:
            self.fields[f"lid_{member.pk}"] = forms.ChoiceField(
                label=str(member),
                choices=Vote.Choice.choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,
                initial=choice or None,
            )

    def choices(self) -> dict[int, str]:
        """``{member id: choice}`` for the members with a hand recorded."""
        return {
            int(name.removeprefix("lid_")): value
            for name, value in self.cleaned_data.items()
            if value
        }


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Je stem"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )


class ChairApproveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden voor vaststelling op eigen gezag"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Waarom trek je het advies in?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in het verloop van het advies, bijvoorbeeld: aanvraag ingetrokken."),
    )


class PublishForm(forms.Form):
    """Publishing: the summary, and for an informal recommendation whether it is also shown
    on the site as a short note (not unless chosen). A formal advice always goes on the site:
    its form has no such box."""

    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    public_note = forms.BooleanField(
        label=_("Als korte notitie op de website tonen"),
        required=False,
        initial=False,
        help_text=_("Zonder vinkje zien alleen de leden de aanbeveling."),
    )

    def __init__(self, *args, formal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if formal:
            del self.fields["public_note"]
        else:
            self.fields["summary"].help_text = _("De leden lezen deze samenvatting.")


class ResponseForm(forms.Form):
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DATE)
    summary = forms.CharField(
        label=_("Samenvatting van de reactie"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document = forms.FileField(label=_("Document"), required=False)


class AdvicePrefillForm(forms.Form):
    """``?signaal=<id>`` on the new-advice page: the signal the advice starts from. Anything
    that is not a whole number is ignored."""

    signaal = forms.IntegerField(required=False, min_value=1)


class VersionPairForm(forms.Form):
    """``?a=<number>&b=<number>`` on the comparison page: two of this advice's versions.
    A number that is not one of them (or not a number) is ignored."""

    a = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    b = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.choices = [(str(n), str(n)) for n in numbers]

    def chosen(self, name: str, *, default: int) -> int:
        """The valid number given for ``name`` (``"a"`` or ``"b"``), else ``default``."""
        self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value is None else value
