"""Real processes for the fault tests: a Celery worker, beat, gunicorn, a private Redis.

Each runs in its own process group, so a test can kill the whole of it (a worker with its pool
children) with one ``SIGKILL``, and teardown never leaves a process behind. Every wait is
bounded and says what it waited for when it gives up.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def wait_for(check, *, timeout: float, what: str, interval: float = 0.1):
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url() -> str:
    """The URL of the database the test process uses (the test database)."""
    from django.db import connection

    db = connection.settings_dict
    return "postgres://{user}:{pw}@{host}:{port}/{name}".format(
        user=quote(db["USER"] or "postgres"),
        pw=quote(db["PASSWORD"] or ""),
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        name=db["NAME"],
    )


def app_env(**overrides: str) -> dict[str, str]:
    """The environment of an app process (worker, beat, gunicorn) on the test database."""
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "adviesraad.settings.test",
        "DATABASE_URL": test_database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PRIVATE_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    env.update(overrides)
    return env


class Process:
    """A child process in its own process group, its output in a file (read on failure)."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]):
        self.name = name
        self.log = Path(tempfile.mkstemp(prefix=f"adviesraad-{name}-", suffix=".log")[1])
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(  # noqa: S603
                argv,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid = self.proc.pid

    def output(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill_all(self) -> None:
        """SIGKILL to the whole process group (the main process and its children)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self, timeout: float = 5) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
        # whatever is left of the group (pool children, a hung process)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        with contextlib.suppress(OSError):
            self.log.unlink()


class CeleryWorker(Process):
    """``celery worker`` on its own queue, named so that a ping reaches only this one."""

    def __init__(self, *, queue: str, env: dict[str, str], concurrency: int = 2):
        self.queue = queue
        self.broker_url = env.get("REDIS_URL", "")
        self.hostname = f"test-{uuid.uuid4().hex[:12]}@localhost"
        super().__init__(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "adviesraad",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                "-Q",
                queue,
                "-n",
                self.hostname,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            {**env, "CELERY_TASK_DEFAULT_QUEUE": queue},
        )

    def wait_ready(self, timeout: float = 60) -> None:
        from celery import Celery

        # An app of its own for the ping: the project's app may hold a pool for another broker.
        pinger = Celery("ping", broker=self.broker_url, set_as_current=False)

        def ready():
            if not self.alive():
                raise RuntimeError(f"celery worker exited:\n{self.output()}")
            return pinger.control.ping(destination=[self.hostname], timeout=0.5)

        try:
            wait_for(ready, timeout=timeout, what="the celery worker to answer a ping")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{self.output()}") from None
        finally:
            pinger.close()


class CeleryBeat(Process):
    def __init__(self, *, env: dict[str, str], workdir: Path):
        super().__init__(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "adviesraad",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(workdir / "celerybeat-schedule"),
                "--max-interval",
                "1",
            ],
            env,
        )


class RedisServer(Process):
    """A Redis of the test's own (the shared one must never be stopped): no persistence."""

    def __init__(self, *, port: int | None = None, workdir: Path):
        self.port = port or free_port()
        self.workdir = workdir
        super().__init__(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],
            dict(os.environ),
        )
        wait_for(self.answers, timeout=20, what="the private redis-server")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.settimeout(0.5)
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def hang(self) -> None:
        """Stop the server without closing its sockets: connections open, nothing answers."""
        os.killpg(self.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.pid, signal.SIGCONT)

    def stop(self, timeout: float = 5) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGCONT)
        super().stop(timeout)


class Gunicorn(Process):
    def __init__(self, *, env: dict[str, str], workers: int = 1):
        self.port = free_port()
        super().__init__(
            "gunicorn",
            [
                str(BIN / "gunicorn"),
                "adviesraad.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
            ],
            env,
        )

        def listening():
            if not self.alive():
                raise RuntimeError(f"gunicorn exited:\n{self.output()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return True
            return False

        wait_for(listening, timeout=30, what="gunicorn to listen")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class SilentServer:
    """A TCP server that accepts connections and never says a word: a hung database."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)  # the kernel completes the handshakes; nobody ever answers
        self.port = self.sock.getsockname()[1]

    def close(self) -> None:
        self.sock.close()
