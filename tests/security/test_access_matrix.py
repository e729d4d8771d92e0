"""The access matrix (issue 14, "Tests that must exist"; docs/rules.md S1-S4, S11, S23).

Every route in the URLconf, for every role (anonymous, member, policy advisor, secretary,
treasurer, chair), asked for someone else's object and for a non-public one, answers what
``tests/security/access_allow.py`` says. A route without an entry there fails the test.

- GET for every route and role.
- POST for every route, by every role the GET refuses: it must be refused too (403, 404,
  405 or the log-in page), and nothing in the database may change.
- For POST-only routes the entry lists the POST outcome of every role; a refused POST changes
  nothing.
- No page shown to a role holds a secret that role may not see (a confidential item's title,
  a resident's contact details, an applicant's name, an unpublished advice).

The objects are built once for the module (``tests/security/world.py``) inside a transaction
that is rolled back at the end; every request runs in a savepoint of its own, so no request
sees what another one did.
"""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security import access_allow as allow
from tests.security.world import ROLES, build

pytestmark = pytest.mark.django_db


def routes() -> dict[str, str]:
    """Every named route: ``name -> pattern``; the admin is one entry, ``admin``."""
    found: dict[str, str] = {}

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    found["admin"] = prefix + str(p.pattern)
                    continue
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace else p.name
                assert p.name, f"route {prefix}{p.pattern} has no name"
                found.setdefault(name, prefix + str(p.pattern))

    walk(get_resolver().url_patterns)
    return found


ROUTES = routes()


# --- the module's objects and sessions --------------------------------------------------------


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("matrix-media"))


@pytest.fixture(autouse=True)
def _media_root(settings, media):
    """The files built once for the module stay readable (conftest's fixture gives each test
    an empty media folder)."""
    settings.MEDIA_ROOT = media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            values = build()
            sessions = {}
            for role in ROLES[1:]:
                client = Client()
                client.force_login(values["people"][role])
                sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            values["sessions"] = sessions
            yield values
            transaction.set_rollback(True)


def client_for(world, role: str) -> Client:
    client = Client(REMOTE_ADDR=f"192.0.2.{ROLES.index(role) + 10}")
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]
    return client


def _allowed_writes() -> set[str]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session

    from adviesraad.models import AuditEntry

    models = (Session, AuditEntry, AccessAttempt, AccessFailureLog, AccessLog)
    return {m._meta.db_table for m in models}


def snapshot() -> dict:
    """What the current transaction has written so far, per table, leaving out the tables a
    refused request may write to (sessions, the audit log of refused access, the log-in
    throttle). PostgreSQL counts the writes; elsewhere every row is read."""
    skip = _allowed_writes()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
            )
            return {r[0]: r[1:] for r in cursor.fetchall() if r[0] not in skip and any(r[1:])}
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in skip or not model._meta.managed or model._meta.proxy:
            continue
        rows[model._meta.db_table] = list(model._base_manager.order_by("pk").values_list())
    return rows


def changes(before: dict, after: dict) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))


def outcome(response) -> str | int:
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith((reverse("login"), "/admin/login/")):
            return allow.LOGIN
        return 302
    return response.status_code


def page_text(response) -> str:
    """The text a person sees: a page, feed, calendar or CSV, or the text of a PDF."""
    kind = response.get("Content-Type", "")
    if response.status_code != 200:
        return ""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("text/") or "json" in kind or "xml" in kind:
        return data.decode(errors="replace")
    if "pdf" in kind:
        from pypdf import PdfReader

        try:
            reader = PdfReader(io.BytesIO(data))
        except Exception:  # a receipt or upload that is not a real PDF: nothing to read
            return ""
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    return ""


def leaked(role: str, response, shown=()) -> list[str]:
    """The secrets the role may not see that are in the page or PDF."""
    text = page_text(response)
    return [s for s in allow.secrets_hidden_from(role) if s in text and s not in shown]


def ask(world, role: str, method: str, url: str, data=None, shown=()) -> tuple:
    """One request in a savepoint of its own: (outcome, secrets shown, tables written)."""
    client = client_for(world, role)
    before = snapshot()
    with transaction.atomic():
        response = getattr(client, method)(url, data or {})
        result = (outcome(response), leaked(role, response, shown), changes(before, snapshot()))
        transaction.set_rollback(True)
    return result


# --- the tests --------------------------------------------------------------------------------


def test_every_route_has_an_access_matrix_entry(world):
    missing = sorted(set(ROUTES) - set(allow.ALLOW))
    assert not missing, "\n".join(
        f"new route {m} ({ROUTES[m]}) has no access-matrix entry in "
        f"tests/security/access_allow.py; today it answers: {_today(world, m)}"
        for m in missing
    )
    stale = sorted(set(allow.ALLOW) - set(ROUTES))
    assert not stale, f"entries for routes that no longer exist: {stale}"


def _today(world, name: str) -> str:
    """What a route without URL arguments answers each role now: a start for its entry, to be
    checked against docs/rules.md before it goes into the allow-list."""
    if "<" in ROUTES[name]:
        return "(give its URL arguments from tests/security/world.py)"
    got = [ask(world, role, "get", reverse(name))[0] for role in ROLES]
    return f"C(({', '.join('LOGIN' if g == allow.LOGIN else str(g) for g in got)}))"


CASES = [
    pytest.param(name, i, id=f"{name}[{case.label}]")
    for name in sorted(ROUTES)
    for i, case in enumerate(allow.ALLOW.get(name, ()))
]


@pytest.mark.parametrize(("name", "index"), CASES)
def test_access_matrix(world, name, index):
    case = allow.ALLOW[name][index]
    url = case.url(name, world)
    problems = []
    get = dict(zip(ROLES, case.get, strict=True))
    post = dict(zip(ROLES, case.post, strict=True)) if case.post else {}
    for role in ROLES:
        shown = case.shown_to.get(role, ())
        got, secrets, written = ask(world, role, "get", url, shown=shown)
        if got != get[role]:
            problems.append(f"GET {url} as {role}: {got}, expected {get[role]}")
        if secrets:
            problems.append(f"GET {url} as {role} shows what it may not see: {secrets}")
        if written and not (case.get_writes and got == 200):
            problems.append(f"GET {url} as {role} wrote to {written} (S11: nothing changes on GET)")

        # A role the GET refuses is refused a POST as well; a POST-only route lists its POSTs.
        expected = post.get(role, allow.REFUSED if get[role] in allow.REFUSED else None)
        if expected is None:
            continue
        got, secrets, written = ask(world, role, "post", url, case.data, shown)
        if got not in (expected if isinstance(expected, frozenset) else {expected}):
            problems.append(f"POST {url} as {role}: {got}, expected {_show(expected)}")
        if got in allow.REFUSED and written:
            problems.append(f"POST {url} as {role} was refused ({got}) but wrote to {written}")
        if secrets:
            problems.append(f"POST {url} as {role} shows what it may not see: {secrets}")
    assert not problems, "\n".join(problems)


def _show(expected) -> str:
    if isinstance(expected, frozenset):
        return " or ".join(sorted(map(str, expected)))
    return str(expected)


@pytest.mark.parametrize(
    ("role", "name", "key", "secret"),
    [
        ("member", "meetings:detail", "public_meeting", "Geheim punt"),
        ("member", "meetings:detail", "closed_meeting", "Besloten punt"),
        ("member", "adviezen:detail", "draft_advice", "Ongepubliceerd concept"),
        ("secretary", "adviezen:signal", "signal", "a@b.nl"),
        ("chair", "members:application_detail", "application", "Zwaantje"),
        ("treasurer", "budget:declaration_pdf", "declaration", "NL91 ABNA 0417 1643 00"),
    ],
)
def test_the_planted_secrets_are_seen_where_they_may_be(world, role, name, key, secret):
    """The look-out for secrets can fail: each one is in a page (or PDF) someone may see."""
    response = client_for(world, role).get(reverse(name, kwargs={"pk": world[key]}))
    assert response.status_code == 200
    assert secret in page_text(response)
    assert leaked("anonymous", response) and not leaked(role, response)
