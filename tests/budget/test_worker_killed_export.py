"""Issue 6: a worker pool child SIGKILLed in the middle of a batch export (real worker, Redis,
PostgreSQL). The lost task is redelivered (acks_late, reject_on_worker_lost) and the export
finishes once: every declaration in the combined PDF exactly once, one export row."""

import os
import re
import signal
import time
from pathlib import Path

import pytest
from django.utils import timezone

from adviesraad.background.models import OutboxMessage
from budget import services
from budget.models import Declaration, DeclarationExport, DeclarationExportPart
from tests.budget.test_tasks import _approved

DECLARATIONS = 40
PAGES_PER_DECLARATION = 4  # cover + 2 PDF receipt pages + 1 image page
EXPORT_TASKS = (
    "budget.tasks.run_declarations_export",
    "budget.tasks.render_export_part",
    "budget.tasks.finish_declarations_export",
)


def _ppid(pid: int) -> int | None:
    """The parent pid from /proc/<pid>/stat (None when the process is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat[stat.rindex(")") + 2] != "Z"  # a zombie is dead, only not yet reaped


def _busy_pool_child(main_pid: int) -> tuple[int, str] | None:
    """A pool child of the worker that is running an export task right now."""
    for message in OutboxMessage.objects.filter(task_name__in=EXPORT_TASKS, state="running"):
        match = re.search(r":(\d+)$", message.worker or "")
        if match:
            pid = int(match.group(1))
            if pid != main_pid and _ppid(pid) == main_pid and _alive(pid):
                return pid, message.task_name
    return None


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_pool_child_killed_during_a_batch_export_the_export_finishes_once(
    celery_worker_process, claimant, secretary, treasurer, budget_year
):
    from pypdf import PdfReader

    main_pid = celery_worker_process.pid
    _approved(claimant, secretary, treasurer, budget_year, DECLARATIONS)
    today = timezone.localdate()
    export = services.declarations_export(start=today, end=today, by=treasurer)

    # As soon as the export runs, kill the pool child that is busy with it.
    victim = None
    deadline = time.monotonic() + 60
    while victim is None and time.monotonic() < deadline:
        export.refresh_from_db()
        assert export.status != DeclarationExport.Status.DONE, "finished before the kill"
        rendering = export.parts.filter(
            status=DeclarationExportPart.Status.PENDING, claimed_at__isnull=False
        ).exists()  # a part taken by a process and not yet rendered: mid-export
        if export.status == DeclarationExport.Status.RUNNING and rendering:
            victim = _busy_pool_child(main_pid)
        if victim is None:
            time.sleep(0.05)
    assert victim is not None, "no pool child was busy with the export"
    pid, task_name = victim
    os.kill(pid, signal.SIGKILL)
    gone = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < gone:
        time.sleep(0.05)
    assert not _alive(pid), f"pool child {pid} ({task_name}) survived SIGKILL"
    export.refresh_from_db()
    assert export.status != DeclarationExport.Status.DONE, "the kill came after the work"
    assert export.done < export.total

    deadline = time.monotonic() + 240  # a dead claim goes stale after 60 s, retries every 30 s
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status in (DeclarationExport.Status.DONE, DeclarationExport.Status.FAILED):
            break
        time.sleep(0.2)  # polling the row, not asserting on time
    parts = list(export.parts.values_list("number", "status", "claimed_at", "rendered"))
    assert export.status == DeclarationExport.Status.DONE, (
        f"killed {task_name} in pid {pid}; export {export.status} "
        f"done={export.done}/{export.total} attempts={export.attempts} "
        f"error={export.error!r} parts={parts} outbox="
        f"{list(OutboxMessage.objects.filter(task_name__in=EXPORT_TASKS).order_by('id').values_list('task_name', 'args', 'state', 'run_attempts', 'worker'))}"
    )
    assert export.done == export.total == DECLARATIONS
    assert DeclarationExport.objects.count() == 1

    pages = [p.extract_text() for p in PdfReader(export.file.path).pages]
    ids = list(
        Declaration.objects.order_by(
            "claimant__last_name", "claimant__first_name", "id"
        ).values_list("pk", flat=True)
    )
    first_cover = next(i for i, text in enumerate(pages) if f"Declaratie {ids[0]}" in text)
    assert first_cover >= 1  # the summary sheet comes first
    assert len(pages) == first_cover + DECLARATIONS * PAGES_PER_DECLARATION
    covers = [
        i
        for i, text in enumerate(pages[first_cover:], start=first_cover)
        if "pagina 1 van 4" in text and re.search(r"Declaratie \d+", text)
    ]
    assert len(covers) == DECLARATIONS  # no part merged twice, none missing
    for n, (index, pk) in enumerate(zip(covers, ids, strict=True)):
        assert index == first_cover + n * PAGES_PER_DECLARATION
        assert f"Declaratie {pk}" in pages[index]
