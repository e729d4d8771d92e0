from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import CouncilSettings, Term, User, WorkingGroup

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw."
        ),
        "inactive": _("Dit account is niet actief."),
    }


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit je authenticator-app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class LoginCodeForm(forms.Form):
    """The log-in code step: a code from the app or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code uit je authenticator-app of een herstelcode"),
        max_length=20,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class RoleField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=[(r, roles.ROLE_LABELS[r]) for r in roles.ALL_ROLES],
            widget=forms.CheckboxSelectMultiple,
            label=_("Rollen"),
            required=False,
            **kwargs,
        )


class MemberForm(forms.ModelForm):
    roles = RoleField()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "organisation", "joined_on"]
        widgets = {"joined_on": DATE_WIDGET}
        labels = {"first_name": _("Voornaam"), "last_name": _("Achternaam")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk:
            self.fields["roles"].initial = list(self.instance.groups.values_list("name", flat=True))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # The service checks uniqueness case-insensitively and reports it on the field.
        pass


class MemberCreateForm(MemberForm):
    """A new member, optionally with a first term in the same step."""

    term_start = forms.DateField(
        label=_("Begin eerste termijn"), required=False, widget=DATE_WIDGET
    )
    term_role = forms.ChoiceField(
        label=_("Rol in de raad"), choices=Term.Role.choices, initial=Term.Role.MEMBER
    )


class TermForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol in de raad"), choices=Term.Role.choices)
    start = forms.DateField(label=_("Begin"), widget=DATE_WIDGET)
    end = forms.DateField(
        label=_("Einde"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leeg: de standaard termijnduur."),
    )
    note = forms.CharField(label=_("Opmerking"), max_length=200, required=False)


class TermEndForm(forms.Form):
    end = forms.DateField(
        label=_("Laatste dag"),
        widget=DATE_WIDGET,
        help_text=_("De laatste dag als lid. De zetel is vrij vanaf de dag erna."),
    )


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "domain", "description", "contact_person", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = User.objects.filter(is_active=True)


class MembershipForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Lid"), queryset=User.objects.filter(is_active=True))
    start = forms.DateField(label=_("Vanaf"), widget=DATE_WIDGET)
    end = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Alleen voor een tijdelijk lidmaatschap."),
    )
    note = forms.CharField(label=_("Opmerking"), max_length=200, required=False)


class CouncilSettingsForm(forms.ModelForm):
    class Meta:
        model = CouncilSettings
        fields = [
            "name",
            "municipality",
            "description",
            "contact_email",
            "college_email",
            "advisors_email",
            "max_members",
            "max_chairs",
            "term_length_years",
            "max_terms",
            "approval_threshold_percent",
            "approval_basis",
            "quorum_percent",
            "votes_visible_to_members",
            "allowance_rate",
            "chair_allowance_rate",
            "kilometre_rate",
            "signal_retention_days",
            "response_deadline_weeks",
            "agenda_reminder_days",
            "export_retention_days",
            "second_factor_required",
            "applicant_retention_months",
            "tooi_publisher",
            "meetings_under_woo",
            "publish_requests",
            "accessibility_status",
            "accessibility_checked_on",
            "accessibility_known_issues",
        ]
        widgets = {"accessibility_checked_on": forms.DateInput(attrs={"type": "date"})}

    def clean_approval_threshold_percent(self):
        value = self.cleaned_data["approval_threshold_percent"]
        if not 1 <= value <= 100:
            raise forms.ValidationError(_("Kies een drempel tussen 1 en 100 procent."))
        return value

    def clean_max_terms(self):
        value = self.cleaned_data["max_terms"]
        if value < 1:
            raise forms.ValidationError(_("Minstens één termijn."))
        return value

    def clean_term_length_years(self):
        value = self.cleaned_data["term_length_years"]
        if not 1 <= value <= 10:
            raise forms.ValidationError(_("Kies een termijnduur tussen 1 en 10 jaar."))
        return value
