"""Forms of recruitment: the vacancy, the public application, the committee's steps and the
appointment. Each lists its fields; the services decide (docs/rules.md, S5)."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adviesraad.uploads import PDF, validate_upload
from meetings.models import Location
from members import roles
from members.models import User

from .models import Application, Assessment, Vacancy
from .services.vacancies import VACANCY_FIELDS

CV_MAX_BYTES = 5 * 1024 * 1024  # a CV is a few pages; 5 MB is generous
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _one_line(value: str) -> str:
    """Names and phone numbers end up in e-mail headers' neighbourhood: no line breaks."""
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Gebruik één regel, zonder enters."))
    return value.strip()


class VacancyForm(forms.ModelForm):
    committee = forms.ModelMultipleChoiceField(
        label=_("Leden in de selectiecommissie"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De secretaris en de voorzitter zitten er altijd in."),
    )

    class Meta:
        model = Vacancy
        fields = list(VACANCY_FIELDS)
        widgets = {
            "starts_on": DATE,
            "closes_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
            "profile": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = (
            User.objects.filter(is_active=True, groups__name=roles.MEMBER)
            .exclude(groups__name=roles.CHAIR)
            .distinct()
            .order_by("first_name", "last_name")
        )
        if self.instance.pk:
            self.fields["committee"].initial = list(
                self.instance.committee.values_list("pk", flat=True)
            )

    def clean_seats(self):
        seats = self.cleaned_data["seats"]
        if seats < 1:
            raise ValidationError(_("Een vacature is voor minstens één zetel."))
        return seats

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate() and (
            not self.instance.pk or closes_on != self.instance.closes_on
        ):
            raise ValidationError(_("De sluitingsdatum ligt in het verleden. Kies een latere dag."))
        return closes_on


class ApplicationForm(forms.Form):
    """The public application form: short, a PDF CV at most, a honeypot field."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30)
    motivation = forms.CharField(
        label=_("Waarom wilt u lid worden?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Vertel wat u meebrengt: uw ervaring met werk, inkomen, zorg of jeugd, als inwoner, "
            "mantelzorger of beroepskracht. Maximaal 5000 tekens."
        ),
    )
    cv = forms.FileField(
        label=_("Cv (niet verplicht)"),
        required=False,
        help_text=_("Een PDF-bestand van maximaal 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    reserve_pool = forms.BooleanField(
        label=_(
            "Als ik nu niet word gekozen, mag de raad mijn gegevens een jaar bewaren om mij "
            "later te benaderen (reservepool)."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "Ik heb de privacyverklaring gelezen en ga akkoord met het bewaren van mijn gegevens "
            "voor deze sollicitatie."
        ),
        required=True,
    )
    # Honeypot: hidden from people by CSS, filled in by bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def clean_first_name(self):
        return _one_line(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _one_line(self.cleaned_data["last_name"])

    def clean_phone(self):
        return _one_line(self.cleaned_data["phone"])

    def clean_cv(self):
        cv = self.cleaned_data.get("cv")
        if cv:
            self.cv_checked = validate_upload(cv, kinds=(PDF,), max_bytes=CV_MAX_BYTES)
        return cv


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=Application.Status.choices)
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        max_length=500,
        required=False,
        help_text=_("Zet hier geen persoonlijke gegevens; de toelichting wordt ook gewist."),
    )


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["judgement", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        labels = {"judgement": _("Jouw oordeel"), "note": _("Jouw toelichting")}


class InterviewForm(forms.Form):
    day = forms.DateField(label=_("Datum"), widget=DATE)
    time = forms.TimeField(label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Duur (minuten)"), min_value=15, max_value=240, initial=45)
    location = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=Location.objects.filter(is_active=True),
        required=False,
        empty_label=_("Nog niet bekend"),
    )

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            start = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
            if start < timezone.now():
                self.add_error(
                    "day", _("Dit moment is al voorbij. Kies een moment in de toekomst.")
                )
            data["start"] = start
            data["end"] = start + datetime.timedelta(minutes=data.get("minutes") or 45)
        return data


class AppointmentForm(forms.Form):
    decided_on = forms.DateField(label=_("Datum van het collegebesluit"), widget=DATE)
    decision_document = forms.FileField(
        label=_("Collegebesluit"), help_text=_("Het besluit als PDF, maximaal 10 MB.")
    )
    start = forms.DateField(label=_("Begin van de eerste termijn"), widget=DATE)

    def clean_decision_document(self):
        document = self.cleaned_data["decision_document"]
        self.document_checked = validate_upload(
            document, kinds=(PDF,), max_bytes=settings.UPLOAD_MAX_BYTES
        )
        return document
