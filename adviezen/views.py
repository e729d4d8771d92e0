"""Internal pages: advices and their workflow, versions, comments, ballots, dossiers, signals."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import PermissionMixin, form_error_from, message_error
from members.selectors import council_settings_get

from . import diff, selectors, services
from .filters import AdviceFilter, DossierFilter, SignalFilter
from .forms import (
    AdviceForm,
    BallotOpenForm,
    ChairApproveForm,
    CommentForm,
    DossierAcceptForm,
    DossierForm,
    DossierRejectForm,
    PublishForm,
    ResponseForm,
    SignalActionForm,
    SignalRecordForm,
    VersionForm,
    VoteForm,
)
from .models import Advice, Ballot, Dossier, Signal


class ReadMixin(PermissionMixin):
    """Members (full read) and policy advisors (consultation only) may open advice pages."""

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.view_internal") or u.has_perm("adviezen.consult_advice")


class AdviceObjectMixin:
    def get_advice(self) -> Advice:
        if not hasattr(self, "_advice"):
            self._advice = selectors.advice_get_for_user(
                user=self.request.user, pk=self.kwargs["pk"]
            )
        return self._advice


# --- advices ----------------------------------------------------------------------------


class AdviceListView(ReadMixin, FilterView):
    filterset_class = AdviceFilter
    template_name = "adviezen/advice_list.html"
    paginate_by = 25
    context_object_name = "advices"

    def get_queryset(self):
        return selectors.advice_list(user=self.request.user)


class AdviceCreateView(PermissionMixin, FormView):
    permission_required = "adviezen.manage_advice"
    form_class = AdviceForm
    template_name = "adviezen/advice_form.html"

    def get_initial(self):
        initial = {}
        if self.request.GET.get("signaal", "").isdigit():
            initial["signal"] = int(self.request.GET["signaal"])
        return initial

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            advice = services.advice_create(
                by=self.request.user,
                title=d["title"],
                origin=d["origin"],
                kind=d["kind"],
                domain=d["domain"],
                dossier=d["dossier"],
                working_group=d["working_group"],
                signal=d["signal"],
                request_date=d["request_date"],
                deadline=d["deadline"],
                request_document=d.get("request_document"),
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        except Exception as exc:  # ValidationError from the upload check
            from django.core.exceptions import ValidationError

            if isinstance(exc, ValidationError):
                form.add_error("request_document", exc)
                return self.form_invalid(form)
            raise
        messages.success(
            self.request, _("Het advies %(ref)s is aangemaakt.") % {"ref": advice.reference}
        )
        return redirect("adviezen:detail", pk=advice.pk)


class AdviceDetailView(ReadMixin, AdviceObjectMixin, TemplateView):
    template_name = "adviezen/advice_detail.html"

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        u = self.request.user
        versions = list(advice.versions.all())
        ballots = list(advice.ballots.select_related("version").order_by("-opened_at"))
        open_ballot = next((b for b in ballots if b.is_open), None)
        cs = council_settings_get()
        response_due = None
        if advice.sent_at:
            from .rules import response_due_on

            response_due = response_due_on(
                sent_on=timezone.localtime(advice.sent_at).date(), weeks=cs.response_deadline_weeks
            )
        has_response = hasattr(advice, "response")
        manage = u.has_perm("adviezen.manage_advice")
        chair = u.has_perm("adviezen.approve_advice")
        S = Advice.Status
        return super().get_context_data(
            advice=advice,
            versions=versions,
            current=versions[0] if versions else None,
            ballots=ballots,
            open_ballot=open_ballot,
            transitions=list(advice.transitions.all()),
            response_due=response_due,
            response_overdue=bool(
                response_due and not has_response and timezone.localdate() > response_due
            ),
            has_response=has_response,
            can_manage=manage,
            can_chair=chair,
            can_write=u.has_perm("adviezen.write_advice")
            and advice.status in (S.PREPARATION, S.DRAFT, S.CONSULTATION),
            can_open_ballot=u.has_perm("adviezen.manage_ballot")
            and advice.status in (S.DRAFT, S.CONSULTATION)
            and bool(versions),
            manual_steps=[
                (s, Advice.Status(s).label)
                for s in (S.PREPARATION, S.CONSULTATION, S.DRAFT, S.WITHDRAWN)
                if advice.can_transition_to(s) and advice.status != S.VOTING
            ]
            if (manage or chair)
            else [],
            can_approve=chair and advice.can_transition_to(S.APPROVED) and bool(versions),
            can_sign=chair
            and advice.status == S.APPROVED
            and advice.is_formal
            and not advice.signed_at,
            can_send=manage and advice.status == S.APPROVED and advice.is_formal,
            can_publish=manage
            and (
                (advice.status == S.SENT and advice.sent_at is not None)
                or (advice.status == S.APPROVED and not advice.is_formal)
            ),
            can_respond=manage
            and advice.is_formal
            and advice.status in (S.SENT, S.PUBLISHED)
            and not has_response,
            **kwargs,
        )


class AdviceStepView(PermissionMixin, AdviceObjectMixin, View):
    """POST-only: the simple workflow steps (to preparation, consultation, draft, withdrawn)."""

    http_method_names = ["post"]

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.manage_advice") or u.has_perm("adviezen.approve_advice")

    def post(self, request, pk):
        advice = self.get_advice()
        to = request.POST.get("to", "")
        try:
            services.advice_transition(
                advice=advice, by=request.user, to=to, note=request.POST.get("note", "")
            )
            messages.success(request, _("De status is bijgewerkt."))
        except DomainError as exc:
            message_error(request, exc)
        except ValueError:
            messages.error(request, _("Onbekende stap."))
        return redirect("adviezen:detail", pk=pk)


class AdviceFormActionView(PermissionMixin, AdviceObjectMixin, FormView):
    """Base for a small form on one advice that calls one service."""

    template_name = "adviezen/advice_action_form.html"
    heading = ""
    button = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            advice=self.get_advice(), heading=self.heading, button=self.button, **kwargs
        )

    def form_valid(self, form):
        try:
            self.run(form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        except Exception as exc:
            from django.core.exceptions import ValidationError

            if isinstance(exc, ValidationError):
                form.add_error(None, exc)
                return self.form_invalid(form)
            raise
        messages.success(self.request, self.success_message())
        return redirect(self.success_url_for())

    def success_url_for(self):
        return reverse("adviezen:detail", args=[self.get_advice().pk])

    def success_message(self):
        return _("Opgeslagen.")


class VersionCreateView(AdviceFormActionView):
    permission_required = "adviezen.write_advice"
    form_class = VersionForm
    template_name = "adviezen/adviceversion_form.html"

    def get_initial(self):
        current = self.get_advice().versions.order_by("-number").first()
        return {"text": current.text if current else ""}

    def run(self, d):
        services.advice_version_add(
            advice=self.get_advice(),
            by=self.request.user,
            text=d["text"],
            change_note=d["change_note"],
        )

    def success_message(self):
        return _("De nieuwe versie is opgeslagen.")


class VersionDetailView(ReadMixin, AdviceObjectMixin, FormView):
    form_class = CommentForm
    template_name = "adviezen/adviceversion_detail.html"

    def get_version(self):
        if not hasattr(self, "_version"):
            self._version = selectors.version_get(
                advice=self.get_advice(), number=self.kwargs["number"]
            )
        return self._version

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        return super().get_context_data(
            advice=advice,
            version=self.get_version(),
            comments=list(self.get_version().comments.all()),
            can_comment=services.can_comment(self.request.user, advice),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.comment_add(
                version=self.get_version(), by=self.request.user, text=form.cleaned_data["text"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Je reactie is geplaatst."))
        return redirect(
            "adviezen:version", pk=self.get_advice().pk, number=self.get_version().number
        )


class VersionCompareView(ReadMixin, AdviceObjectMixin, TemplateView):
    template_name = "adviezen/adviceversion_compare.html"

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        versions = list(advice.versions.all())
        if not versions:
            raise Http404
        numbers = [v.number for v in versions]

        def pick(name, default):
            raw = self.request.GET.get(name, "")
            return int(raw) if raw.isdigit() and int(raw) in numbers else default

        b = pick("b", numbers[0])
        a = pick("a", numbers[1] if len(numbers) > 1 else numbers[0])
        va = next(v for v in versions if v.number == a)
        vb = next(v for v in versions if v.number == b)
        return super().get_context_data(
            advice=advice,
            a=va,
            b=vb,
            rows=diff.compare(va.text, vb.text),
            numbers=numbers,
            **kwargs,
        )


class BallotOpenView(AdviceFormActionView):
    permission_required = "adviezen.manage_ballot"
    form_class = BallotOpenForm
    heading = _("Stemming openen")
    button = _("Stemming openen")

    def run(self, d):
        meeting = d.get("meeting") if d["mode"] == "meeting" else None
        deadline = d.get("deadline") if d["mode"] == "written" else None
        if deadline is not None and timezone.is_naive(deadline):
            deadline = timezone.make_aware(deadline)
        self.ballot = services.ballot_open(
            advice=self.get_advice(), by=self.request.user, deadline=deadline, meeting=meeting
        )

    def success_url_for(self):
        return reverse("adviezen:ballot", args=[self.get_advice().pk, self.ballot.pk])

    def success_message(self):
        return _("De stemming is geopend.")


class BallotDetailView(ReadMixin, AdviceObjectMixin, TemplateView):
    """The voting page: the version's text, my vote (changeable while open), the outcome."""

    template_name = "adviezen/ballot_detail.html"

    def get_context_data(self, **kwargs):
        advice = self.get_advice()
        if not self.request.user.has_perm("adviezen.view_internal"):
            raise PermissionDenied
        ballot = selectors.ballot_get_for_user(
            user=self.request.user, advice=advice, pk=self.kwargs["bpk"]
        )
        state = selectors.ballot_state_for_user(user=self.request.user, ballot=ballot)
        return super().get_context_data(
            advice=advice,
            ballot=ballot,
            state=state,
            form=VoteForm(
                initial={"choice": state["my_vote"].choice if state["my_vote"] else None}
            ),
            can_close=self.request.user.has_perm("adviezen.manage_ballot") and ballot.is_open,
            **kwargs,
        )


class VoteView(PermissionMixin, AdviceObjectMixin, View):
    """POST a vote; htmx gets the voting block back, a plain post is redirected."""

    permission_required = "adviezen.cast_vote"
    http_method_names = ["post"]

    def post(self, request, pk, bpk):
        advice = self.get_advice()
        ballot_obj = selectors.ballot_get_for_user(user=request.user, advice=advice, pk=bpk)
        form = VoteForm(request.POST)
        error = None
        if form.is_valid():
            try:
                services.vote_cast(
                    ballot=ballot_obj, member=request.user, choice=form.cleaned_data["choice"]
                )
            except DomainError as exc:
                error = exc.message
        else:
            error = _("Kies voor, tegen of onthouding.")
        if request.headers.get("HX-Request"):
            ballot_obj.refresh_from_db()
            state = selectors.ballot_state_for_user(user=request.user, ballot=ballot_obj)
            return render(
                request,
                "adviezen/includes/_vote.html",
                {
                    "advice": advice,
                    "ballot": ballot_obj,
                    "state": state,
                    "form": VoteForm(
                        initial={"choice": state["my_vote"].choice if state["my_vote"] else None}
                    ),
                    "error": error,
                    "saved": error is None,
                },
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Je stem is opgeslagen."))
        return redirect("adviezen:ballot", pk=advice.pk, bpk=ballot_obj.pk)


class BallotCloseView(PermissionMixin, AdviceObjectMixin, View):
    permission_required = "adviezen.manage_ballot"
    http_method_names = ["post"]

    def post(self, request, pk, bpk):
        advice = self.get_advice()
        ballot_obj = get_object_or_404(Ballot, advice=advice, pk=bpk)
        try:
            closed = services.ballot_close(ballot=ballot_obj, by=request.user)
            messages.success(
                request,
                _("De stemming is gesloten: %(uitkomst)s.")
                % {"uitkomst": closed.get_outcome_display()},
            )
        except DomainError as exc:
            message_error(request, exc)
        return redirect("adviezen:ballot", pk=advice.pk, bpk=ballot_obj.pk)


class ChairApproveView(AdviceFormActionView):
    permission_required = "adviezen.approve_advice"
    form_class = ChairApproveForm
    heading = _("Vaststellen op eigen gezag")
    button = _("Advies vaststellen")

    def run(self, d):
        services.advice_chair_approve(
            advice=self.get_advice(), by=self.request.user, reason=d["reason"]
        )

    def success_message(self):
        return _("Het advies is vastgesteld.")


class SimplePostView(PermissionMixin, AdviceObjectMixin, View):
    http_method_names = ["post"]
    service = None
    done = ""

    def post(self, request, pk):
        try:
            type(self).service(advice=self.get_advice(), by=request.user)
            messages.success(request, self.done)
        except DomainError as exc:
            message_error(request, exc)
        return redirect("adviezen:detail", pk=pk)


class SignView(SimplePostView):
    permission_required = "adviezen.approve_advice"
    service = services.advice_sign
    done = _("Het advies is ondertekend.")


class SendView(SimplePostView):
    permission_required = "adviezen.manage_advice"
    service = services.advice_send
    done = _(
        "Het advies wordt verzonden naar het college. De datum van verzending verschijnt zodra het verstuurd is."
    )


class PublishView(AdviceFormActionView):
    permission_required = "adviezen.manage_advice"
    form_class = PublishForm
    heading = _("Publiceren")
    button = _("Publiceren")

    def get_initial(self):
        return {"summary": self.get_advice().summary, "public_note": True}

    def run(self, d):
        services.advice_publish(
            advice=self.get_advice(),
            by=self.request.user,
            public_note=d["public_note"],
            summary=d["summary"],
        )

    def success_message(self):
        return _("Het advies is gepubliceerd.")


class ResponseView(AdviceFormActionView):
    permission_required = "adviezen.manage_advice"
    form_class = ResponseForm
    heading = _("Reactie van het college vastleggen")
    button = _("Reactie vastleggen")

    def get_initial(self):
        return {"received_on": datetime.date.today()}

    def run(self, d):
        services.college_response_register(
            advice=self.get_advice(),
            by=self.request.user,
            received_on=d["received_on"],
            summary=d["summary"],
            document=d.get("document"),
        )

    def success_message(self):
        return _("De reactie van het college is vastgelegd.")


class LetterPreviewView(ReadMixin, AdviceObjectMixin, View):
    def get(self, request, pk):
        advice = self.get_advice()
        if not advice.final_text or not request.user.has_perm("adviezen.view_internal"):
            raise Http404
        if advice.letter_pdf:
            with advice.letter_pdf.open("rb") as fh:
                pdf = fh.read()
        else:
            pdf = services.letter_pdf(advice)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{advice.reference}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class RequestDocumentView(ReadMixin, AdviceObjectMixin, View):
    def get(self, request, pk):
        advice = self.get_advice()
        if not advice.request_document:
            raise Http404
        return private_file_response(
            advice.request_document,
            filename=advice.request_document_name or "adviesaanvraag",
            content_type="application/octet-stream",
        )


class ResponseDocumentView(ReadMixin, AdviceObjectMixin, View):
    def get(self, request, pk):
        advice = self.get_advice()
        response = getattr(advice, "response", None)
        if response is None or not response.document:
            raise Http404
        return private_file_response(
            response.document,
            filename=response.document_name or "reactie",
            content_type="application/octet-stream",
        )


# --- dossiers ---------------------------------------------------------------------------


class DossierListView(PermissionMixin, FilterView):
    permission_required = "adviezen.view_internal"
    filterset_class = DossierFilter
    template_name = "adviezen/dossier_list.html"
    paginate_by = 25
    context_object_name = "dossiers"

    def get_queryset(self):
        return selectors.dossier_list(user=self.request.user).order_by("status", "title")


class DossierCreateView(PermissionMixin, FormView):
    permission_required = "adviezen.propose_dossier"
    form_class = DossierForm
    template_name = "adviezen/dossier_form.html"

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            dossier = services.dossier_propose(
                by=self.request.user,
                title=d["title"],
                domain=d["domain"],
                description=d["description"],
                working_group=d["working_group"],
                contact_person=d["contact_person"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Het dossier is voorgesteld; de voorzitter beoordeelt het.")
        )
        return redirect("adviezen:dossier", pk=dossier.pk)


class DossierDetailView(PermissionMixin, DetailView):
    permission_required = "adviezen.view_internal"
    template_name = "adviezen/dossier_detail.html"
    context_object_name = "dossier"

    def get_object(self, queryset=None):
        return selectors.dossier_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        d = self.object
        review = self.request.user.has_perm("adviezen.review_dossier") and d.status == "proposed"
        return super().get_context_data(
            similar=selectors.dossier_similar(dossier=d) if review else [],
            can_review=review,
            accept_form=DossierAcceptForm(
                initial={"working_group": d.working_group_id, "contact_person": d.contact_person_id}
            ),
            reject_form=DossierRejectForm(),
            can_close=d.status == "accepted"
            and (
                self.request.user.has_perm("adviezen.review_dossier")
                or self.request.user.has_perm("adviezen.manage_advice")
            ),
            advices=list(d.advices.order_by("-created_at")),
            signals=list(d.signals.order_by("-received_at")),
            **kwargs,
        )


class DossierActionView(PermissionMixin, View):
    http_method_names = ["post"]

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.review_dossier") or u.has_perm("adviezen.manage_advice")

    def post(self, request, pk, action):
        dossier = get_object_or_404(Dossier, pk=pk)
        try:
            if action == "accepteren":
                form = DossierAcceptForm(request.POST)
                if not form.is_valid():
                    raise services.AdviceError(_("Kies de werkgroep die dit dossier oppakt."))
                services.dossier_accept(dossier=dossier, by=request.user, **form.cleaned_data)
                messages.success(request, _("Het dossier is geaccepteerd."))
            elif action == "dubbel":
                form = DossierRejectForm(request.POST)
                if not form.is_valid():
                    raise services.AdviceError(
                        _("Kies het dossier dat dit onderwerp al behandelt.")
                    )
                services.dossier_reject_duplicate(
                    dossier=dossier, by=request.user, **form.cleaned_data
                )
                messages.success(request, _("Het dossier is afgewezen als dubbel."))
            elif action == "sluiten":
                services.dossier_close(dossier=dossier, by=request.user)
                messages.success(request, _("Het dossier is gesloten."))
            else:
                raise Http404
        except DomainError as exc:
            message_error(request, exc)
        return redirect("adviezen:dossier", pk=pk)


# --- signals ----------------------------------------------------------------------------


class SignalListView(PermissionMixin, FilterView):
    """The triage board: new and investigating signals first."""

    permission_required = "adviezen.record_signal"
    filterset_class = SignalFilter
    template_name = "adviezen/signal_list.html"
    paginate_by = 25
    context_object_name = "signals"

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.record_signal") or u.has_perm("adviezen.triage_signal")

    def get_queryset(self):
        return selectors.signal_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.request.user.has_perm("adviezen.triage_signal"):
            ctx["board"] = [
                (
                    label,
                    [
                        s
                        for s in selectors.signals_waiting(user=self.request.user)
                        if s.status == st
                    ],
                )
                for st, label in (
                    (Signal.Status.NEW, _("Nieuw")),
                    (Signal.Status.INVESTIGATING, _("In onderzoek")),
                )
            ]
        return ctx


class SignalCreateView(PermissionMixin, FormView):
    permission_required = "adviezen.record_signal"
    form_class = SignalRecordForm
    template_name = "adviezen/signal_form.html"

    def form_valid(self, form):
        try:
            signal = services.signal_record(by=self.request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het signaal is vastgelegd."))
        return redirect("adviezen:signal", pk=signal.pk)


class SignalDetailView(PermissionMixin, FormView):
    form_class = SignalActionForm
    template_name = "adviezen/signal_detail.html"

    def has_permission(self):
        u = self.request.user
        return u.has_perm("adviezen.record_signal") or u.has_perm("adviezen.triage_signal")

    def get_signal(self):
        if not hasattr(self, "_signal"):
            self._signal = selectors.signal_get_for_user(
                user=self.request.user, pk=self.kwargs["pk"]
            )
        return self._signal

    def get_context_data(self, **kwargs):
        u = self.request.user
        return super().get_context_data(
            signal=self.get_signal(),
            can_triage=u.has_perm("adviezen.triage_signal"),
            show_contact=u.has_perm("adviezen.view_signal_contact"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("adviezen.triage_signal"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        signal, by, note = self.get_signal(), self.request.user, d["note"]
        try:
            action = d["action"]
            if action == "investigate":
                services.signal_investigate(signal=signal, by=by, note=note)
            elif action == "close":
                services.signal_close(signal=signal, by=by, note=note)
            elif action == "refer":
                services.signal_refer(signal=signal, by=by, note=note)
            elif action == "link":
                services.signal_link_dossier(signal=signal, by=by, dossier=d["dossier"], note=note)
            elif action == "agenda":
                services.signal_put_on_agenda(signal=signal, by=by, meeting=d["meeting"], note=note)
        except DomainError as exc:
            form_error_from(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het signaal is bijgewerkt."))
        return redirect("adviezen:signal", pk=signal.pk)
