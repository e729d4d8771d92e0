"""Terms and seats: adding a term, ending one early (with a confirmation), the seat planning."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from adviesraad.errors import DomainError
from adviesraad.views_mixins import PermissionMixin, form_error_from

from . import rules, selectors, services
from .forms import TermEndForm, TermForm
from .models import Term, User
from .recruitment.selectors import vacancy_openings

MANAGE = "members.manage_members"


class TermCreateView(PermissionMixin, FormView):
    permission_required = MANAGE
    form_class = TermForm
    template_name = "members/term_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.member = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        last = self.member.terms.order_by("-end").first()
        start = last.end + datetime.timedelta(days=1) if last else datetime.date.today()
        return {"start": start, "role": last.role if last else Term.Role.MEMBER}

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            term = services.term_create(
                member=self.member,
                by=self.request.user,
                start=d["start"],
                end=d["end"],
                role=d["role"],
                note=d["note"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Termijn %(nr)s is vastgelegd.") % {"nr": term.sequence})
        return redirect("members:detail", pk=self.member.pk)


class TermEndView(PermissionMixin, FormView):
    """End a term early (``services.term_end_early``). The first POST checks the date and shows
    what will happen; only the second, with ``confirm=1``, ends the term (works without
    JavaScript). A POST without the confirmation changes nothing."""

    permission_required = MANAGE
    form_class = TermEndForm
    template_name = "members/term_end_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.term = get_object_or_404(Term.objects.select_related("member"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"end": datetime.date.today()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(term=self.term, **kwargs)

    def form_valid(self, form):
        end = form.cleaned_data["end"]
        term = self.term
        if not rules.early_end_allowed(start=term.start, planned_end=term.end, end=end):
            form.add_error(
                "end", _("Kies een laatste dag binnen de termijn, vóór het geplande einde.")
            )
            return self.form_invalid(form)
        if self.request.POST.get("confirm") != "1":
            return self.render_to_response(
                self.get_context_data(
                    form=form, confirming=True, end=end, free_from=rules.seat_free_from(end)
                )
            )
        try:
            services.term_end_early(term=term, by=self.request.user, end=end)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "De termijn van %(naam)s eindigt op %(eind)s. De zetel is vrij vanaf %(vrij)s; "
                "hieronder staat wat er geworven moet worden."
            )
            % {
                "naam": term.member,
                "eind": date_format(end, "j F Y"),
                "vrij": date_format(rules.seat_free_from(end), "j F Y"),
            },
        )
        return redirect("members:seat_planning")


class SeatPlanningView(PermissionMixin, TemplateView):
    permission_required = "members.view_directory"
    template_name = "members/seat_planning.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = datetime.date.today()
        plan = selectors.seat_planning_get(today=today)
        ctx.update(plan=plan, today=today, chart=seat_chart(plan))
        if self.request.user.has_perm("members.view_vacancies"):
            ctx["openings"] = vacancy_openings(today=today)
        return ctx


def seat_chart(plan, *, bar=24, gap=6, height=160):
    """Geometry for the SVG bar chart (sizes as SVG attributes: the CSP forbids inline styles)."""
    top = max([plan["seat_maximum"]] + [r.filled for r in plan["rows"]]) or 1
    bars = []
    for i, r in enumerate(plan["rows"]):
        h = round(height * r.filled / top)
        bars.append(
            {
                "row": r,
                "x": i * (bar + gap),
                "y": height - h,
                "h": h,
                "label_x": i * (bar + gap) + bar // 2,
            }
        )
    return {
        "bars": bars,
        "bar": bar,
        "width": len(bars) * (bar + gap),
        "height": height,
        "max_y": height - round(height * plan["seat_maximum"] / top),
    }
