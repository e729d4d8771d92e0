"""Make one benchmark database ready: create it, migrate, seed once, print its marker as JSON.

``python -m bench.prepare --size full [--reseed] [--static] [--sessions]`` with
``BENCH_DATABASE_URL`` set by ``bench/run.py``. The last line of stdout is the JSON marker
(plus session cookies when asked).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def _pg_admin_url(url: str) -> tuple[str, str]:
    """The maintenance database's URL on the same server, and the bench database's name."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, "")), parts.path[1:]


def _sqlite_path(url: str) -> Path:
    path = urlsplit(url).path
    return Path(path[1:] if path.startswith("//") else path)


def ensure_database(url: str, *, reseed: bool, template: str = "") -> None:
    """Create the database (dropping it first on --reseed), as a copy of ``template`` (a
    migrated, empty bench database) when given: cloning is much faster than migrating."""
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        admin, name = _pg_admin_url(url)
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and reseed:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                exists = None
            if not exists:
                source = f' TEMPLATE "{_pg_admin_url(template)[1]}"' if template else ""
                conn.execute(f'CREATE DATABASE "{name}"{source}')
    else:
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        if reseed and path.exists():
            path.unlink()
        if template and not path.exists():
            shutil.copyfile(_sqlite_path(template), path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", required=True)
    ap.add_argument("--reseed", action="store_true")
    ap.add_argument("--static", action="store_true", help="collectstatic when not done yet")
    ap.add_argument("--sessions", action="store_true", help="log the demo users in")
    ap.add_argument("--template", default="", help="URL of a migrated empty bench database")
    args = ap.parse_args()
    url = os.environ["BENCH_DATABASE_URL"]
    ensure_database(url, reseed=args.reseed, template=args.template)

    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench import seed

    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    if args.static and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        t = time.monotonic()
        call_command("collectstatic", interactive=False, verbosity=0)
        log(f"  collectstatic in {time.monotonic() - t:.1f} s")
    if args.size == "empty":  # the template: migrated, nothing else
        call_command("migrate", interactive=False, verbosity=0)
        connection.close()
        print(json.dumps({"size": "empty"}))
        return
    marker = seed.db_marker()
    if marker is None or marker.get("size") != args.size:
        if marker is not None or "bench_marker" in connection.introspection.table_names():
            # a half-seeded or different data set: start over
            connection.close()
            ensure_database(url, reseed=True, template=args.template)
        t = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        log(f"  migrated in {time.monotonic() - t:.1f} s; seeding '{args.size}' ...")
        t = time.monotonic()
        marker = seed.seed(args.size, log=log)
        if connection.vendor == "postgresql":
            # as autovacuum leaves a live database: statistics, and the full-text index's
            # pending list merged (scanning 10,000 pending entries cost each search 15 ms)
            with connection.cursor() as cur:
                cur.execute("VACUUM ANALYZE")
        marker["seed_seconds"] = round(time.monotonic() - t, 1)
        log(f"  seeded in {marker['seed_seconds']} s")
        marker["reused"] = False
    else:
        call_command("migrate", interactive=False, verbosity=0)  # new migrations since
        marker["reused"] = True
    if args.sessions:
        from django.test import Client

        from members.models import User

        cookies = {}
        for key, pk in marker["users"].items():
            client = Client()
            client.force_login(User.objects.get(pk=pk))
            cookies[key] = client.cookies[settings.SESSION_COOKIE_NAME].value
        marker["sessions"] = cookies
    marker["vendor"] = connection.vendor
    print(json.dumps(marker))


if __name__ == "__main__":
    main()
