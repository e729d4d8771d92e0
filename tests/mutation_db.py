"""A test database per mutation worker, created once per run and reused by every mutant.

Loaded only by the mutation run (``bin/mutation.py`` passes ``-p tests.mutation_db``). mutmut
forks one process per mutant; each would otherwise build a test database from the
migrations (seconds each), and two running side by side would build the same one. Each
process takes a free slot (an ``flock`` held until it exits) and uses that slot's database:
``test_<name>_mut<slot>`` on PostgreSQL, ``.mutation/db-<slot>.sqlite3`` on SQLite. A slot's
database is dropped the first time a run (``MUTATION_RUN_ID``) uses it, so a run never
reuses one built from older migrations; after that ``--reuse-db`` keeps it.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

SLOTS = 8
_held: IO[str] | None = None
_base_name: str | None = None  # the database's own name, before a session renames it


def _state_dir() -> Path:
    # The run's working directory is mutants/; the slots live beside it, outside what is
    # copied afresh for every module.
    root = Path(os.environ.get("MUTATION_STATE_DIR") or Path.cwd().parent / ".mutation")
    root.mkdir(parents=True, exist_ok=True)
    return root


def _take_slot(root: Path) -> tuple[int, IO[str]]:
    for slot in range(SLOTS):
        handle = open(root / f"slot-{slot}.lock", "a+")  # noqa: SIM115 - held for the process
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        return slot, handle
    raise RuntimeError(f"more than {SLOTS} mutation workers at once")


def _drop(db: dict, name: str) -> None:
    if "sqlite" in db["ENGINE"]:
        Path(name).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    params = {
        "dbname": "postgres",
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def pytest_configure(config) -> None:
    global _held, _base_name
    from django.conf import settings

    root = _state_dir()
    slot, _held = _take_slot(root)
    db = settings.DATABASES["default"]
    _base_name = _base_name or str(db["NAME"])
    if "sqlite" in db["ENGINE"]:
        name = str(root / f"db-{slot}.sqlite3")
    else:
        name = f"test_{_base_name}_mut{slot}"
    db.setdefault("TEST", {})["NAME"] = name
    config.option.reuse_db = True
    run_id = os.environ.get("MUTATION_RUN_ID", "")
    stamp = root / f"slot-{slot}.run"
    if not stamp.exists() or stamp.read_text() != run_id:
        _drop(db, name)
        stamp.write_text(run_id)


def pytest_unconfigure(config) -> None:
    global _held
    from django.db import connections

    # The next process forked from this one must not share this one's connection.
    connections.close_all()
    if _held is not None:
        _held.close()
        _held = None
