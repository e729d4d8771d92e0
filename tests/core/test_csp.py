"""The content security policy (django-csp): scripts and styles from the site only, no inline
code, and the admin still works under it (docs/rules.md, S9 and S10)."""

import re

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse

from tests.factories.members import UserFactory

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def policy(response) -> dict[str, list[str]]:
    """The header as {directive: [sources]} (django-csp does not keep the directives' order)."""
    parts = [p.split() for p in response["Content-Security-Policy"].split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def assert_no_inline_code(body: str) -> None:
    assert not INLINE_SCRIPT.search(body), INLINE_SCRIPT.search(body)
    assert not INLINE_STYLE.search(body), INLINE_STYLE.search(body)
    assert not EVENT_HANDLER.search(body), EVENT_HANDLER.search(body)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/adviezen/", "/vergaderingen/"])
def test_every_page_allows_scripts_and_styles_from_the_site_only(client, path):
    csp = policy(client.get(path))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert not any("unsafe" in source for sources in csp.values() for source in sources)


@pytest.mark.django_db
def test_the_policy_is_sent_on_internal_pages_and_errors_too(client):
    client.force_login(UserFactory(roles=["Leden"]))
    assert policy(client.get("/dashboard/"))["script-src"] == ["'self'"]
    assert policy(client.get("/bestaat-niet/"))["script-src"] == ["'self'"]


def _admin_paths(user) -> list[str]:
    paths = [
        "/admin/",
        reverse("admin:members_user_add"),
        reverse("admin:members_user_change", args=[user.pk]),
        reverse("admin:members_term_add"),
        reverse("admin:password_change"),
    ]
    for model in apps.get_models():
        try:
            paths.append(
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            )
        except NoReverseMatch:
            continue  # not in the admin
    return paths


@pytest.mark.django_db
def test_the_admin_works_under_the_policy(client):
    """Django's admin loads its scripts from files (no inline code), so it needs no exception."""
    login = client.get("/admin/login/")
    assert login.status_code == 200 and policy(login)["script-src"] == ["'self'"]
    assert_no_inline_code(login.content.decode())

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    paths = _admin_paths(admin)
    assert len(paths) > 10  # every registered model's list was found
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert policy(response)["script-src"] == ["'self'"], path
        assert_no_inline_code(response.content.decode())
