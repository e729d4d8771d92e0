"""Public pages: published advices (list, detail, PDF, RSS) and the signal form.

Everything here reads through ``selectors.advice_public_qs`` only (docs/rules.md S3).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from django_ratelimit.core import get_usage, is_ratelimited

from adviesraad.pagecache import public_page
from adviesraad.rows import Dates, url_maker
from members.selectors import council_settings_get

from . import publication, selectors, services
from .filters import PublicAdviceFilter
from .forms import SignalPublicForm
from .models import Advice

ROW_FIELDS = (
    "title",
    "slug",
    "reference",
    "origin",
    "kind",
    "domain",
    "summary",
    "published_at",
    "response",
)


class CountedPaginator(Paginator):
    """A paginator told its count, from a query the page runs anyway."""

    def __init__(self, object_list, per_page, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


@method_decorator(public_page, name="dispatch")
class PublicAdviceListView(FilterView):
    """``/adviezen/``: filters (year, domain, requested/unsolicited, answered), full-text
    search and pages of 20, through ``PublicAdviceFilter``. Bad filter values or search text
    show a message next to the field and no results (``strict``).

    Rows are read as dicts of the columns the list shows; their labels, dates and links are
    computed once per request (``_label_rows``), not per row in the template.
    """

    filterset_class = PublicAdviceFilter
    template_name = "adviezen/advice_public_list.html"
    context_object_name = "advices"
    paginate_by = 20

    def get_queryset(self):
        # the rows are read as values (``paginate_queryset``): no columns or joins to set up
        return selectors.advice_public_qs().order_by("-published_at", "-pk")

    def get_filterset_kwargs(self, filterset_class):
        self.summary = selectors.advice_public_summary()
        return {**super().get_filterset_kwargs(filterset_class), "years": self.summary["years"]}

    def paginate_queryset(self, queryset, page_size):
        # Unfiltered, the list has every public advice: the summary counted them already.
        # Otherwise the count runs on the advices alone; only the page's rows join the college
        # response. A page number out of range or not a number shows the nearest page.
        form = self.filterset.form
        filtered = self.filterset.is_bound and (
            not form.is_valid() or any(form.cleaned_data.values())
        )
        if filtered:
            paginator = self.get_paginator(queryset, page_size)
        else:
            paginator = CountedPaginator(queryset, page_size, count=self.summary["total"])
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        rows = list(page.object_list.values(*ROW_FIELDS))
        _label_rows(rows)
        return paginator, page, rows, page.has_other_pages()


def _label_rows(advices: list[dict]) -> None:
    """What a list row shows besides title and summary, as plain text (the template escapes
    it): "reference · origin · kind · domain · published <date>", each label translated
    once per request, not once per row."""
    if not advices:
        return
    labels = {
        **{("origin", k): str(v) for k, v in Advice.Origin.choices},
        **{("kind", k): str(v) for k, v in Advice.Kind.choices},
        **{("domain", k): str(v) for k, v in Advice._meta.get_field("domain").flatchoices},
    }
    published = _("gepubliceerd")
    detail = url_maker("adviezen_public:detail")
    dates = Dates()
    for a in advices:
        parts = [labels.get((name, a[name]), a[name]) for name in ("origin", "kind", "domain")]
        day = dates.day(a["published_at"])
        a["meta"] = " · ".join([a["reference"], *parts, f"{published} {day}"])
        a["detail_url"] = detail(a["slug"])
        a["answered"] = a["response"] is not None
        # the template's {{ summary|truncatewords:40 }}, without a Truncator per row
        words = (a["summary"] or "").split()
        a["summary"] = " ".join(words[:40]) + (" …" if len(words) > 40 else "")


@method_decorator(public_page, name="dispatch")
class PublicAdviceDetailView(DetailView):
    """``/adviezen/<slug>/``: the advice with its documents (the college's request letter when
    the council publishes requests, the letter, the college's response), and the response's
    due date and overdue status (``adviezen.publication``)."""

    template_name = "adviezen/advice_public_detail.html"
    context_object_name = "advice"

    def get_object(self, queryset=None):
        return selectors.advice_public_detail(slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        advice = self.object
        return super().get_context_data(
            request_document=publication.public_request_document(advice),
            response_document=publication.public_response_document(advice),
            response_status=publication.public_response_status(advice, today=timezone.localdate()),
            **kwargs,
        )


@public_page
def public_advice_pdf(request, slug):
    advice = selectors.advice_public_get(slug=slug)
    if not advice.is_formal:
        raise Http404
    response = HttpResponse(services.letter_pdf_as_sent(advice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{advice.reference}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _download(document: publication.PublicDocument | None) -> FileResponse:
    if document is None:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_request_document(request, slug):
    """``/adviezen/<slug>/adviesaanvraag/``: the college's request letter, only of a published
    advice and only while the council publishes requests."""
    advice = selectors.advice_public_get(slug=slug)
    return _download(publication.public_request_document(advice))


def public_response_document(request, slug):
    """``/adviezen/<slug>/reactie-college/``: the college's response document of a published advice."""
    advice = selectors.advice_public_get(slug=slug)
    return _download(publication.public_response_document(advice))


@method_decorator(public_page, name="__call__")
class AdviceFeed(Feed):
    """RSS of the 30 newest published advices (``/adviezen/feed/``)."""

    def title(self):
        return _("Adviezen van %(raad)s") % {"raad": council_settings_get().name}

    def link(self):
        return reverse("adviezen_public:list")

    def description(self):
        return _("Gepubliceerde adviezen aan het college.")

    def items(self):
        self.detail_url = url_maker("adviezen_public:detail")
        return selectors.advice_public_latest(limit=30)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.get_kind_display()

    def item_link(self, item):
        return self.detail_url(item.slug)  # one reverse() per feed, not per item

    def item_pubdate(self, item):
        return item.published_at


SIGNAL_RATE = "5/h"  # stored signals per client per hour
SIGNAL_RATE_GROUP = "adviezen.signal"


class SignalPublicView(FormView):
    """``/signaal/``: rate-limited per client, honeypot, privacy notice, confirmation page.

    The limit counts stored signals only, per client address (``adviesraad.net.client_ip``:
    the trusted proxy's header, never a header anyone can send): a form sent back with an
    error does not count. Whatever goes wrong, the form comes back with what was typed.
    """

    template_name = "adviezen/signal_public_form.html"
    form_class = SignalPublicForm

    def _limited(self) -> bool:
        usage = get_usage(
            self.request, group=SIGNAL_RATE_GROUP, key="ip", rate=SIGNAL_RATE, increment=False
        )
        return bool(usage and usage["count"] >= usage["limit"])

    def post(self, request, *args, **kwargs):
        if self._limited():
            form = self.get_form()
            form.is_valid()  # keep what was typed, shown with the message
            return render(
                request,
                self.template_name,
                self.get_context_data(form=form, limited=True),
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if data.get("website"):
            # A bot filled the honeypot: pretend all went well, store nothing.
            return redirect("adviezen_public:signal_thanks")
        services.signal_submit(
            title=data["title"],
            description=data["description"],
            domain=data["domain"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )
        is_ratelimited(
            self.request, group=SIGNAL_RATE_GROUP, key="ip", rate=SIGNAL_RATE, increment=True
        )
        return redirect("adviezen_public:signal_thanks")


class SignalThanksView(TemplateView):
    template_name = "adviezen/signal_public_thanks.html"
