"""Profile one page in-process on a bench data set: where a request's CPU goes.

``python -m bench.profile /adviezen/ [--user secretaris] [--cached] [-n 50]`` with
``BENCH_DATABASE_URL`` (default: the SQLite ``full`` set under ``bench/.data/``). Each request
gets a new query string, as the ``cold`` rows do, unless ``--cached``. Uses pyinstrument when
it is installed (``pip install pyinstrument``, for measuring only), else cProfile.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path")
    ap.add_argument("-n", type=int, default=50, help="requests to profile")
    ap.add_argument("--user", default="", help="a demo user's key (secretaris, lid, ...)")
    ap.add_argument("--cached", action="store_true", help="the same URL every time")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.test import Client

    from bench.seed import db_marker
    from members.models import User

    client = Client()
    if args.user:
        client.force_login(User.objects.get(pk=db_marker()["users"][args.user]))
    sep = "&" if "?" in args.path else "?"

    def url(n: int) -> str:
        return args.path if args.cached else f"{args.path}{sep}_n={n}"

    for n in range(3):  # imports, templates, connections
        assert client.get(url(-n - 1)).status_code == 200
    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None  # noqa: N806
    started = time.process_time()
    if Profiler is not None:
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for n in range(args.n):
            client.get(url(n))
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    else:
        import cProfile
        import pstats

        with cProfile.Profile() as profile:
            for n in range(args.n):
                client.get(url(n))
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    took = (time.process_time() - started) * 1000 / args.n
    print(f"{args.path}: {took:.2f} CPU ms per request (profiler included), {args.n} requests")


if __name__ == "__main__":
    main()
