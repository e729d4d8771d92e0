"""The agenda builder (the internal meeting page) and its agenda changes, with htmx.

The builder is a benchmark page (a 30-item meeting, docs/performance.md): its queries are a
fixed number whatever the number of items and documents, per-row links and labels are
computed once per request in Python, and the add-forms are rendered without per-field
templates (``meetings_fields.bs_form``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from

from .. import rules, selectors, services
from ..forms import ActionItemForm, AgendaItemForm, AgendaItemQuickForm, DocumentForm, GuestForm
from ..models import AgendaItem, Meeting
from .attendance import apology_context
from .common import MANAGE, VIEW, ManagePost, ServiceFormView, is_htmx, meeting_for


class MeetingDetailView(PermissionMixin, TemplateView):
    """The agenda builder: agenda with start times, documents, guests, updates, actions."""

    permission_required = VIEW
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = meeting_for(self.request, self.kwargs["pk"])
        return {**super().get_context_data(**kwargs), **builder_context(self.request, meeting)}


_PK = 987654321
# Stand-ins for an item's title and focus in the controls rendered once per request.
_TITLE, _FOCUS_UP, _FOCUS_DOWN = "zqTITLEqz", "zqUPqz", "zqDOWNqz"


def _url_maker(name: str):
    """``reverse`` once per request for a url with one ``pk``; then a string substitution."""
    pattern = reverse(name, args=[_PK])
    head, tail = pattern.split(str(_PK), 1)
    return lambda pk: f"{head}{pk}{tail}"


def _controls_maker(request):
    """An agenda item's controls (``_agenda_item_controls.html``), rendered once per request
    for a stand-in item; each row gets a copy with its id, escaped title and focus filled in.
    The stand-ins are replaced before the title goes in, so no title can be mistaken for one.
    """
    html = render_to_string(
        "meetings/includes/_agenda_item_controls.html",
        {
            "move_url": reverse("meetings:item_move", args=[_PK]),
            "delete_url": reverse("meetings:item_delete", args=[_PK]),
            "edit_url": reverse("meetings:item_update", args=[_PK]),
            "title": _TITLE,
            "up_label": _("%(t)s omhoog") % {"t": _TITLE},
            "down_label": _("%(t)s omlaag") % {"t": _TITLE},
            "focus_up": _FOCUS_UP,
            "focus_down": _FOCUS_DOWN,
        },
        request=request,
    )

    def controls(item, focus: str) -> str:
        filled = (
            html.replace(str(_PK), str(item.pk))
            .replace(_FOCUS_UP, "data-autofocus" if focus == "up" else "")
            .replace(_FOCUS_DOWN, "data-autofocus" if focus == "down" else "")
            .replace(_TITLE, escape(item.title))
        )
        return mark_safe(filled)  # noqa: S308 (our template's output and an escaped title)

    return controls


def _annotate_builder_rows(
    request, items, documents, *, can_edit: bool, can_manage: bool, focus: str | None = None
) -> None:
    """Per-row urls, labels and controls, made once per request and filled in per row in
    Python instead of rendered per row in the template (the agenda builder renders dozens of
    rows; docs/performance.md)."""
    doc_url = _url_maker("meetings:document")
    doc_delete = _url_maker("meetings:document_delete") if can_manage else None
    for d in documents:
        d.url = doc_url(d.pk)
        if doc_delete:
            d.delete_url = doc_delete(d.pk)
    minutes = _("%(d)s minuten")
    for item in items:
        item.time = timezone.localtime(item.starts_at).strftime("%H:%M")
        item.minutes_label = minutes % {"d": item.duration_minutes}
    if not can_edit:
        return
    controls = _controls_maker(request)
    for item in items:
        mine = focus in (f"{item.pk}-up", f"{item.pk}-down")
        item.controls = controls(item, focus.rsplit("-", 1)[1] if mine else "")


def builder_context(request, meeting, **extra) -> dict:
    """Everything the builder page shows, from the meeting ``meeting_for`` loaded; ``extra``
    replaces a form (bound, with its errors) or adds the live-region message."""
    ctx = selectors.agenda_context(meeting)
    can_manage = request.user.has_perm(MANAGE)
    can_edit = can_manage and meeting.agenda_editable
    _annotate_builder_rows(
        request,
        ctx["items"],
        ctx["all_documents"],
        can_edit=can_edit,
        can_manage=can_manage,
        focus=extra.get("focus"),
    )
    ctx.update(
        meeting=meeting,
        can_manage=can_manage,
        can_edit_agenda=can_edit,
        minutes=selectors.minutes_get(meeting),
        minutes_to_approve=list(meeting.minutes_to_approve.all()),
        runs_over=rules.agenda_runs_over(agenda_end=ctx["agenda_end"], meeting_end=meeting.end),
        guests=list(meeting.guests.all()),
        updates=list(meeting.updates.all()),
        action_items=list(meeting.action_items.all()),
        last_sending=selectors.last_sending(meeting),
        # 'agenda sent' is reached by sending the agenda pack, minutes approved via the minutes.
        transitions=[Meeting.Status.HELD]
        if can_manage and meeting.can_transition_to(Meeting.Status.HELD)
        else [],
    )
    ctx.update(
        apology_context(request, meeting),  # apologies and cancelling (issue 13)
        can_cancel=can_manage and rules.meeting_may_be_cancelled(status=meeting.status),
    )
    if can_manage:
        ctx.setdefault("item_form", AgendaItemQuickForm(initial={"section": "other"}))
        ctx.setdefault("document_form", DocumentForm(items=ctx["items"]))
        ctx.setdefault("guest_form", GuestForm())
        ctx.setdefault("action_form", ActionItemForm(meeting=meeting, items=ctx["items"]))
    ctx.update(extra)
    return ctx


def builder_invalid(request, meeting, **forms) -> HttpResponse:
    """The builder again (``meeting`` as ``meeting_for`` loads it) with a refused form, its
    errors and what was typed (422)."""
    ctx = builder_context(request, meeting, **forms)
    return render(request, "meetings/meeting_detail.html", ctx, status=422)


def _agenda_response(request, meeting, *, status_message="", focus=None, error=""):
    """The agenda partial plus an out-of-band update of the live region."""
    ctx = builder_context(
        request,
        meeting_for(request, meeting.pk),
        focus=focus,
        status_message=error or status_message,
        oob=True,
    )
    html = render_to_string("meetings/includes/_agenda.html", ctx, request=request)
    html += render_to_string("meetings/includes/_agenda_status.html", ctx, request=request)
    return HttpResponse(html + _item_choices_oob(request, ctx))


def _item_choices_oob(request, ctx) -> str:
    """The document and action forms again, out of band: their "Bij agendapunt" choices follow
    the agenda after an htmx change (a new, renamed or deleted item)."""
    if "document_form" not in ctx:
        return ""
    return "".join(
        render_to_string(f"meetings/includes/{name}.html", ctx, request=request)
        for name in ("_document_add", "_action_add")
    )


def _agenda_changed(request, meeting, *, message: str, error: str, anchor: str = "", focus=None):
    """After a change of the agenda: htmx swaps the agenda and announces the result in the
    live region; a plain post shows it as a message on the builder."""
    if is_htmx(request):
        return _agenda_response(request, meeting, status_message=message, error=error, focus=focus)
    messages.success(request, message) if message else messages.error(request, error)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + anchor)


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
                return builder_invalid(request, meeting_for(request, pk), item_form=form)
            messages.success(request, message)
            return redirect("meetings:detail", pk=pk)
        ctx = builder_context(
            request, meeting_for(request, pk), item_form=form, status_message=message, oob=True
        )
        html = render_to_string("meetings/includes/_item_add.html", ctx, request=request)
        html += render_to_string("meetings/includes/_agenda.html", ctx, request=request)
        html += render_to_string("meetings/includes/_agenda_status.html", ctx, request=request)
        return HttpResponse(html + _item_choices_oob(request, ctx))


class AgendaItemUpdateView(ServiceFormView):
    permission_required = MANAGE
    form_class = AgendaItemForm
    template_name = "meetings/agendaitem_form.html"
    success_message = gettext_lazy("Het agendapunt is bijgewerkt.")

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": AgendaItem.objects.get(pk=self.item.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, meeting=self.item.meeting, **kwargs)

    def perform(self, form) -> str:
        services.agenda_item_update(item=self.item, by=self.request.user, data=form.cleaned_data)
        return reverse("meetings:detail", args=[self.item.meeting_id])


class AgendaItemDeleteView(ManagePost):
    def post(self, request, pk):
        item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
        title = item.title
        try:
            services.agenda_item_remove(item=item, by=request.user)
            msg, err = _("Agendapunt '%(t)s' is verwijderd.") % {"t": title}, ""
        except DomainError as exc:
            msg, err = "", exc.message
        return _agenda_changed(request, item.meeting, message=msg, error=err)


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
        return _agenda_changed(
            request,
            item.meeting,
            message=msg,
            error=err,
            anchor=f"#punt-{item.pk}",
            focus=f"{item.pk}-{direction}",
        )


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
        return _agenda_changed(request, meeting, message=msg, error=err)
