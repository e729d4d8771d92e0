"""Public pages: published advices (list, detail, PDF, RSS) and the signal form.

Everything here reads through ``selectors.advice_public_qs`` only (SECURITY.md 3).
"""

from __future__ import annotations

import hashlib

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_ratelimit.decorators import ratelimit

from members.selectors import council_settings_get

from . import selectors, services
from .filters import PublicAdviceFilter
from .forms import SignalPublicForm

PAGE_SIZE = 20
CACHE_SECONDS = 600
CSRF_MARK = "__ADVIEZEN_CSRF__"


class PublicAdviceListView(View):
    """``/adviezen/``: filters (year, domain, requested/unsolicited, answered), search, pages.

    Anonymous GETs are served from a page cache keyed on a version that ``advice_publish`` and
    ``college_response_register`` bump, so publication shows at once. The CSRF token in the
    cached HTML (language switch form) is swapped for the visitor's own on every hit.
    """

    template_name = "adviezen/advice_public_list.html"

    def get(self, request):
        key = None
        if not request.user.is_authenticated and "messages" not in request.COOKIES:
            digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            version = selectors.public_cache_version()
            key = f"adviezen:public:list:{version}:{translation.get_language()}:{digest}"
            cached = cache.get(key)
            if cached is not None:
                body = cached.replace(CSRF_MARK, get_token(request))
                return HttpResponse(body)
        response = self.render(request)
        if key is not None:
            response.render()
            token = get_token(request)
            body = response.content.decode()
            cache.set(key, body.replace(token, CSRF_MARK), CACHE_SECONDS)
        return response

    def render(self, request):
        years = selectors.advice_public_years()
        q = request.GET.get("q", "")
        qs = selectors.advice_public_list(q=q)
        filterset = PublicAdviceFilter(request.GET or None, queryset=qs, years=years)
        object_list = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
        paginator = Paginator(object_list, PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            self.template_name,
            {
                "filter": filterset,
                "page_obj": page_obj,
                "paginator": paginator,
                "is_paginated": paginator.num_pages > 1,
                "advices": page_obj.object_list,
                "q": q,
            },
        )


class PublicAdviceDetailView(DetailView):
    template_name = "adviezen/advice_public_detail.html"
    context_object_name = "advice"

    def get_object(self, queryset=None):
        return selectors.advice_public_get(slug=self.kwargs["slug"])


def public_advice_pdf(request, slug):
    advice = selectors.advice_public_get(slug=slug)
    if not advice.is_formal:
        from django.http import Http404

        raise Http404
    if advice.letter_pdf:
        with advice.letter_pdf.open("rb") as fh:
            pdf = fh.read()
    else:
        pdf = services.letter_pdf(advice)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{advice.reference}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AdviceFeed(Feed):
    """RSS of published advices (``/adviezen/feed/``)."""

    def title(self):
        return _("Adviezen van %(raad)s") % {"raad": council_settings_get().name}

    def link(self):
        return reverse("adviezen_public:list")

    def description(self):
        return _("Gepubliceerde adviezen aan het college.")

    def items(self):
        return selectors.advice_public_list()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.get_kind_display()

    def item_link(self, item):
        return reverse("adviezen_public:detail", args=[item.slug])

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
            ip_address=self.request.META.get("REMOTE_ADDR"),
        )
        return redirect("adviezen_public:signal_thanks")


class SignalThanksView(TemplateView):
    template_name = "adviezen/signal_public_thanks.html"
