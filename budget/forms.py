from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.iban import validate_iban

from .models import BudgetLine, BudgetYear, Receipt


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BudgetYearForm(forms.ModelForm):
    class Meta:
        model = BudgetYear
        fields = ["year", *BudgetYear.PLAN_FIELDS]
        widgets = {
            "plan_text": forms.Textarea(attrs={"rows": 8}),
            "goals": forms.Textarea(attrs={"rows": 4}),
        }


class BudgetYearUpdateForm(BudgetYearForm):
    class Meta(BudgetYearForm.Meta):
        fields = list(BudgetYear.PLAN_FIELDS)


class BudgetLinesForm(forms.Form):
    """One amount field per category."""

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {line.category: line for line in (lines or [])}
        for category, label in BudgetLine.Category.choices:
            line = current.get(category)
            self.fields[f"amount_{category}"] = forms.DecimalField(
                label=str(label).capitalize(),
                min_value=Decimal("0"),
                max_digits=10,
                decimal_places=2,
                initial=line.amount if line else Decimal("0.00"),
                localize=True,
            )
            self.fields[f"description_{category}"] = forms.CharField(
                label=_("Toelichting"),
                max_length=200,
                required=False,
                initial=line.description if line else "",
            )


class GrantForm(forms.Form):
    granted_amount = forms.DecimalField(
        label=_("Toegekend bedrag (€)"), min_value=0, max_digits=10, decimal_places=2, localize=True
    )
    on = forms.DateField(label=_("Datum toekenning"), widget=DateInput(), required=False)


class ExpenseForm(forms.Form):
    budget_line = forms.ModelChoiceField(
        label=_("Begrotingspost"), queryset=BudgetLine.objects.none()
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    description = forms.CharField(label=_("Omschrijving"), max_length=200)
    amount = forms.DecimalField(
        label=_("Bedrag (€)"), max_digits=10, decimal_places=2, localize=True
    )

    def __init__(self, *args, budget_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(budget_year=budget_year)


class DeclarationCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=200,
        help_text=_("Bijvoorbeeld: vergaderingen en reiskosten eerste kwartaal."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class _LineForm(forms.Form):
    budget_line = forms.ModelChoiceField(
        label=_("Begrotingspost"), queryset=BudgetLine.objects.none()
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    description = forms.CharField(label=_("Omschrijving"), max_length=200)

    def __init__(self, *args, declaration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(
            budget_year_id=declaration.budget_year_id
        ).exclude(category=BudgetLine.Category.ALLOWANCES)


class ExpenseLineForm(_LineForm):
    amount = forms.DecimalField(
        label=_("Bedrag (€)"), max_digits=10, decimal_places=2, localize=True
    )
    invoices = MultipleFileField(
        label=_("Bon of factuur"),
        required=False,
        help_text=_("PDF, JPG of PNG, hoogstens 5 MB per bestand."),
    )
    payments = MultipleFileField(
        label=_("Betaalbewijs"),
        required=False,
        help_text=_("Bijvoorbeeld een afschrift of pinbon. PDF, JPG of PNG."),
    )


class JourneyLineForm(_LineForm):
    kilometres = forms.DecimalField(
        label=_("Kilometers"), max_digits=7, decimal_places=1, localize=True, required=False
    )


class PrefillForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=DateInput())
    end = forms.DateField(label=_("Tot en met"), widget=DateInput())


class ReceiptForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    kind = forms.ChoiceField(label=_("Soort bewijs"), choices=Receipt.Kind.choices)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class IbanForm(forms.Form):
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        validators=[validate_iban],
        help_text=_("Het rekeningnummer waarop de gemeente je declaraties uitbetaalt."),
    )


class ExportForm(forms.Form):
    start = forms.DateField(label=_("Goedgekeurd vanaf"), widget=DateInput())
    end = forms.DateField(label=_("Tot en met"), widget=DateInput())


class AnnualReportForm(forms.Form):
    introduction = forms.CharField(
        label=_("Inleiding"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )


class ResearchReportForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    summary = forms.CharField(
        label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    file = forms.FileField(
        label=_("PDF-bestand"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )
