"""Internal pages: meetings, the agenda builder (htmx), documents, updates, attendance,
minutes and action items. Every state change is a POST through a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error

from . import selectors, services
from .filters import MeetingFilter
from .forms import (
    ActionItemForm,
    AgendaItemForm,
    AgendaItemQuickForm,
    AttendanceForm,
    DocumentForm,
    GuestForm,
    MeetingForm,
    MinutesForm,
    ScheduleApprovalForm,
    UpdateForm,
    YearPlanForm,
)
from .models import AgendaItem, Document, Guest, Meeting

VIEW = "meetings.view_internal_meetings"
MANAGE = "meetings.manage_meetings"


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _meeting(request, pk) -> Meeting:
    return selectors.meeting_get_for_user(user=request.user, pk=pk)


class MeetingListView(PermissionMixin, FilterView):
    permission_required = VIEW
    filterset_class = MeetingFilter
    template_name = "meetings/meeting_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.meeting_list(user=self.request.user).order_by("-start")


class MeetingCreateView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def get_initial(self):
        return {"kind": Meeting.Kind.PLENARY}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            meeting = services.meeting_create(by=self.request.user, **d)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De vergadering is gepland."))
        return redirect("meetings:detail", pk=meeting.pk)


class MeetingUpdateView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(Meeting, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Meeting.objects.get(pk=self.meeting.pk)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def form_valid(self, form):
        try:
            services.meeting_update(
                meeting=self.meeting, by=self.request.user, data=form.cleaned_data
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De vergadering is bijgewerkt."))
        return redirect("meetings:detail", pk=self.meeting.pk)


class YearPlanView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = YearPlanForm
    template_name = "meetings/meeting_plan_year.html"

    def get_initial(self):
        return {"year": timezone.localdate().year + 1}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            created = services.meeting_plan_year(by=self.request.user, **d)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(n)s vergaderingen gepland. Losse data pas je aan per vergadering.")
            % {"n": len(created)},
        )
        return redirect(reverse("meetings:list") + f"?year={d['year']}")


class MeetingDetailView(PermissionMixin, TemplateView):
    """The agenda builder: agenda with start times, documents, guests, updates, actions."""

    permission_required = VIEW
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = _meeting(self.request, self.kwargs["pk"])
        return {**super().get_context_data(**kwargs), **builder_context(self.request, meeting)}


_PK = 987654321


def _url_maker(name: str):
    """``reverse`` once per request for a url with one ``pk``; then a string substitution."""
    pattern = reverse(name, args=[_PK])
    head, tail = pattern.split(str(_PK), 1)
    return lambda pk: f"{head}{pk}{tail}"


def _annotate_builder_rows(
    items, documents, *, can_edit: bool, can_manage: bool, focus: str | None = None
) -> None:
    """Per-row urls and labels, computed once in Python instead of per row in the template
    (the agenda builder renders dozens of rows; docs/performance.md item 5)."""
    doc_url = _url_maker("meetings:document")
    doc_delete = _url_maker("meetings:document_delete") if can_manage else None
    for d in documents:
        d.url = doc_url(d.pk)
        if doc_delete:
            d.delete_url = doc_delete(d.pk)
    minutes = _("%(d)s minuten")
    for item in items:
        item.minutes_label = minutes % {"d": item.duration_minutes}
    if not can_edit:
        return
    move, delete, edit = (
        _url_maker("meetings:item_move"),
        _url_maker("meetings:item_delete"),
        _url_maker("meetings:item_update"),
    )
    up, down = _("%(t)s omhoog"), _("%(t)s omlaag")
    for item in items:
        item.move_url, item.delete_url, item.edit_url = (
            move(item.pk),
            delete(item.pk),
            edit(item.pk),
        )
        item.up_label, item.down_label = up % {"t": item.title}, down % {"t": item.title}
        mine = focus in (f"{item.pk}-up", f"{item.pk}-down")
        item.focus = focus.rsplit("-", 1)[1] if mine else ""


def builder_context(request, meeting, **extra) -> dict:
    ctx = selectors.agenda_context(meeting)
    can_manage = request.user.has_perm(MANAGE)
    _annotate_builder_rows(
        ctx["items"],
        ctx["all_documents"],
        can_edit=can_manage and meeting.agenda_editable,
        can_manage=can_manage,
        focus=extra.get("focus"),
    )
    sendings = list(meeting.sendings.all())
    ctx.update(
        meeting=meeting,
        can_manage=can_manage,
        can_edit_agenda=can_manage and meeting.agenda_editable,
        minutes=selectors.minutes_get(meeting),
        guests=list(meeting.guests.all()),
        updates=list(meeting.updates.all()),
        action_items=list(meeting.action_items.all()),
        last_sending=sendings[0] if sendings else None,
        # 'agenda sent' is reached by sending the agenda pack, minutes approved via the minutes.
        transitions=[Meeting.Status.HELD]
        if can_manage and meeting.can_transition_to(Meeting.Status.HELD)
        else [],
    )
    if can_manage:
        ctx.setdefault("item_form", AgendaItemQuickForm(initial={"section": "other"}))
        ctx.setdefault("document_form", DocumentForm(items=ctx["items"]))
        ctx.setdefault("guest_form", GuestForm())
        ctx.setdefault("action_form", ActionItemForm(meeting=meeting))
    ctx.update(extra)
    return ctx


def _agenda_response(request, meeting, *, status_message="", focus=None, error=""):
    """The agenda partial plus an out-of-band update of the live region."""
    ctx = builder_context(
        request,
        selectors.meeting_get_for_user(user=request.user, pk=meeting.pk),
        focus=focus,
        status_message=error or status_message,
        oob=True,
    )
    html = render_to_string("meetings/includes/_agenda.html", ctx, request=request)
    html += render_to_string("meetings/includes/_agenda_status.html", ctx, request=request)
    return HttpResponse(html)


class ManagePost(PermissionMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]


class AgendaItemAddView(ManagePost):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        form = AgendaItemQuickForm(request.POST)
        message = ""
        if form.is_valid():
            try:
                item = services.agenda_item_add(
                    meeting=meeting, by=request.user, **form.cleaned_data
                )
                message = _("Agendapunt '%(t)s' is toegevoegd.") % {"t": item.title}
                form = AgendaItemQuickForm(initial={"section": item.section})
            except DomainError as exc:
                form_error_from(form, exc)
        if not is_htmx(request):
            if form.errors:
                meeting = _meeting(request, pk)
                return render(
                    request,
                    "meetings/meeting_detail.html",
                    builder_context(request, meeting, item_form=form),
                    status=422,
                )
            messages.success(request, message)
            return redirect("meetings:detail", pk=pk)
        meeting = _meeting(request, pk)
        ctx = builder_context(request, meeting, item_form=form, status_message=message, oob=True)
        html = render_to_string("meetings/includes/_item_add.html", ctx, request=request)
        html += render_to_string("meetings/includes/_agenda.html", ctx, request=request)
        html += render_to_string("meetings/includes/_agenda_status.html", ctx, request=request)
        return HttpResponse(html)


class AgendaItemUpdateView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = AgendaItemForm
    template_name = "meetings/agendaitem_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": AgendaItem.objects.get(pk=self.item.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, meeting=self.item.meeting, **kwargs)

    def form_valid(self, form):
        try:
            services.agenda_item_update(
                item=self.item, by=self.request.user, data=form.cleaned_data
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het agendapunt is bijgewerkt."))
        return redirect("meetings:detail", pk=self.item.meeting_id)


class AgendaItemDeleteView(ManagePost):
    def post(self, request, pk):
        item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
        meeting = item.meeting
        title = item.title
        try:
            services.agenda_item_remove(item=item, by=request.user)
            msg, err = _("Agendapunt '%(t)s' is verwijderd.") % {"t": title}, ""
        except DomainError as exc:
            msg, err = "", exc.message
        if is_htmx(request):
            return _agenda_response(request, meeting, status_message=msg, error=err)
        messages.success(request, msg) if msg else messages.error(request, err)
        return redirect("meetings:detail", pk=meeting.pk)


class AgendaItemMoveView(ManagePost):
    """Keyboard-operable move up / down; htmx swaps the agenda, a plain post redirects."""

    def post(self, request, pk):
        item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
        direction = request.POST.get("direction", "")
        try:
            services.agenda_item_move(item=item, by=request.user, direction=direction)
            where = _("omhoog") if direction == "up" else _("omlaag")
            msg, err = (
                _("'%(t)s' is %(waar)s verplaatst.") % {"t": item.title, "waar": where},
                "",
            )
        except DomainError as exc:
            msg, err = "", exc.message
        if is_htmx(request):
            return _agenda_response(
                request, item.meeting, status_message=msg, error=err, focus=f"{item.pk}-{direction}"
            )
        messages.success(request, msg) if msg else messages.error(request, err)
        return redirect(reverse("meetings:detail", args=[item.meeting_id]) + f"#punt-{item.pk}")


class AgendaReorderView(ManagePost):
    """Drag and drop: the new order of one section as a comma-separated list of ids."""

    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        section = request.POST.get("section", "")
        try:
            ids = [int(x) for x in request.POST.get("order", "").split(",") if x.strip()]
        except ValueError:
            ids = []
        try:
            services.agenda_reorder(meeting=meeting, by=request.user, section=section, ids=ids)
            msg, err = _("De nieuwe volgorde is opgeslagen."), ""
        except DomainError as exc:
            msg, err = "", exc.message
        if is_htmx(request):
            return _agenda_response(request, meeting, status_message=msg, error=err)
        messages.success(request, msg) if msg else messages.error(request, err)
        return redirect("meetings:detail", pk=pk)


class MeetingTransitionView(ManagePost):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        try:
            services.meeting_transition(
                meeting=meeting, by=request.user, to_status=request.POST.get("status", "")
            )
            messages.success(request, _("De status is gewijzigd."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("meetings:detail", pk=pk)


class SendPackView(ManagePost):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        try:
            sending = services.agenda_pack_send(meeting=meeting, by=request.user)
            if sending.changes:
                messages.success(
                    request,
                    _("De gewijzigde agenda wordt verstuurd. Wijzigingen: %(w)s")
                    % {"w": " ".join(sending.changes)},
                )
            else:
                messages.success(
                    request,
                    _("Het agendapakket wordt verstuurd naar de leden en de gasten."),
                )
        except DomainError as exc:
            message_error(request, exc)
        return redirect("meetings:detail", pk=pk)


class PackPdfView(PermissionMixin, View):
    """Preview of the agenda pack (the version members receive)."""

    permission_required = VIEW

    def get(self, request, pk):
        meeting = _meeting(request, pk)
        pdf = services.agenda_pack_pdf(meeting, public_only=False)
        resp = HttpResponse(pdf, content_type="application/pdf")
        resp["Content-Disposition"] = f'inline; filename="agendapakket-{meeting.pk}.pdf"'
        resp["Cache-Control"] = "private, no-store"
        return resp


# --- documents and guests ---------------------------------------------------------------


class DocumentAddView(ManagePost):
    def post(self, request, pk):
        meeting = _meeting(request, pk)
        form = DocumentForm(request.POST, request.FILES, meeting=meeting)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.document_add(
                    meeting=meeting,
                    by=request.user,
                    upload=d["file"],
                    title=d["title"],
                    is_public=d["is_public"],
                    agenda_item=d["agenda_item"],
                )
                messages.success(request, _("Het document is toegevoegd."))
                return redirect(reverse("meetings:detail", args=[pk]) + "#documenten")
            except DomainError as exc:
                form_error_from(form, exc)
        return render(
            request,
            "meetings/meeting_detail.html",
            builder_context(request, meeting, document_form=form),
            status=422,
        )


class DocumentDownloadView(View):
    """Internal and public downloads share one permission check (selector): 404 otherwise."""

    def get(self, request, pk):
        doc = selectors.document_get_for_user(user=request.user, pk=pk)
        return private_file_response(
            doc.file, filename=doc.original_name, content_type=doc.content_type
        )


class DocumentDeleteView(ManagePost):
    def post(self, request, pk):
        doc = get_object_or_404(Document, pk=pk)
        services.document_remove(document=doc, by=request.user)
        messages.success(request, _("Het document is verwijderd."))
        return redirect(reverse("meetings:detail", args=[doc.meeting_id]) + "#documenten")


class GuestAddView(ManagePost):
    def post(self, request, pk):
        meeting = _meeting(request, pk)
        form = GuestForm(request.POST)
        if form.is_valid():
            services.guest_add(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("De gast is uitgenodigd."))
            return redirect(reverse("meetings:detail", args=[pk]) + "#gasten")
        return render(
            request,
            "meetings/meeting_detail.html",
            builder_context(request, meeting, guest_form=form),
            status=422,
        )


class GuestDeleteView(ManagePost):
    def post(self, request, pk):
        guest = get_object_or_404(Guest, pk=pk)
        meeting_id = guest.meeting_id
        services.guest_remove(guest=guest, by=request.user)
        messages.success(request, _("De gast is verwijderd."))
        return redirect(reverse("meetings:detail", args=[meeting_id]) + "#gasten")


# --- updates, attendance, minutes, actions ----------------------------------------------


class UpdatePostView(PermissionMixin, FormView):
    permission_required = "meetings.post_update"
    form_class = UpdateForm
    template_name = "meetings/update_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = _meeting(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        mine = [u for u in self.meeting.updates.all() if u.author_id == self.request.user.pk]
        return super().get_context_data(meeting=self.meeting, mine=mine, **kwargs)

    def form_valid(self, form):
        try:
            services.update_post(
                meeting=self.meeting,
                author=self.request.user,
                text=form.cleaned_data["text"],
                working_group=form.cleaned_data["working_group"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Je update is geplaatst."))
        return redirect(reverse("meetings:detail", args=[self.meeting.pk]) + "#updates")


def _people_for(meeting):
    from members.selectors import active_members_on

    day = timezone.localtime(meeting.start).date()
    ids = set(active_members_on(day).values_list("pk", flat=True))
    ids |= {a.member_id for a in meeting.attendances.all()}
    from members.models import User

    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name")


class AttendanceView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = AttendanceForm
    template_name = "meetings/attendance_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = get_object_or_404(
                Meeting.objects.prefetch_related("attendances"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "people": _people_for(self.meeting),
            "current": {a.member_id: a.status for a in self.meeting.attendances.all()},
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def form_valid(self, form):
        try:
            services.attendance_record(
                meeting=self.meeting, by=self.request.user, statuses=form.statuses()
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De aanwezigheid is opgeslagen."))
        return redirect("meetings:detail", pk=self.meeting.pk)


class AttendanceOverviewView(PermissionMixin, TemplateView):
    permission_required = MANAGE
    template_name = "meetings/attendance_overview.html"

    def get_context_data(self, **kwargs):
        try:
            year = int(self.request.GET.get("jaar", ""))
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2000), 2100)
        return super().get_context_data(
            year=year,
            years=list(range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1)),
            overview=selectors.attendance_overview(year=year),
            **kwargs,
        )


class MinutesView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = MinutesForm
    template_name = "meetings/minutes_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(MANAGE):
            self.meeting = _meeting(request, kwargs["pk"])
            self.items = selectors.agenda_items_ordered(self.meeting)
            self.minutes = selectors.minutes_get(self.meeting)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"notes": self.minutes.notes if self.minutes else ""}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": self.items}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            minutes=self.minutes,
            schedule_form=ScheduleApprovalForm(meeting=self.meeting),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.minutes_save(
                meeting=self.meeting,
                by=self.request.user,
                notes=form.cleaned_data["notes"],
                decisions=form.decisions(),
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De notulen zijn opgeslagen."))
        return redirect("meetings:minutes", pk=self.meeting.pk)


class MinutesScheduleView(ManagePost):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        form = ScheduleApprovalForm(request.POST, meeting=meeting)
        if not form.is_valid():
            messages.error(request, _("Kies een latere vergadering."))
            return redirect("meetings:minutes", pk=pk)
        try:
            services.minutes_schedule_approval(
                meeting=meeting, by=request.user, at_meeting=form.cleaned_data["at_meeting"]
            )
            messages.success(
                request, _("De vaststelling van de notulen staat op de agenda van die vergadering.")
            )
        except DomainError as exc:
            message_error(request, exc)
        return redirect("meetings:minutes", pk=pk)


class MinutesApproveView(ManagePost):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        try:
            services.minutes_approve(meeting=meeting, by=request.user)
            messages.success(request, _("De notulen zijn vastgesteld."))
        except DomainError as exc:
            message_error(request, exc)
        return redirect("meetings:minutes", pk=pk)


class MinutesPdfView(PermissionMixin, View):
    permission_required = VIEW

    def get(self, request, pk):
        from .pdfs import minutes_pdf

        meeting = _meeting(request, pk)
        resp = HttpResponse(minutes_pdf(meeting, public_only=False), content_type="application/pdf")
        resp["Content-Disposition"] = f'inline; filename="notulen-{meeting.pk}.pdf"'
        resp["Cache-Control"] = "private, no-store"
        return resp


class ActionAddView(ManagePost):
    def post(self, request, pk):
        meeting = _meeting(request, pk)
        form = ActionItemForm(request.POST, meeting=meeting)
        if form.is_valid():
            try:
                services.action_item_add(by=request.user, meeting=meeting, **form.cleaned_data)
                messages.success(request, _("Het actiepunt is toegevoegd."))
                return redirect(reverse("meetings:detail", args=[pk]) + "#acties")
            except DomainError as exc:
                form_error_from(form, exc)
        return render(
            request,
            "meetings/meeting_detail.html",
            builder_context(request, meeting, action_form=form),
            status=422,
        )


class ActionDoneView(PermissionMixin, View):
    permission_required = VIEW
    http_method_names = ["post"]

    def post(self, request, pk):
        action = get_object_or_404(selectors.action_item_list(user=request.user), pk=pk)
        try:
            services.action_item_set_done(
                action=action, by=request.user, done=request.POST.get("done") != "0"
            )
            messages.success(request, _("Het actiepunt is bijgewerkt."))
        except DomainError as exc:
            message_error(request, exc)
        nxt = request.POST.get("next", "")
        from django.utils.http import url_has_allowed_host_and_scheme

        if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
            return redirect(nxt)
        return redirect("meetings:action_list")


class ActionListView(PermissionMixin, ListView):
    permission_required = VIEW
    template_name = "meetings/actionitem_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = selectors.action_item_list(user=self.request.user)
        if self.request.GET.get("status") == "open":
            qs = qs.filter(done=False)
        elif self.request.GET.get("status") == "afgerond":
            qs = qs.filter(done=True)
        return qs.order_by("done", "due_date", "id")


def forbid_unless(cond: bool) -> None:
    if not cond:
        raise PermissionDenied
