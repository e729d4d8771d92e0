"""Adviezen on the shared pages: navigation, the public home page and the dashboard."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.panels import NavItem, Panel


def nav_items(user):
    items = []
    if user.has_perm("adviezen.view_internal") or user.has_perm("adviezen.consult_advice"):
        items.append(NavItem(_("Adviezen"), reverse("adviezen:list"), order=30))
    if user.has_perm("adviezen.view_internal"):
        items.append(NavItem(_("Dossiers"), reverse("adviezen:dossier_list"), order=31))
    if user.has_perm("adviezen.record_signal") or user.has_perm("adviezen.triage_signal"):
        items.append(NavItem(_("Signalen"), reverse("adviezen:signal_list"), order=32))
    return items


def home_panels(request):
    from .selectors import advice_public_latest

    return [
        Panel("adviezen/includes/_home_latest.html", {"advices": advice_public_latest()}, order=10)
    ]


def dashboard_panels(request):
    from . import selectors

    user = request.user
    if not (user.has_perm("adviezen.view_internal") or user.has_perm("adviezen.consult_advice")):
        return []
    ctx = {
        "ballots": selectors.my_open_ballots(user=user)
        if user.has_perm("adviezen.cast_vote")
        else None,
        "due": selectors.advices_due(user=user, today=timezone.localdate()),
        "signals": selectors.signals_waiting(user=user)
        if user.has_perm("adviezen.triage_signal")
        else None,
    }
    return [Panel("adviezen/includes/_dashboard.html", ctx, order=20)]
