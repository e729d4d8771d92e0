import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import User, WorkingGroup

from . import rules
from .models import ActionItem, AgendaItem, Attendance, Guest, Location, Meeting

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DT_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class MeetingForm(forms.ModelForm):
    start = forms.DateTimeField(label=_("Begin"), widget=DT_WIDGET, input_formats=DT_FORMATS)
    end = forms.DateTimeField(label=_("Einde"), widget=DT_WIDGET, input_formats=DT_FORMATS)

    class Meta:
        model = Meeting
        fields = list(rules.MEETING_FIELDS)
        labels = {"kind": _("Soort"), "title": _("Titel"), "is_public": _("Openbare vergadering")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(is_active=True)
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and not rules.end_is_after_start(start=start, end=end):
            self.add_error("end", _("Het einde moet na het begin liggen."))
        return data


WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
    (5, _("zaterdag")),
    (6, _("zondag")),
]
ORDINALS = [
    (1, _("eerste")),
    (2, _("tweede")),
    (3, _("derde")),
    (4, _("vierde")),
    (-1, _("laatste")),
]
MONTHS = [
    (1, _("januari")),
    (2, _("februari")),
    (3, _("maart")),
    (4, _("april")),
    (5, _("mei")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("augustus")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]


class YearPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Soort"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200, initial=_("Plenaire vergadering"))
    n = forms.TypedChoiceField(label=_("Welke"), choices=ORDINALS, coerce=int, initial=2)
    weekday = forms.TypedChoiceField(label=_("Dag"), choices=WEEKDAYS, coerce=int, initial=1)
    start_time = forms.TimeField(
        label=_("Aanvang"),
        initial=datetime.time(19, 30),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=15, max_value=600, initial=150
    )
    months = forms.TypedMultipleChoiceField(
        label=_("Maanden"),
        choices=MONTHS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=list(range(1, 13)),
    )
    location = forms.ModelChoiceField(
        label=_("Locatie"), queryset=Location.objects.filter(is_active=True), required=False
    )
    is_public = forms.BooleanField(label=_("Openbare vergaderingen"), required=False, initial=True)


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = list(rules.ITEM_FIELDS)
        labels = {"is_public": _("Openbaar agendapunt")}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        duration = self.fields["duration_minutes"]
        duration.widget.attrs.update({"min": 0, "max": rules.MAX_ITEM_MINUTES})
        duration.validators.append(MaxValueValidator(rules.MAX_ITEM_MINUTES))


class AgendaItemQuickForm(AgendaItemForm):
    """The builder's add form: the links are set on the edit page. The builder shows four
    forms on one page; each has its own prefix, so no two fields share an id (issue 13, 2)."""

    prefix = "punt"

    class Meta(AgendaItemForm.Meta):
        fields = ["title", "section", "presenter", "duration_minutes", "is_public"]


def _item_choices(items) -> list[tuple]:
    """The agenda items the builder already loaded, as choices (no query per form)."""
    return [("", "---------")] + [(i.pk, f"{i.number}. {i.title}") for i in items]


class DocumentForm(forms.Form):
    prefix = "document"  # the builder's forms have their own ids (see AgendaItemQuickForm)
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, JPEG of PNG; hoogstens 10 MB."),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Bij agendapunt"), queryset=AgendaItem.objects.none(), required=False
    )
    is_public = forms.BooleanField(label=_("Openbaar document"), required=False)

    def __init__(self, *args, meeting=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        if items is not None:
            self.fields["agenda_item"].choices = _item_choices(items)


class GuestForm(forms.ModelForm):
    prefix = "gast"  # the builder's forms have their own ids (see AgendaItemQuickForm)

    class Meta:
        model = Guest
        fields = ["name", "organisation", "email"]


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Je update"),
        max_length=rules.MAX_UPDATE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Kort en puntsgewijs: één punt per regel."),
    )
    working_group = forms.ModelChoiceField(
        label=_("Namens werkgroep"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        empty_label=_("Op persoonlijke titel"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["working_group"].queryset = WorkingGroup.objects.filter(
                memberships__member=user, is_active=True
            ).distinct()


class AttendanceForm(forms.Form):
    """One choice per person: present, excused, absent or not recorded."""

    def __init__(self, *args, people=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.people = list(people)
        for person in self.people:
            self.fields[f"m{person.pk}"] = forms.ChoiceField(
                label=str(person),
                choices=[("", _("niet vastgelegd")), *Attendance.Status.choices],
                required=False,
                initial=current.get(person.pk, ""),
            )

    def statuses(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"m{p.pk}", "") for p in self.people}


class MinutesForm(forms.Form):
    notes = forms.CharField(
        label=_("Algemene aantekeningen"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"d{item.pk}"] = forms.CharField(
                label=f"{item.number}. {item.title}",
                required=False,
                initial=item.decision,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def decisions(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"d{i.pk}", "") for i in self.items}


class ScheduleApprovalForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        label=_("Vaststellen in de vergadering van"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            # later meetings (rules.approval_meeting_is_later) whose agenda is still open; the
            # next twelve are offered, any of them is accepted (a sliced queryset accepts none)
            later = Meeting.objects.filter(
                start__gt=meeting.start, status__in=Meeting.AGENDA_EDITABLE
            ).order_by("start")
            field = self.fields["at_meeting"]
            field.queryset = later
            field.choices = [("", field.empty_label)] + [(m.pk, str(m)) for m in later[:12]]


class ActionItemForm(forms.ModelForm):
    prefix = "actie"  # the builder's forms have their own ids (see AgendaItemQuickForm)

    class Meta:
        model = ActionItem
        fields = ["description", "owner", "due_date", "agenda_item"]
        widgets = {"due_date": DATE_WIDGET}
        labels = {"agenda_item": _("Bij agendapunt")}

    def __init__(self, *args, meeting=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        owners = User.objects.filter(is_active=True)
        self.fields["owner"].queryset = owners
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting=meeting) if meeting else AgendaItem.objects.none()
        )
        if items is not None:
            # The builder's empty form: choices from one plain query and the loaded items.
            names = owners.only("first_name", "last_name", "email")
            self.fields["owner"].choices = [("", "---------")] + [(u.pk, str(u)) for u in names]
            self.fields["agenda_item"].choices = _item_choices(items)
        self.fields["due_date"].initial = timezone.localdate() + datetime.timedelta(days=14)
