"""A stand-in ``<app>.reminders`` module: tests put the reminders it returns in ``DUE``."""

import threading

DUE: list = []
BARRIER: list[threading.Barrier] = []
CALLS: list = []


def sweep(*, today):
    CALLS.append(today)
    if BARRIER:
        BARRIER[0].wait(timeout=10)
    return [dict(r) for r in DUE]
