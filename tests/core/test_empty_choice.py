"""No "---------" anywhere (issue 13.16): every select's empty choice reads "Kies …" (or the
form's own label), through the one form renderer (adviesraad/forms_renderer.py)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from adviesraad.forms_renderer import DJANGO_EMPTY_LABEL
from tests.factories.meetings import ActionItemFactory, MeetingFactory
from tests.factories.members import TermFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ["adviesraad", "members", "meetings", "adviezen", "budget"]


def first_party_form_classes() -> list[type]:
    found = {}
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            last = info.name.rsplit(".", 1)[-1]
            if not (last.startswith("forms") or last.startswith("filters")):
                continue
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and issubclass(cls, forms.BaseForm):
                    found[f"{cls.__module__}.{cls.__name__}"] = cls
    return [found[k] for k in sorted(found)]


def test_a_model_choice_without_its_own_label_reads_kies():
    from members.models import User

    class Pick(forms.Form):
        who = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
        kind = forms.ChoiceField(choices=[("", DJANGO_EMPTY_LABEL), ("a", "A")])
        own = forms.ModelChoiceField(queryset=User.objects.none(), empty_label="Iedereen")

    html = Pick().as_div()
    assert DJANGO_EMPTY_LABEL not in html
    assert html.count(">Kies …</option>") == 2
    assert ">Iedereen</option>" in html


@pytest.mark.django_db
def test_no_form_of_the_app_renders_the_dashes():
    rendered = 0
    for cls in first_party_form_classes():
        try:
            form = cls()
        except Exception:  # needs arguments (a user, a meeting): covered by the pages below
            continue
        if isinstance(form, forms.BaseForm):
            html = form.as_div()
            assert DJANGO_EMPTY_LABEL not in html, cls
            rendered += 1
    assert rendered >= 20


def _plain_routes(resolver=None, prefix="") -> list[str]:
    """Every URL pattern without parameters, as a path."""
    resolver = resolver or get_resolver()
    paths = []
    for p in resolver.url_patterns:
        route = str(p.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(p, URLResolver):
            paths += _plain_routes(p, prefix + route)
        elif isinstance(p, URLPattern):
            paths.append("/" + prefix + route)
    return paths


@pytest.mark.django_db
def test_no_page_with_a_form_shows_the_dashes(client, secretary, member):
    meeting = MeetingFactory()
    ActionItemFactory(meeting=meeting, owner=member)
    term = TermFactory(member=member)
    client.force_login(secretary)
    pages = [p for p in _plain_routes() if not p.startswith(("/admin", "/accounts/logout"))]
    pages += [
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("members:detail", args=[member.pk]),
        reverse("members:term_create", args=[member.pk]),
        reverse("members:term_end", args=[term.pk]),
        reverse("members:update", args=[member.pk]),
    ]
    seen = 0
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        assert DJANGO_EMPTY_LABEL not in body, path
        seen += "<select" in body
    assert seen >= 10
