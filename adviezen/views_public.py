"""Public pages: published advices (list, detail, PDF, RSS) and the signal form.

Everything here reads through ``selectors.advice_public_qs`` only (SECURITY.md 3).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_ratelimit.decorators import ratelimit

from adviesraad.memo import ProcessLRU
from members.selectors import council_settings_get

from . import selectors, services
from .filters import PublicAdviceFilter
from .forms import SignalPublicForm
from .models import Advice

PAGE_SIZE = 20
FILTER_NAMES = ("year", "domain", "origin", "answered")
_SLUG_MARKER = "__slug__"
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


# Rendered results of /adviezen/ per process: (version, language, query string) -> HTML
# (at most 256 × ~20 KB per process).
_results_cache = ProcessLRU(maxsize=256)


class PublicAdviceListView(View):
    """``/adviezen/``: filters (year, domain, requested/unsolicited, answered), search, pages.

    Two caches, both keyed on ``selectors.public_cache_version()``, which ``advice_publish``
    and ``college_response_register`` raise so that a publication shows at once:

    - anonymous GETs are served whole from the site's page cache
      (``adviesraad.middleware.AnonymousPageCacheMiddleware``);
    - everyone else (members, visitors with a session or a flash message), and an anonymous
      visitor on a page-cache miss, gets the results part of the page (filter form, count,
      rows, pagination) from a small per-process cache keyed on the query string
      (``_results_cache``, an ``adviesraad.memo.ProcessLRU``), so only the first request of
      a list, filter or search per process and publication renders it.

    Rendering the results: the year choices and the total come from the cache (same
    version), the rows' labels, dates and links are computed once per request instead of per
    row in the template.
    """

    template_name = "adviezen/advice_public_list.html"
    results_template = "adviezen/includes/_public_results.html"

    def get(self, request):
        key = (
            selectors.public_cache_version(),
            translation.get_language(),
            request.META.get("QUERY_STRING", ""),
        )
        results = _results_cache.get_or_set(
            key, lambda: render_to_string(self.results_template, self.results_context(request))
        )
        # our own template's output (escaped when rendered), possibly from the cache
        return TemplateResponse(request, self.template_name, {"results": mark_safe(results)})  # noqa: S308

    def results_context(self, request) -> dict:
        meta = selectors.advice_public_list_meta()
        q = request.GET.get("q", "")
        qs = selectors.advice_public_list(q=q)
        filterset = PublicAdviceFilter(request.GET or None, queryset=qs, years=meta["years"])
        filtered = filterset.is_bound and filterset.is_valid()
        # rows as dicts: the template reads only these (no model instances to build)
        object_list = (filterset.qs if filtered else qs).values(*ROW_FIELDS)
        paginator = Paginator(object_list, PAGE_SIZE)
        unfiltered = not (q or "").strip()[:200] and not (
            filtered and any(filterset.form.cleaned_data.get(n) for n in FILTER_NAMES)
        )
        if unfiltered:
            if meta["total"] is None:
                selectors.advice_public_total_store(version=meta["version"], total=paginator.count)
            else:
                paginator.count = meta["total"]
        page_obj = paginator.get_page(request.GET.get("page"))
        advices = list(page_obj.object_list)
        _label_rows(advices)
        return {
            "request": request,
            "filter_fields": _filter_fields(filterset, q),
            "page_obj": page_obj,
            "paginator": paginator,
            "is_paginated": paginator.num_pages > 1,
            "advices": advices,
        }


_OPTIONS: dict[tuple, list[tuple[str, str]]] = {}


def _options(bf) -> list[tuple[str, str]]:
    """A select's (value, label) pairs as plain strings, translated once per language (the
    labels are lazy translations; the year choices differ only when the years do)."""
    key = (
        translation.get_language(),
        bf.name,
        tuple(bf.field.choices) if bf.name == "year" else (),
    )
    options = _OPTIONS.get(key)
    if options is None:
        if len(_OPTIONS) > 64:
            _OPTIONS.clear()
        options = _OPTIONS[key] = [(str(v), str(label)) for v, label in bf.field.choices]
    return options


def _filter_fields(filterset, q: str) -> list[dict]:
    """The filter form as plain data: label, id, and for a select its options with the
    selected one marked (the comparison the template used to do per option, as strings)."""
    fields = []
    for bf in filterset.form:
        field = {"name": bf.name, "label": bf.label, "id": bf.id_for_label}
        if bf.name == "q":
            field["value"] = q
        else:
            current = str(bf.value())
            field["options"] = [(v, label, v == current) for v, label in _options(bf)]
        fields.append(field)
    return fields


def _label_rows(advices) -> None:
    """Display values of the list rows, each label translated once per request."""
    if not advices:
        return
    origins = {k: str(v) for k, v in Advice.Origin.choices}
    kinds = {k: str(v) for k, v in Advice.Kind.choices}
    domains = {k: str(v) for k, v in Advice._meta.get_field("domain").flatchoices}
    detail = reverse("adviezen_public:detail", args=[_SLUG_MARKER])
    weekdays = [str(d) for d in WEEKDAYS_ABBR.values()]
    months = {n: str(m) for n, m in MONTHS.items()}
    for a in advices:
        a["origin_label"] = origins.get(a["origin"], a["origin"])
        a["kind_label"] = kinds.get(a["kind"], a["kind"])
        a["domain_label"] = domains.get(a["domain"], a["domain"])
        a["detail_url"] = detail.replace(_SLUG_MARKER, a["slug"])
        a["answered"] = a["response"] is not None  # the template's {% if a.response %}
        # the template's {{ published_at|date:"D j F Y" }}, in the current time zone
        d = timezone.localtime(a["published_at"])
        a["published_label"] = f"{weekdays[d.weekday()]} {d.day} {months[d.month]} {d.year:04d}"


class PublicAdviceDetailView(DetailView):
    template_name = "adviezen/advice_public_detail.html"
    context_object_name = "advice"

    def get_object(self, queryset=None):
        return selectors.advice_public_detail(slug=self.kwargs["slug"])


def public_advice_pdf(request, slug):
    advice = selectors.advice_public_get(slug=slug)
    if not advice.is_formal:
        from django.http import Http404

        raise Http404
    response = HttpResponse(services.letter_pdf_as_sent(advice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{advice.reference}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


_feed_cache = ProcessLRU(maxsize=16)


class AdviceFeed(Feed):
    """RSS of published advices (``/adviezen/feed/``), built once per process and publication
    version for each host, language and council name (it holds absolute links and the name)."""

    def __call__(self, request, *args, **kwargs):
        key = (
            selectors.public_cache_version(),
            translation.get_language(),
            request.scheme,
            request.get_host(),
            council_settings_get().name,
        )

        def build():
            response = super(AdviceFeed, self).__call__(request, *args, **kwargs)
            return response.content, list(response.items())

        content, headers = _feed_cache.get_or_set(key, build)
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response

    def title(self):
        return _("Adviezen van %(raad)s") % {"raad": council_settings_get().name}

    def link(self):
        return reverse("adviezen_public:list")

    def description(self):
        return _("Gepubliceerde adviezen aan het college.")

    def items(self):
        self.detail_url = reverse("adviezen_public:detail", args=[_SLUG_MARKER])
        return selectors.advice_public_latest(limit=30)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.get_kind_display()

    def item_link(self, item):
        # one reverse() per feed instead of one per item (slugs are URL-safe)
        return self.detail_url.replace(_SLUG_MARKER, item.slug)

    def item_pubdate(self, item):
        return item.published_at


@method_decorator(ratelimit(key="ip", rate="5/h", method="POST", block=False), name="post")
class SignalPublicView(FormView):
    """``/signaal/``: rate-limited per client, honeypot, privacy notice, confirmation page."""

    template_name = "adviezen/signal_public_form.html"
    form_class = SignalPublicForm

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            return render(
                request,
                self.template_name,
                {"form": self.get_form_class()(), "limited": True},
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
        return redirect("adviezen_public:signal_thanks")


class SignalThanksView(TemplateView):
    template_name = "adviezen/signal_public_thanks.html"
