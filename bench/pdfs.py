"""PDF timings, in-process against the seeded full data set: medians of five.

``python -m bench.pdfs [--batch worker|inprocess] [--batch-repeats N]`` with
``BENCH_DATABASE_URL`` set. Prints one JSON object. With ``--batch worker`` the batch of 200
declarations goes through ``budget.services.declarations_export`` to the running Celery
worker (``bench/run.py`` starts it) and this process polls the export row until it is done;
with ``--batch inprocess`` the same service runs the task eagerly in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _median_of(fn, repeats: int) -> dict:
    fn()  # warm: fonts, templates, imports
    times, cpu = [], []
    size = 0
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        size = len(fn())
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {
        "median_s": round(statistics.median(times), 3),
        "cpu_median_s": round(statistics.median(cpu), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "repeats": repeats,
        "bytes": size,
    }


def _worker_error() -> str:
    """The last line of a traceback in the Celery worker's log (``bench/run.py`` names it)."""
    path = os.environ.get("BENCH_CELERY_LOG")
    if not path or not Path(path).exists():
        return ""
    lines = Path(path).read_text(errors="replace").splitlines()
    if not any(line.startswith("Traceback") for line in lines):
        return ""
    return next((x for x in reversed(lines) if x.strip() and not x.startswith(" ")), "traceback")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--batch", choices=["worker", "inprocess", "none"], default="none")
    ap.add_argument("--batch-repeats", type=int, default=1)
    ap.add_argument("--batch-timeout", type=float, default=150)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from adviezen.models import Advice
    from adviezen.services import letter_pdf
    from bench.seed import db_marker
    from budget.models import Declaration, DeclarationExport
    from budget.services import declaration_render_pdf, declarations_export
    from meetings.models import Meeting
    from meetings.services import agenda_pack_pdf
    from members.models import User

    marker = db_marker()
    advice = Advice.objects.get(pk=marker["letter_advice_id"])
    meeting = Meeting.objects.get(pk=marker["pack_meeting_id"])
    declaration = Declaration.objects.get(pk=marker["three_receipt_declaration_id"])
    out = {
        "advice_letter": _median_of(lambda: letter_pdf(advice), args.repeats),
        "agenda_pack": _median_of(
            lambda: agenda_pack_pdf(meeting, public_only=False), args.repeats
        ),
        "declaration_3_receipts": _median_of(
            lambda: declaration_render_pdf(declaration=declaration), args.repeats
        ),
    }
    out["agenda_pack"]["items"] = meeting.items.count()
    out["agenda_pack"]["documents"] = meeting.documents.count()
    out["declaration_3_receipts"]["receipts"] = declaration.receipts.count()
    if args.batch != "none":
        treasurer = User.objects.get(pk=marker["users"]["penningmeester"])
        today = timezone.localdate()
        times, sizes = [], []
        for _ in range(args.batch_repeats):
            t = time.perf_counter()
            export = declarations_export(
                start=today.replace(year=today.year - 1), end=today, by=treasurer
            )
            deadline = t + args.batch_timeout
            worker_error = ""
            while True:
                export.refresh_from_db()
                if export.status in (
                    DeclarationExport.Status.DONE,
                    DeclarationExport.Status.FAILED,
                ):
                    break
                worker_error = _worker_error()
                if worker_error or time.perf_counter() > deadline:
                    break
                time.sleep(0.1)  # polling the row the worker updates, not an assertion
            times.append(time.perf_counter() - t)
            if export.file:
                sizes.append(export.file.size)
            for f in (export.file, export.summary_file):
                if f:
                    default_storage.delete(f.name)
        out["batch_200"] = {
            "mode": args.batch,
            "status": export.status,
            "declarations": export.total,
            "median_s": round(statistics.median(times), 2),
            "times_s": [round(x, 2) for x in times],
            "bytes": sizes[-1] if sizes else 0,
            "error": (export.error or worker_error)[:300],
            "timed_out": export.status != DeclarationExport.Status.DONE and not worker_error,
        }
    out["process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
