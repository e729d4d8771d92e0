"""Shared fixtures: people in each role, service detection, a real Celery worker, a browser.

Tests that need a real part carry a marker (``postgres``, ``redis``, ``celery_worker``,
``browser``). Where the part is missing they are skipped with the reason; with
``REQUIRE_SERVICES=1`` (CI) a missing part fails the run instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories.members import UserFactory, role_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRE = os.environ.get("REQUIRE_SERVICES") == "1"


def _redis_up() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    p = urlparse(url)
    try:
        with socket.create_connection(
            (p.hostname or "127.0.0.1", p.port or 6379), timeout=0.5
        ) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _missing(marker: str) -> str | None:
    vendor = settings.DATABASES["default"]["ENGINE"]
    if marker in ("postgres", "celery_worker") and "postgresql" not in vendor:
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if marker in ("redis", "celery_worker") and not _redis_up():
        return "needs Redis: set REDIS_URL and start redis-server"
    if marker == "browser":
        if not Path(CHROMIUM).exists():
            return "needs Chromium at /usr/bin/chromium (apt install chromium)"
    if marker == "poppler" and not shutil.which("pdftotext"):
        return "needs pdftotext (apt install poppler-utils)"
    return None


def pytest_collection_modifyitems(config, items):
    problems = {}
    for item in items:
        for marker in ("postgres", "redis", "celery_worker", "browser", "poppler"):
            if item.get_closest_marker(marker):
                reason = _missing(marker)
                if reason:
                    problems[marker] = reason
                    item.add_marker(pytest.mark.skip(reason=reason))
    if problems and REQUIRE:
        raise pytest.UsageError(
            "REQUIRE_SERVICES=1 but parts are missing: "
            + "; ".join(f"{k}: {v}" for k, v in problems.items())
        )


ROLE_MIGRATIONS = [
    "members.migrations.0002_roles",
    "members.migrations.0006_recruitment_roles",
    "meetings.migrations.0002_permissions",
    "adviezen.migrations.0002_roles",
    "budget.migrations.0002_roles",
    "adviesraad.background.migrations.0002_permissions",
]


def restore_roles() -> None:
    """Re-run the data migrations that create the role groups and their permissions.

    A transactional test (browser, race, worker) ends with a flush that empties every table,
    data-migration rows included; the tests after it need the roles back.
    """
    from importlib import import_module

    from django.apps import apps
    from django.db.migrations import RunPython

    for name in ROLE_MIGRATIONS:
        for op in import_module(name).Migration.operations:
            if isinstance(op, RunPython):
                op.code(apps, None)


@pytest.fixture(autouse=True)
def _roles_present(request):
    if not {"db", "transactional_db", "django_db_setup"} & set(
        request.fixturenames
    ) and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
    from django.contrib.auth.models import Group

    from members import roles

    if Group.objects.filter(name__in=roles.ALL_ROLES).count() < len(roles.ALL_ROLES):
        restore_roles()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return True
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


@pytest.fixture(autouse=True)
def _dutch():
    """Every test starts in the site's language, whatever the previous test switched to."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Each test starts without cached pages or rate-limit counts (the production caches
    stay on in the tests). The page cache is emptied the way the app does it: a new
    generation, as after a change (never by flushing the Redis that Celery shares)."""
    from adviesraad.pagecache import forget_public_pages

    cache.clear()
    forget_public_pages()
    yield


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def secretary(db):
    return role_user(
        "Secretariaat", email="secretaris@test.example", first_name="Sanne", last_name="Secretaris"
    )


@pytest.fixture
def chair(db):
    return role_user(
        "Voorzitter",
        "Leden",
        email="voorzitter@test.example",
        first_name="Henk",
        last_name="Voorzitter",
    )


@pytest.fixture
def member(db):
    return role_user("Leden", email="lid@test.example", first_name="Fatima", last_name="Lid")


@pytest.fixture
def other_member(db):
    return role_user("Leden", email="lid2@test.example", first_name="Piet", last_name="Anderlid")


@pytest.fixture
def treasurer(db):
    return role_user(
        "Penningmeester",
        "Leden",
        email="penningmeester@test.example",
        first_name="Johan",
        last_name="Penning",
    )


@pytest.fixture
def advisor(db):
    return role_user(
        "Bestuursadviseurs",
        email="adviseur@test.example",
        first_name="Ingrid",
        last_name="Adviseur",
    )


@pytest.fixture
def user_factory(db):
    return UserFactory


# --- a real Celery worker on Redis, sharing the test database -------------------------------


@pytest.fixture
def celery_workers(transactional_db, settings, tmp_path):
    """Start real Celery workers (``tests.processes.CeleryWorker``) on the test database.

    ``start(**env)`` starts one on a private queue (the same queue for every worker of the
    test, so a second worker takes over the first one's work) and waits until it answers a
    ping; ``env`` overrides its environment (``REDIS_URL`` for a private Redis, shorter
    outbox timings). The test process sends real messages to that queue (eager mode off).
    Every worker is stopped at the end, its whole process group.
    """
    from adviesraad.celery import app
    from tests.processes import CeleryWorker, app_env

    queue = f"test-{os.getpid()}-{time.time_ns()}"
    old = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    settings.CELERY_TASK_ALWAYS_EAGER = False
    started: list[CeleryWorker] = []

    def start(wait: bool = True, **env):
        worker = CeleryWorker(queue=queue, env=app_env(**env))
        started.append(worker)
        if wait:
            worker.wait_ready()
        return worker

    start.queue = queue
    start.started = started
    try:
        yield start
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = old
        for worker in started:
            worker.stop()


@pytest.fixture
def celery_worker_process(celery_workers):
    """One real Celery worker on Redis and the test database (see ``celery_workers``);
    ``.pid`` is its main process, ``.queue`` its queue."""
    return celery_workers()


# --- Chromium through Playwright ---------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server):
    context = _playwright_browser.new_context(
        locale="nl-NL", base_url=live_server.url, timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    context.close()


def totp_code(device) -> str:
    """The authenticator app's code for ``device`` now, or the next one if now's was used."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code.time = time.time()
    if device.last_t is not None and device.last_t >= code.t():
        code.time += device.step  # within the tolerance of one step
    return f"{code.token():0{device.digits}d}"


def browser_login(page, user, password="pw-Adviesraad-2026"):
    """Log in through the form; someone the council requires to use a second factor has an
    authenticator app (a confirmed device) and types its code, as in production."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from members.auth_services import second_factor_required_for

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and second_factor_required_for(user):
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        page.wait_for_url("**/accounts/login/code/")
        page.get_by_label("Code uit je authenticator-app of een herstelcode").fill(
            totp_code(device)
        )
        page.get_by_role("button", name="Code controleren").click()
    page.wait_for_url("**/dashboard/")


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (vendored) for WCAG 2.1 A/AA on the current page."""
    # Loaded from the site itself: the strict CSP (script-src 'self') refuses inline scripts.
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
