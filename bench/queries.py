"""SQL queries per request, in-process (Django test client + CaptureQueriesContext).

``python -m bench.queries`` with ``BENCH_DATABASE_URL`` pointing at a seeded small data set;
prints one JSON object: scenario name -> {"queries": n, "status": code, "bytes": n}.
Each page is requested once (imports, the page cache for the ``cached`` scenarios) and
counted on the second request. ``cold`` and ``search`` pages get a new query string each
time, as under load, so they are counted rendered: the count that shows an N+1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from adviesraad.pagecache import forget_public_pages
    from bench.scenarios import scenarios
    from bench.seed import db_marker
    from members.models import User

    setup_test_environment()  # lets the test client see templates rendered; no other effect
    forget_public_pages()
    marker = db_marker()
    out = {}
    for sc in scenarios(marker):
        client = Client()
        if sc.user:
            client.force_login(User.objects.get(pk=marker["users"][sc.user]))
        for k, v in sc.cookies:
            client.cookies[k] = v
        sep = "&" if "?" in sc.path else "?"
        first, second = (
            (f"{sc.path}{sep}_n=1", f"{sc.path}{sep}_n=2") if sc.unique else (sc.path, sc.path)
        )
        client.get(first)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(second)
        out[sc.name] = {
            "queries": len(ctx.captured_queries),
            "status": response.status_code,
            "bytes": len(response.content),
            "sql": [q["sql"][:300] for q in ctx.captured_queries]
            if os.environ.get("BENCH_SQL")
            else None,
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
