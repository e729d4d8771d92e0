"""A bounded Python load generator, for machines without wrk (``bench/run.py`` says which).

``concurrency`` threads each send one request at a time over a new connection (gunicorn's
sync workers close every connection, as they do for wrk), for ``seconds`` seconds and at
most ``MAX_REQUESTS`` requests in all. Returns the figures wrk's ``bench/report.lua`` gives.
The client's own CPU (shared with the server on a small machine) caps the highest req/s it
can show, so ratios of fast pages to the floor read low; CPU per request is unaffected.
"""

from __future__ import annotations

import itertools
import socket
import threading
import time

MAX_REQUESTS = 200_000


def _one(port: int, request: bytes, timeout: float) -> int:
    """Send one request, read the whole answer; the HTTP status (0 on a socket error)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                break
            chunks.append(data)
    head = b"".join(chunks[:1])[:12]
    return int(head[9:12]) if head.startswith(b"HTTP/") else 0


def run(
    port: int,
    path: str,
    *,
    cookie: str = "",
    unique: bool = False,
    concurrency: int = 8,
    seconds: float = 3,
    timeout: float = 10,
) -> dict:
    counter = itertools.count(1)
    latencies: list[float] = []
    errors = [0, 0]  # socket errors, non-2xx/3xx answers
    lock = threading.Lock()
    sep = "&" if "?" in path else "?"
    extra = f"Cookie: {cookie}\r\n" if cookie else ""

    def request_bytes() -> bytes:
        target = f"{path}{sep}_n={next(counter)}" if unique else path
        return (
            f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n"
        ).encode()

    started = time.perf_counter()
    deadline = started + seconds

    def worker() -> None:
        mine: list[float] = []
        failed = [0, 0]
        while time.perf_counter() < deadline and len(latencies) + len(mine) < MAX_REQUESTS:
            t = time.perf_counter()
            try:
                status = _one(port, request_bytes(), timeout)
            except OSError:
                status = 0
            mine.append(time.perf_counter() - t)
            if status == 0:
                failed[0] += 1
            elif status >= 400:
                failed[1] += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed[0]
            errors[1] += failed[1]

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> int:
        return int(ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1e6)

    return {
        "requests": len(latencies),
        "duration_us": int(duration * 1e6),
        "bytes": 0,
        "errors": errors[0],
        "status_errors": errors[1],
        "p50_us": pct(50),
        "p95_us": pct(95),
        "p99_us": pct(99),
    }
